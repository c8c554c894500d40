import PaperCore

/// A repository that holds nothing, for tests of pure ranking code that never reaches it.
struct NoRepository: PaperRepository {
    func upsert(_ papers: [Paper]) async throws -> UpsertCounts { UpsertCounts() }
    func paper(_ id: PaperID) async throws -> Paper? { nil }
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
