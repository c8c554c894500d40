import Foundation
import HummingbirdTesting
import PaperCore
import Testing

@Suite struct PaperPageTests {
    @Test func showsLinksBibTeXAndSimilarPapers() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/2608.19880", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("<h1>EnvHarness: Awakening Static Worlds for Agent Learning</h1>"))
                #expect(page.contains("https://arxiv.org/abs/2608.19880"))
                #expect(page.contains("https://arxiv.org/pdf/2608.19880"))
                #expect(page.contains("@misc{huang2026envharness"))
                #expect(page.contains("data-copy=\"bibtex\""))
                #expect(page.contains("Similar papers"))
            }
        }
    }

    @Test func versionedAndPrefixedIdsFindThePaper() async throws {
        try await WebFixture.withApp { client in
            for uri in ["/papers/2608.19880v2", "/papers/arXiv:2608.19880"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                }
            }
        }
    }

    @Test func abstractTextShowsExactlyAsWrittenWithReadableMath() async throws {
        let paper = Paper(
            id: PaperID(rawValue: "2501.00001"), title: "Bounds for <script>alert(1)</script> & {braces}",
            abstract: "We show $O(n^{2})$ time when $\\alpha < 1$ & keep {curly} text; 3 < 4 > 2.",
            authors: [Author(name: "Ada <Lovelace>")], listedOn: Day("2026-08-21"), source: .huggingFace)
        try await withStore([paper]) { store in
            try await WebFixture.withApp(repository: store) { client in
                try await client.execute(uri: "/papers/2501.00001", method: .get) { response in
                    let page = response.text
                    #expect(!page.contains("<script>alert"))
                    #expect(page.contains("Bounds for &lt;script&gt;alert(1)&lt;/script&gt; &amp; {braces}"))
                    #expect(page.contains("<span class=\"math\">O(n<sup>2</sup>)</span>"))
                    #expect(page.contains("<span class=\"math\">α &lt; 1</span>"))
                    #expect(page.contains("keep {curly} text; 3 &lt; 4 &gt; 2."))
                    #expect(page.contains("Ada &lt;Lovelace&gt;"))
                }
            }
        }
    }
}
