import Foundation
import PaperCore

/// A list of papers written as RSS 2.0 or Atom 1.0. Every text is XML-escaped; links are absolute.
struct FeedDocument {
    let title: String
    let description: String
    /// The site's address (paper links go under it), the page the feed mirrors, and the feed's own address.
    let siteURL: String
    let pageURL: String
    let feedURL: String
    let papers: [Paper]
    let updated: Date
    /// The date each entry carries.
    var dating: Dating = .listing

    /// Which of a paper's dates its entry carries.
    enum Dating {
        /// The day a daily list had it, else its first arXiv version.
        case listing
        /// Its first arXiv version: a category's feed is ordered by it, as its pages are.
        case firstVersion

        func date(of paper: Paper) -> Date? {
            switch self {
            case .listing: paper.noticedAt
            case .firstVersion: paper.publishedAt
            }
        }
    }

    /// The document in `format`.
    func rendered(_ format: FeedFormat) -> String {
        format == .rss ? rss() : atom()
    }

    func rss() -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(x(title))</title>
        <link>\(x(pageURL))</link>
        <description>\(x(description))</description>
        <atom:link href="\(x(feedURL))" rel="self" type="application/rss+xml"/>
        <lastBuildDate>\(Self.rfc822(updated))</lastBuildDate>

        """
        for paper in papers {
            let link = paperURL(paper)
            xml += "<item>\n<title>\(x(paper.title))</title>\n<link>\(x(link))</link>\n"
            xml += "<guid isPermaLink=\"true\">\(x(link))</guid>\n"
            xml += "<pubDate>\(Self.rfc822(date(of: paper)))</pubDate>\n"
            xml += "<dc:creator>\(x(paper.authors.map(\.name).joined(separator: ", ")))</dc:creator>\n"
            for category in paper.categories { xml += "<category>\(x(category))</category>\n" }
            xml += "<description>\(x(paper.abstract))</description>\n</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    func atom() -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>\(x(title))</title>
        <subtitle>\(x(description))</subtitle>
        <id>\(x(feedURL))</id>
        <link rel="self" href="\(x(feedURL))"/>
        <link rel="alternate" type="text/html" href="\(x(pageURL))"/>
        <updated>\(Self.rfc3339(updated))</updated>

        """
        for paper in papers {
            let link = paperURL(paper)
            xml += "<entry>\n<title>\(x(paper.title))</title>\n<id>\(x(link))</id>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(link))\"/>\n"
            xml += "<updated>\(Self.rfc3339(date(of: paper)))</updated>\n"
            for author in paper.authors { xml += "<author><name>\(x(author.name))</name></author>\n" }
            if paper.authors.isEmpty { xml += "<author><name>unknown</name></author>\n" }
            for category in paper.categories { xml += "<category term=\"\(x(category))\"/>\n" }
            xml += "<summary>\(x(paper.abstract))</summary>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    private func paperURL(_ paper: Paper) -> String {
        siteURL + "/papers/" + paper.id.rawValue
    }

    private func date(of paper: Paper) -> Date {
        dating.date(of: paper) ?? updated
    }

    /// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids.
    private func x(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func rfc822(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)))
    }

    static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
