import PaperCore
import Synchronization

/// A repository that keeps each batch written to it, for tests of the importer; it answers no
/// queries. Every paper counts as inserted.
final class RecordingRepository: PaperRepository {
    private let batches = Mutex<[[Paper]]>([])

    /// The batches written so far, in order.
    var writtenBatches: [[Paper]] { batches.withLock { $0 } }
    /// Every paper written so far, in order.
    var written: [Paper] { writtenBatches.flatMap { $0 } }

    func upsert(_ papers: [Paper]) async throws -> UpsertCounts {
        batches.withLock { $0.append(papers) }
        return UpsertCounts(inserted: papers.count)
    }

    func paper(_ id: PaperID) async throws -> Paper? { written.last { $0.id == id } }
    func paper(doi: String) async throws -> Paper? { nil }
    func papers(ids: [PaperID]) async throws -> [Paper] { [] }
    func papers(after id: PaperID?, limit: Int) async throws -> [Paper] { [] }
    func listing(_ query: ListingQuery) async throws -> ListingPage { ListingPage(papers: [], total: 0) }
    func listingDays(ids: [PaperID]) async throws -> [PaperID: [Day]] { [:] }
    func latestListingDay(_ basis: ListingBasis, category: ArxivCategory?) async throws -> Day? { nil }
    func nearbyListingDays(_ day: Day, _ basis: ListingBasis, category: ArxivCategory?) async throws -> NearbyDays { NearbyDays(before: nil, after: nil) }
    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage { SearchPage(hits: [], total: 0) }
    func statistics() async throws -> StoreStatistics {
        StoreStatistics(papers: 0, papersBySource: [:], withCode: 0, firstListed: nil, lastListed: nil)
    }
}
