import Foundation
import PaperCore
import Testing
@testable import PaperMail

@Suite struct DigestRendererTests {
    static let papers: [Paper] = [
        Paper(id: PaperID(rawValue: "2503.00001"), title: "<script>alert('x')</script> considered\n  harmful",
              abstract: String(repeating: "We study attention & memory in large models. ", count: 20),
              authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"].map { Author(name: $0) },
              listedOn: Day(year: 2025, month: 3, day: 11), upvotes: 42, commentCount: 3, source: .huggingFace),
        Paper(id: PaperID(rawValue: "2503.00002"), title: "Small paper", abstract: "Short.",
              authors: [Author(name: "Émilie du Châtelet")], listedOn: Day(year: 2025, month: 3, day: 11),
              upvotes: 5, source: .huggingFace),
    ]

    let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: "https://papers.example.org/",
                                  from: MailAddress("digest@papers.example.org"))

    func render(_ period: Period = .day(Day(year: 2025, month: 3, day: 11)!)) -> MailMessage {
        renderer.render(papers: Self.papers, period: period, recipient: "reader@example.net",
                        unsubscribeURL: "https://papers.example.org/u/x?a=1&b=2")
    }

    @Test func listsEachPaperWithLinkAuthorsAndExcerpt() throws {
        let message = render()
        let html = try #require(message.htmlBody)
        #expect(message.subject == "Trending papers for 2025-03-11 · PaperFeed")
        #expect(message.textBody.contains("1. <script>alert('x')</script> considered harmful"))
        #expect(message.textBody.contains("   Ada Lovelace, Alan Turing, Grace Hopper et al."))
        #expect(message.textBody.contains("   42 upvotes\n"))
        #expect(message.textBody.contains("https://papers.example.org/papers/2503.00002"))
        #expect(html.contains("Émilie du Châtelet"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; considered harmful"))
        #expect(!html.contains("<script"))
        #expect(html.contains("We study attention &amp; memory"))
        #expect(html.contains("href=\"https://papers.example.org/u/x?a=1&amp;b=2\""))
        for line in message.textBody.split(separator: "\n") where !line.contains("https://") {
            #expect(line.count <= 72)
        }
    }

    @Test func trendingPapersSayWhyTheyTrend() {
        let ranked = TrendingRanker().rank(Self.papers, at: Day(year: 2025, month: 3, day: 11)!.start)
        let message = renderer.render(papers: ranked, period: .day(Day(year: 2025, month: 3, day: 11)!),
                                      recipient: "reader@example.net", unsubscribeURL: "https://x.example/u")
        #expect(message.textBody.contains("   42 upvotes · 3 comments · listed today\n"))
        #expect(message.htmlBody?.contains("42 upvotes · 3 comments · listed today") == true)
    }

    @Test func excerptStopsAtAWordNearTheLimit() {
        let excerpt = DigestRenderer.excerpt(Self.papers[0].abstract, length: 300)
        #expect(excerpt.count <= 301)
        #expect(excerpt.count > 250)
        #expect(excerpt.hasSuffix("…"))
        #expect(!excerpt.dropLast().hasSuffix(" "))
        #expect(DigestRenderer.excerpt("Short.", length: 300) == "Short.")
    }

    @Test func carriesOneClickUnsubscribeHeaders() {
        let message = render()
        #expect(message.header("List-Unsubscribe") == "<https://papers.example.org/u/x?a=1&b=2>")
        #expect(message.header("list-unsubscribe-post") == "List-Unsubscribe=One-Click")
        #expect(message.textBody.hasSuffix("Unsubscribe: https://papers.example.org/u/x?a=1&b=2\n"))
        let rendered = message.rendered()
        #expect(rendered.contains("\r\nList-Unsubscribe: <https://papers.example.org/u/x?a=1&b=2>\r\n"))
    }

    @Test func weeklyDigestNamesTheWeek() {
        let message = render(.week(year: 2025, week: 11))
        #expect(message.subject == "Trending papers of the week 2025-W11 · PaperFeed")
        #expect(message.textBody.contains("weekly digest"))
    }

    @Test func emptyPeriodStillRenders() {
        let message = renderer.render(papers: [Paper](), period: .day(Day(year: 2025, month: 3, day: 11)!),
                                      recipient: "reader@example.net", unsubscribeURL: "https://x.example/u")
        #expect(message.textBody.contains("No papers trended"))
        #expect(message.htmlBody?.contains("No papers trended") == true)
    }
}
