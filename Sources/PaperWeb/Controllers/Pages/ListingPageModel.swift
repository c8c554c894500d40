import PaperCore

/// Which papers a listing page shows: the daily feed (on the basis it follows, optionally
/// filtered to one category by `?cat=`), or one arXiv category's new papers.
enum ListingScope: Sendable {
    case daily(ListingBasis, filter: ArxivCategory?)
    case category(ArxivCategory)

    var basis: ListingBasis {
        switch self {
        case let .daily(basis, _): basis
        case .category: .appeared
        }
    }

    var category: ArxivCategory? {
        switch self {
        case let .daily(_, filter): filter
        case let .category(category): category
        }
    }

    var categories: [ArxivCategory] { category.map { [$0] } ?? [] }

    /// Where the scope's period pages live.
    var base: String {
        switch self {
        case .daily: "/papers"
        case let .category(category): "/papers/cat/\(category)"
        }
    }

    /// The scope's feed in `format` (`rss` or `atom`).
    func feed(_ format: String) -> String {
        switch self {
        case .daily(_, filter: nil): "/feeds/daily.\(format)"
        case let .daily(_, filter?): "/feeds/daily.\(format)?cat=\(filter)"
        case let .category(category): "/feeds/cat/\(category).\(format)"
        }
    }

    /// `path` with the query parameters the scope keeps (`cat` of a filtered feed) and page `p`.
    func link(_ path: String, page: Int? = nil) -> String {
        var query: [String] = []
        if let page, page > 0 { query.append("p=\(page)") }
        if case let .daily(_, filter?) = self { query.append("cat=\(filter)") }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The words of the link to the scope's RSS feed.
    var feedLabel: String {
        switch self {
        case .daily(_, nil): "Get the daily papers in your feed reader (RSS)"
        case let .daily(_, filter?): "Get the daily \(filter) papers in your feed reader (RSS)"
        case let .category(category): "Get the new \(category) papers in your feed reader (RSS)"
        }
    }

    func description(of heading: String) -> String {
        switch self {
        case .daily(.curated, _): "Research papers listed \(heading.lowercased()), ranked by upvotes."
        case .daily(.appeared, _): "Research papers that appeared \(heading.lowercased()), ranked by upvotes."
        case let .category(category): "New \(category) papers on arXiv, \(heading.lowercased())."
        }
    }
}

/// The model of a day, week or month page.
struct ListingPageModel {
    /// The home page offers the digest subscription.
    var showsSubscribe = false
    let heading: String
    let periodKind: String
    var cards: [PaperCard]
    let total: Int
    var totalLabel: String
    let isEmpty: Bool
    let previousURL: String?
    let nextURL: String?
    let previousLabel: String
    let nextLabel: String
    let dayURL: String
    let weekURL: String
    let monthURL: String
    let nearbyBeforeURL: String?
    let nearbyBefore: String?
    let nearbyAfterURL: String?
    let nearbyAfter: String?
    let olderPageURL: String?
    let newerPageURL: String?
    let rssURL: String
    let atomURL: String
    let feedLabel: String
    /// The daily feed's pages offer the category filter; `filter` is the one applied.
    let showsFilter: Bool
    let filter: String?

    init(period: Period, scope: ListingScope, result: PaperCore.ListingPage, page: Int, pageSize: Int, nearby: NearbyDays) {
        let first = period.days.lowerBound
        let base = scope.base
        func day(_ day: Day) -> String { scope.link("\(base)/date/\(day)") }
        cards = result.papers.enumerated().map { PaperCard($1, rank: page * pageSize + $0 + 1) }
        let total = result.total ?? result.papers.count
        self.total = total
        totalLabel = total == 1 ? "1 paper" : "\(total.formatted()) papers"
        isEmpty = result.papers.isEmpty
        dayURL = day(first)
        weekURL = scope.link("\(base)/week/\(Period.week(containing: first))")
        monthURL = scope.link("\(base)/month/\(Period.month(year: first.year, month: first.month))")
        nearbyBefore = nearby.before?.description
        nearbyAfter = nearby.after?.description
        nearbyBeforeURL = nearby.before.map(day)
        nearbyAfterURL = nearby.after.map(day)
        let title: String
        switch period {
        case let .day(today):
            title = "Papers of \(DayFormat.long(today))"
            periodKind = "day"
            previousURL = nearbyBeforeURL
            nextURL = nearbyAfterURL
            previousLabel = nearby.before.map(DayFormat.short) ?? ""
            nextLabel = nearby.after.map(DayFormat.short) ?? ""
        case let .week(year, week):
            title = "Papers of week \(week), \(year)"
            periodKind = "week"
            previousURL = scope.link("\(base)/week/\(period.previous)")
            nextURL = scope.link("\(base)/week/\(period.next)")
            previousLabel = "Week \(period.previous.description.suffix(2))"
            nextLabel = "Week \(period.next.description.suffix(2))"
        case let .month(year, month):
            title = "Papers of \(DayFormat.monthName(month)) \(year)"
            periodKind = "month"
            previousURL = scope.link("\(base)/month/\(period.previous)")
            nextURL = scope.link("\(base)/month/\(period.next)")
            previousLabel = DayFormat.monthName(period.previous.days.lowerBound.month)
            nextLabel = DayFormat.monthName(period.next.days.lowerBound.month)
        }
        switch scope {
        case .daily(_, nil): heading = title
        case let .daily(_, filter?): heading = title + " in \(filter)"
        case let .category(category): heading = "New in \(category): " + title
        }
        let hasMore = (page + 1) * pageSize < total
        olderPageURL = hasMore ? scope.link("", page: page + 1) : nil
        newerPageURL = page > 0 ? scope.link("", page: page - 1).nonEmpty ?? "?" : nil
        rssURL = scope.feed("rss")
        atomURL = scope.feed("atom")
        feedLabel = scope.feedLabel
        if case let .daily(_, filter) = scope {
            showsFilter = true
            self.filter = filter?.name
        } else {
            showsFilter = false
            filter = nil
        }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
