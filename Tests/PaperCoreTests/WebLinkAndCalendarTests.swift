import Foundation
import PaperCore
import Testing

/// Only http(s) addresses become links, and no date a request or record names can trap.
@Suite struct WebLinkAndCalendarTests {
    @Test(arguments: ["javascript:alert(document.domain)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                      "data:text/html,<b>", "vbscript:x", "//evil.example", "/relative", "https://", "http://exa mple.org",
                      "https://example.org/\u{0}", "file:///etc/passwd", "ftp://example.org", ""])
    func unsafeAddressesAreDropped(text: String) {
        #expect(WebLink.http(text) == nil)
    }

    @Test(arguments: ["https://github.com/owner/repo", "http://example.org/project?page=1#top", "HTTPS://Example.org"])
    func webAddressesAreKept(text: String) {
        #expect(WebLink.http(text) == text)
    }

    @Test func aPaperKeepsOnlyWebLinks() {
        let paper = Paper(id: PaperID(rawValue: "2608.00009"), title: "T", abstract: "Code at https://github.com/a/b.",
                          authors: [], githubRepo: "javascript:alert(1)", projectPage: "javascript:alert(1)", source: .huggingFace)
        #expect(paper.projectPage == nil)
        #expect(paper.githubRepo == "https://github.com/a/b")
    }

    @Test func daysPastTheCalendarHoldAtItsEnds() {
        #expect(Day(Date(timeIntervalSince1970: 1e12)) == Day.last)
        #expect(Day(Date(timeIntervalSince1970: -1e11)) == Day.first)
        #expect(Day(Date.distantPast) == Day.first)
        #expect(Day.last.adding(days: 400) == Day.last)
        #expect(Day.first.adding(days: -400) == Day.first)
        #expect(Day.last.adding(days: Int.max) == Day.last)
        #expect(Day(year: 2026, month: 8, day: 21)!.adding(days: 1) == Day(year: 2026, month: 8, day: 22)!)
    }

    @Test func periodsAtTheEdgesHaveNeighboursWithoutTrapping() throws {
        #expect(Period.month("9999-12") == nil)
        #expect(Period.week("9999-W52") == nil)
        for text in ["9998-12", "1900-01"] {
            let month = try #require(Period.month(text))
            _ = (month.previous.days, month.next.days, month.next.next.days)
        }
        for text in ["9998-W52", "1900-W01"] {
            let week = try #require(Period.week(text))
            _ = (week.previous.days, week.next.days, week.next.next.days)
        }
        _ = Period.week(containing: Day.last).days
        _ = Period.month(year: 10_000, month: 1).days
    }
}
