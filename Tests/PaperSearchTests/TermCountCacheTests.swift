import PaperCore
@testable import PaperSearch
import Testing

/// Candidates' term counts are read once and kept across requests; a paper the store no longer
/// gives has none; past its capacity the cache keeps what the latest request asked for.
@Suite struct TermCountCacheTests {
    actor Reads {
        private(set) var asked: [[PaperID]] = []
        func record(_ ids: [PaperID]) { asked.append(ids) }
    }

    static func paper(_ id: String, _ title: String) -> Paper {
        Paper(id: PaperID(rawValue: id), title: title, abstract: "", authors: [], source: .huggingFace)
    }

    static let store = ["a": paper("a", "Quokka kernels"), "b": paper("b", "Wombat attention"), "c": paper("c", "Numbat graphs")]

    static func reader(_ reads: Reads) -> @Sendable ([PaperID]) async throws -> [Paper] {
        { ids in
            await reads.record(ids)
            return ids.compactMap { store[$0.rawValue] }
        }
    }

    @Test func readsOnlyPapersNotCountedYet() async throws {
        let cache = TermCountCache(), reads = Reads()
        let first = try await cache.counts(of: ["a", "b"].map(PaperID.init(rawValue:)), read: Self.reader(reads))
        #expect(first[PaperID(rawValue: "a")] == PaperTerms.counts("Quokka kernels\n"))
        let second = try await cache.counts(of: ["b", "c", "gone"].map(PaperID.init(rawValue:)), read: Self.reader(reads))
        #expect(Set(second.keys.map(\.rawValue)) == ["b", "c"], "a paper the store does not give (hidden, removed) has no counts")
        #expect(await reads.asked.map { $0.map(\.rawValue) } == [["a", "b"], ["c", "gone"]])
    }

    @Test func pastItsCapacityKeepsWhatTheLatestRequestAskedFor() async throws {
        let cache = TermCountCache(capacity: 2), reads = Reads()
        _ = try await cache.counts(of: ["a", "b"].map(PaperID.init(rawValue:)), read: Self.reader(reads))
        _ = try await cache.counts(of: [PaperID(rawValue: "c")], read: Self.reader(reads))
        #expect(await cache.count == 1)
        _ = try await cache.counts(of: [PaperID(rawValue: "c")], read: Self.reader(reads))
        #expect(await reads.asked.count == 2, "c is still kept")
    }
}
