import PaperCore
import PaperSearch
import Testing

/// A period's candidate ids are read once per lifetime, for every request in it.
@Suite struct CandidateIDCacheTests {
    actor Reads {
        private(set) var count = 0
        func record() { count += 1 }
    }

    static let days = Day(year: 2026, month: 8, day: 1)!...Day(year: 2026, month: 8, day: 30)!

    static func reader(_ reads: Reads) -> @Sendable (ClosedRange<Day>) async throws -> [PaperID] {
        { days in
            await reads.record()
            return [PaperID(rawValue: days.lowerBound.description)]
        }
    }

    @Test func aPeriodIsReadOncePerLifetime() async throws {
        let kept = CandidateIDCache(lifetime: .seconds(3_600)), reads = Reads()
        for _ in 0..<3 { #expect(try await kept.ids(days: Self.days, read: Self.reader(reads)) == [PaperID(rawValue: "2026-08-01")]) }
        #expect(await reads.count == 1)
        _ = try await kept.ids(days: Self.days.lowerBound...Self.days.lowerBound, read: Self.reader(reads))
        #expect(await reads.count == 2, "another period is read for itself")

        let expired = CandidateIDCache(lifetime: .zero), again = Reads()
        for _ in 0..<3 { _ = try await expired.ids(days: Self.days, read: Self.reader(again)) }
        #expect(await again.count == 3)
    }
}
