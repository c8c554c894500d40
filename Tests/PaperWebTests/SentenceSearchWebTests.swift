import Foundation
import HummingbirdTesting
import PaperCore
import PaperSearch
import PaperStore
import Testing

/// The search page for a sentence (issue 13): results, and a count that says whether the papers
/// have all the words or some; the help line says how the mode that answered reads the query.
@Suite struct SentenceSearchWebTests {
    static let papers = [
        Paper(id: PaperID(rawValue: "2501.00001"), title: "Robots learn from videos of people", abstract: "Imitation at scale.",
              authors: [Author(name: "Ada Lovelace")], source: .huggingFace),
        Paper(id: PaperID(rawValue: "2501.00002"), title: "Robot grasping", abstract: "We train robots in simulation.",
              authors: [Author(name: "Grace Hopper")], source: .huggingFace),
        Paper(id: PaperID(rawValue: "2501.00003"), title: "Protein folding", abstract: "How do proteins fold?",
              authors: [Author(name: "Alan Turing")], source: .huggingFace),
    ]

    @Test func aQuestionFindsPapersAndTheCountSaysTheyMatchSomeOfTheWords() async throws {
        try await withStore(Self.papers) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/papers?q=how+do+robots+learn+from+videos&mode=keyword", method: .get) { response in
                    #expect(response.status == .ok)
                    let page = response.text
                    #expect(page.contains("2 papers match some of the words of <strong>how do robots learn from videos</strong>"
                        + " (the one with all of them first)"), "\(page)")
                    let first = try #require(page.range(of: "/papers/2501.00001")?.lowerBound)
                    let second = try #require(page.range(of: "/papers/2501.00002")?.lowerBound)
                    #expect(first < second)
                    #expect(!page.contains("/papers/2501.00003"))
                    #expect(!page.contains("All words must match"))
                    #expect(page.contains("Papers with more of the words rank first"))
                }
                try await client.execute(uri: "/papers?q=robots+AND+videos&mode=keyword", method: .get) { response in
                    #expect(response.text.contains("1 paper matches <strong>"), "\(response.text)")
                }
                try await client.execute(uri: "/papers?q=learn+videos&mode=keyword", method: .get) { response in
                    #expect(response.text.contains("1 paper matches all the words of <strong>"), "\(response.text)")
                }
            }
        }
    }

    @Test func theSemanticHelpLineSaysNothingOfWords() async throws {
        let (store, semantic) = try await SemanticSearchTests.seeded.value
        try await WebFixture.withApp(repository: store, semantic: semantic) { client in
            try await client.execute(uri: "/papers?q=how+do+robots+learn+from+videos&mode=semantic", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("All words must match"))
                #expect(!response.text.contains("Papers with more of the words"))
                #expect(response.text.contains("Finds papers by meaning"))
                #expect(response.text.contains("nearest in meaning to <strong>"))
            }
            try await client.execute(uri: "/papers?mode=semantic", method: .get) { response in
                #expect(response.text.contains("Finds papers by meaning"))
            }
        }
    }
}
