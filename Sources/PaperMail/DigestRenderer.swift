import Foundation
import PaperCore

/// Turns a period's trending papers into the digest email: a plain-text part, an HTML part
/// (tables and inline styles only, which common mail clients render) and RFC 8058 one-click
/// unsubscribe headers.
public struct DigestRenderer: Sendable {
    /// One paper as the digest shows it.
    public struct Entry: Sendable {
        /// The title, whitespace collapsed; escaped only when put into HTML.
        public var title: String
        /// `Ada Lovelace, Alan Turing, Grace Hopper et al.`
        public var authors: String
        /// Why it is listed: `42 upvotes · 3 comments · listed today`.
        public var reasons: String
        /// `siteURL/papers/{id}`.
        public var url: String
        /// The first ``DigestRenderer/abstractLength`` characters of the abstract, cut at a word.
        public var excerpt: String
    }

    /// Shown in the subject, the heading and the footer.
    public var siteName: String
    /// The public base URL, e.g. `https://papers.example.org`; links are `siteURL/papers/{id}`.
    public var siteURL: String
    /// The digest's sender.
    public var from: MailAddress
    /// Characters of the abstract shown (about; the excerpt ends at a word).
    public var abstractLength: Int
    /// Authors named before `et al.`.
    public var maxAuthors: Int

    /// A trailing `/` on `siteURL` is dropped.
    public init(siteName: String, siteURL: String, from: MailAddress, abstractLength: Int = 300, maxAuthors: Int = 3) {
        self.siteName = siteName
        self.siteURL = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        self.from = from
        self.abstractLength = abstractLength
        self.maxAuthors = maxAuthors
    }

    /// Papers under one heading: a personal digest's "New from authors you follow" and the like.
    public struct Section: Sendable {
        public var title: String
        public var entries: [Entry]
        public init(title: String, entries: [Entry]) {
            self.title = title
            self.entries = entries
        }
    }

    /// The digest of `papers` (already ranked, shown in this order) for `period`, addressed to
    /// `recipient`, whose personal one-click unsubscribe link is `unsubscribeURL`. A personal
    /// digest's `personal` sections come first; the trending papers follow under their own heading.
    public func render(
        papers: [TrendingPaper], personal: [Section] = [], period: Period, categories: [ArxivCategory] = [], recipient: MailAddress,
        unsubscribeURL: String, date: Date = Date()
    ) -> MailMessage {
        render(entries: papers.map { entry(for: $0.paper, reasons: $0.reasons) }, personal: personal, period: period,
               categories: categories, recipient: recipient, unsubscribeURL: unsubscribeURL, date: date)
    }

    /// The digest of `papers` in this order, with upvotes as the reason.
    public func render(
        papers: [Paper], period: Period, recipient: MailAddress, unsubscribeURL: String, date: Date = Date()
    ) -> MailMessage {
        let entries = papers.map { entry(for: $0, reasons: "\($0.upvotes) upvote\($0.upvotes == 1 ? "" : "s")") }
        return render(entries: entries, personal: [], period: period, categories: [], recipient: recipient,
                      unsubscribeURL: unsubscribeURL, date: date)
    }

    func render(entries: [Entry], personal: [Section], period: Period, categories: [ArxivCategory], recipient: MailAddress,
                unsubscribeURL: String, date: Date) -> MailMessage {
        let unsubscribe = unsubscribeURL.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        let heading = heading(for: period, categories: categories)
        let personal = personal.filter { !$0.entries.isEmpty }
        // Alone, the trending papers need no heading of their own: the digest's says what they are.
        let sections = personal + [Section(title: personal.isEmpty ? "" : "Trending", entries: entries)]
        let context = Context(sections: sections, heading: heading, cadence: cadence(of: period), recipient: recipient.address,
                              unsubscribeURL: unsubscribe)
        let forYou = personal.reduce(0) { $0 + $1.entries.count }
        return MailMessage(
            from: from, to: recipient, subject: (forYou > 0 ? "\(forYou) new for you · " : "") + "\(heading) · \(siteName)",
            textBody: text(context), htmlBody: html(context),
            headers: [
                ("List-Unsubscribe", "<\(unsubscribe)>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                // Asks auto-responders (vacation replies) to stay quiet (RFC 3834).
                ("Auto-Submitted", "auto-generated"),
            ],
            date: date
        )
    }

    /// What the text and HTML parts are made from. The last section is the trending papers.
    struct Context {
        var sections: [Section]
        var heading: String
        var cadence: String
        var recipient: String
        var unsubscribeURL: String
    }

    func entry(for paper: Paper, reasons: String) -> Entry {
        let names = paper.authors.map(\.name)
        var authors = names.prefix(maxAuthors).joined(separator: ", ")
        if names.count > maxAuthors { authors += " et al." }
        let id = paper.id.rawValue.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? paper.id.rawValue
        return Entry(title: Self.collapsed(paper.title), authors: authors, reasons: reasons,
                     url: "\(siteURL)/papers/\(id)", excerpt: Self.excerpt(paper.abstract, length: abstractLength))
    }

    func heading(for period: Period, categories: [ArxivCategory] = []) -> String {
        let scope = categories.isEmpty ? "" : " in " + categories.map(\.name).joined(separator: ", ")
        return switch period {
        case let .day(day): "Trending papers\(scope) for \(day)"
        case .week: "Trending papers\(scope) of the week \(period)"
        case .month: "Trending papers\(scope) of \(period)"
        }
    }

    func cadence(of period: Period) -> String {
        switch period {
        case .day: "daily"
        case .week: "weekly"
        case .month: "monthly"
        }
    }

    /// Whitespace (newlines in arXiv titles and abstracts) collapsed to single spaces.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The first `length` characters of `text`, cut back to a word boundary, with `…` when cut.
    static func excerpt(_ text: String, length: Int) -> String {
        let flat = collapsed(text)
        guard flat.count > length else { return flat }
        var cut = String(flat.prefix(length))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > length / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last.isWhitespace || ",;:-(".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}
