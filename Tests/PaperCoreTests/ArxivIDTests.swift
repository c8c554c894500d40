import PaperCore
import Testing

@Suite struct ArxivIDTests {
    @Test(arguments: [
        ("2608.13558", "2608.13558", nil),
        ("2608.13558v2", "2608.13558", 2),
        ("arXiv:2608.13558", "2608.13558", nil),
        ("  arxiv:2104.12255v1 ", "2104.12255", 1),
        ("https://arxiv.org/abs/2608.13558v3", "2608.13558", 3),
        ("http://arxiv.org/pdf/2608.13558v1.pdf", "2608.13558", 1),
        ("https://arxiv.org/pdf/2608.13558", "2608.13558", nil),
        ("0704.0001", "0704.0001", nil),
        ("hep-th/9901001v1", "hep-th/9901001", 1),
        ("astro-ph/0601001", "astro-ph/0601001", nil),
        ("quant-ph/0201082v1", "quant-ph/0201082", 1),
        ("math.ag/0601001", "math.AG/0601001", nil),
        ("http://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", nil),
    ] as [(String, String, Int?)])
    func parsesTheFormsPeoplePaste(input: String, base: String, version: Int?) throws {
        let id = try #require(ArxivID(parsing: input))
        #expect(id.base == base)
        #expect(id.version == version)
    }

    @Test(arguments: [
        "", "abc", "2608.1355", "2608.135589", "2613.13558", "1412.12345", "0612.0001",
        "2608.13558v", "2608.13558v0", "hep-th/990100", "hep th/9901001", "hep-th/9913001",
        "https://example.org/abs/2608.13558", "0000.0000",
    ])
    func rejectsWhatIsNotAnArxivID(input: String) {
        #expect(ArxivID(parsing: input) == nil)
    }

    @Test func describesItselfWithItsVersion() {
        #expect(ArxivID(parsing: "arXiv:2608.13558v2")?.description == "2608.13558v2")
        #expect(PaperID(ArxivID(parsing: "2608.13558v2")!).rawValue == "2608.13558")
    }
}

@Suite struct DayTests {
    @Test func parsesDatesAndTimestamps() {
        #expect(Day("2025-03-11")?.description == "2025-03-11")
        #expect(Day("2025-03-11T07:45:00.000Z") == Day(year: 2025, month: 3, day: 11))
        #expect(Day("2024-02-29") != nil)
    }

    @Test(arguments: ["2025-13-45", "2025-02-30", "2023-02-29", "2025-3-1", "yesterday", ""])
    func rejectsImpossibleDates(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func addsDaysAcrossMonthEnds() {
        #expect(Day("2025-02-28")!.adding(days: 1).description == "2025-03-01")
        #expect(Day("2025-01-01")!.adding(days: -1).description == "2024-12-31")
    }
}
