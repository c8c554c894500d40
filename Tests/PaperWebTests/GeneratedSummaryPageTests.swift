import Foundation
import HummingbirdTesting
import PaperCore
import Testing

@Suite struct GeneratedSummaryPageTests {
    @Test func generatedSummaryAndKeywordsShowMarkedWhereHuggingFaceHasNone() async throws {
        let paper = Paper(id: PaperID(rawValue: "2501.00001"), title: "Robot grasping", abstract: "We grasp. It works well.",
                          authors: [Author(name: "Ada")], listedOn: Day("2026-08-21"), source: .oaiPMH)
        try await withStore([paper]) { store in
            try await store.storeGeneratedSummaries(
                [paper.id: GeneratedSummary(summary: "It works well.", keywords: ["robot grasping", "grasp <planner>"])], model: "m")
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/papers/2501.00001", method: .get) { response in
                    let page = response.text
                    #expect(page.contains("Summary (generated):</strong> It works well."))
                    #expect(page.contains("Keywords (generated):"))
                    #expect(page.contains("grasp &lt;planner&gt;"))
                    #expect(!page.contains("In one sentence:"))
                }
            }
        }
    }
}
