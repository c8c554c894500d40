import Foundation
import PaperCore
@testable import PaperMail
import Testing

/// A personal digest: its sections above the trending papers, in both parts, with their reasons.
@Suite struct PersonalDigestRenderingTests {
    let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: "https://papers.example.org",
                                  from: MailAddress("digest@papers.example.org"))

    var trending: [DigestRenderer.Entry] { [renderer.entry(for: paper("2601.00003", "A trending paper"), reasons: "42 upvotes")] }

    func paper(_ id: String, _ title: String) -> Paper {
        Paper(id: PaperID(rawValue: id), title: title, abstract: "An abstract.", authors: [Author(name: "Ada Lovelace")], source: .huggingFace)
    }

    @Test func personalSectionsComeFirstWithTheirReasonsAndTheTrendingPapersFollow() {
        let personal = [
            DigestRenderer.Section(title: PersonalDigestItem.Section.followedAuthors.title,
                                   entries: [renderer.entry(for: paper("2601.00001", "Sparse <attention>"), reasons: "by Ada Lovelace")]),
            DigestRenderer.Section(title: PersonalDigestItem.Section.savedSearches.title, entries: []),
            DigestRenderer.Section(title: PersonalDigestItem.Section.recommended.title,
                                   entries: [renderer.entry(for: paper("2601.00002", "Protein folding"),
                                                            reasons: "like “Folding proteins” · shared: folding")]),
        ]
        let message = renderer.render(entries: trending, personal: personal, period: .day(Day("2027-01-15")!), categories: [],
                                      recipient: MailAddress("ada@example.org"),
                                      unsubscribeURL: "https://papers.example.org/digest/unsubscribe/t", date: Date())
        #expect(message.subject == "2 new for you · Trending papers for 2027-01-15 · PaperFeed")
        let text = message.textBody
        let order = ["New from authors you follow", "by Ada Lovelace", "Recommended for you", "shared: folding", "Trending\n", "A trending paper"]
            .map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil }, "\(text)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(!text.contains("New for your saved searches"), "an empty section is left out")
        let html = message.htmlBody ?? ""
        #expect(html.contains("Sparse &lt;attention&gt;") && html.contains("Recommended for you"))
        #expect(message.headers.contains { $0.0 == "List-Unsubscribe-Post" && $0.1 == "List-Unsubscribe=One-Click" })
    }

    @Test func withoutPersonalPapersTheDigestIsTheTrendingOne() {
        let date = Date()
        let plain = renderer.render(entries: trending, personal: [], period: .day(Day("2027-01-15")!), categories: [],
                                    recipient: MailAddress("a@example.org"), unsubscribeURL: "u", date: date)
        let empty = renderer.render(entries: trending, personal: [DigestRenderer.Section(title: "Recommended for you", entries: [])],
                                    period: .day(Day("2027-01-15")!), categories: [], recipient: MailAddress("a@example.org"),
                                    unsubscribeURL: "u", date: date)
        #expect(plain.subject == "Trending papers for 2027-01-15 · PaperFeed")
        #expect(empty.subject == plain.subject && empty.textBody == plain.textBody)
        #expect(!plain.textBody.contains("Trending\n~"))
    }
}
