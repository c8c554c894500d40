import Foundation
import PaperSearch
import Testing
import TestSupport

@Suite struct BEIRJudgmentsTests {
    @Test func readsJudgedQueriesWithGradesAndLeavesOutTheUnjudged() throws {
        let dataset = try BEIRMiniDataset()
        defer { dataset.remove() }
        let judgments = try SearchEvaluation.beirJudgments(in: dataset.folder)
        #expect(judgments.map(\.query) == ["Does vitamin D strengthen bones?", "coral bleaching ocean warming", "lack of sleep hurts memory"])
        #expect(judgments[0].relevant == ["d1", "d5"])
        #expect(judgments[0].grades == ["d1": 2, "d5": 1])
        // A grade of 0 means judged and not relevant.
        #expect(judgments[2].relevant == ["d3"])
    }

    @Test func aMissingSplitOrAMalformedLineIsAClearError() throws {
        let dataset = try BEIRMiniDataset()
        defer { dataset.remove() }
        #expect(throws: BEIRFormatError.self) { try SearchEvaluation.beirJudgments(in: dataset.folder, split: "dev") }
        try "query-id\tcorpus-id\tscore\nq1\td1\n".write(to: dataset.folder.appendingPathComponent("qrels/test.tsv"),
                                                       atomically: true, encoding: .utf8)
        let error = #expect(throws: BEIRFormatError.self) { try SearchEvaluation.beirJudgments(in: dataset.folder) }
        #expect(error?.description.contains("line 2") == true)
    }
}
