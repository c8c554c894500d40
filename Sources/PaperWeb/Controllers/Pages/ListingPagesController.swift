import Hummingbird
import PaperCore
import PaperSearch

/// The daily feed: `/`, `/papers/date/…`, `/papers/week/…`, `/papers/month/…`, `/papers/trending`,
/// and each arXiv category's new papers under `/papers/cat/:category` (with the same periods).
struct ListingPagesController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let trending: TrendingFeed
    let clock: any WallClock
    let renderer: PageRenderer
    let votes: VoteMarks
    let cache: ResponseCache
    static var pageSize: Int { 50 }

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/", query: ["p"]) { request, context in try await home(request, context) }
        registerPeriods(under: "/papers", on: router) { _ in nil }
        router.cachedGet(cache, "/papers/trending") { _, context in try await trendingPage(context) }
        // A category's new papers, by the day they appeared on arXiv: the latest day, or a period.
        router.cachedGet(cache, "/papers/cat/:category", query: ["p"]) { request, context in
            let category = try Self.category(context)
            let day = try await repository.latestListingDay(category: category) ?? Day(clock.now())
            return try await listing(.day(day), category: category, request, context)
        }
        registerPeriods(under: "/papers/cat/:category", on: router) { try Self.category($0) }
    }

    /// `base/date/…`, `base/week/…` and `base/month/…`, for the feed or for one category.
    private func registerPeriods(under base: String, on router: Router<Context>,
                                 category: @escaping @Sendable (Context) throws -> ArxivCategory?) {
        router.cachedGet(cache, RouterPath(base + "/date/:day"), query: ["p"]) { request, context in
            let text = try context.parameters.require("day")
            guard let day = Day(text) else { throw RequestError.badRequest("'\(text)' is not a date: use YYYY-MM-DD, e.g. 2025-03-11.") }
            return try await listing(.day(day), category: try category(context), request, context)
        }
        router.cachedGet(cache, RouterPath(base + "/week/:week"), query: ["p"]) { request, context in
            let text = try context.parameters.require("week")
            guard let week = Period.week(text) else { throw RequestError.badRequest("'\(text)' is not a week: use YYYY-Www, e.g. 2025-W11.") }
            return try await listing(week, category: try category(context), request, context)
        }
        router.cachedGet(cache, RouterPath(base + "/month/:month"), query: ["p"]) { request, context in
            let text = try context.parameters.require("month")
            guard let month = Period.month(text) else { throw RequestError.badRequest("'\(text)' is not a month: use YYYY-MM, e.g. 2025-03.") }
            return try await listing(month, category: try category(context), request, context)
        }
    }

    static func category(_ context: Context) throws -> ArxivCategory {
        let text = try context.parameters.require("category")
        guard let category = ArxivCategory(text) else {
            throw RequestError.badRequest("'\(text)' is not an arXiv category: use a name such as cs.CL, math.AP, hep-th or cs.")
        }
        return category
    }

    private func home(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let day = try await repository.latestListingDay() ?? Day(clock.now())
        return try await listing(.day(day), request, context, isHome: true)
    }

    private func listing(_ period: Period, category: ArxivCategory? = nil, _ request: Request, _ context: Context,
                         isHome: Bool = false) async throws -> BodyResponse {
        let page = try request.integer("p", default: 0, in: 0...10_000)
        let result = try await repository.listing(ListingQuery(days: period.days, category: category, order: .upvotes,
                                                               limit: Self.pageSize, offset: page * Self.pageSize))
        var nearby = NearbyDays(before: nil, after: nil)
        if case let .day(day) = period { nearby = try await repository.nearbyListingDays(day, category: category) }
        var model = ListingPageModel(period: period, category: category, result: result, page: page, pageSize: Self.pageSize,
                                     nearby: nearby)
        model.showsSubscribe = isHome
        try await votes.mark(&model.cards, for: context.visitor)
        let feed = category.map { "/feeds/cat/\($0)" } ?? "/feeds/daily"
        let chrome = PageChrome(title: model.heading, rssURL: feed + ".rss", atomURL: feed + ".atom",
                                description: category.map { "New \($0) papers on arXiv, \(model.heading.lowercased())." }
                                    ?? "Research papers listed \(model.heading.lowercased()), ranked by upvotes.")
        return .html(renderer.render("listing", model, chrome: chrome, visitor: context.visitor))
    }

    private func trendingPage(_ context: Context) async throws -> BodyResponse {
        let ranked = try await trending.papers(limit: Self.pageSize)
        var model = TrendingPageModel(cards: ranked.enumerated().map { index, item in
            PaperCard(item.paper, rank: index + 1, reasons: item.reasons + String(format: " · score %.1f", item.score))
        })
        try await votes.mark(&model.cards, for: context.visitor)
        let chrome = PageChrome(title: "Trending papers", rssURL: "/feeds/trending.rss", atomURL: "/feeds/trending.atom",
                                description: "Papers getting the most attention this week.")
        return .html(renderer.render("trending", model, chrome: chrome, visitor: context.visitor))
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
    let totalLabel: String
    let isEmpty: Bool
    let previousURL: String?
    let nextURL: String?
    let previousLabel: String
    let nextLabel: String
    let dayURL: String
    let weekURL: String
    let monthURL: String
    let nearbyBefore: String?
    let nearbyAfter: String?
    /// The pages of the nearest days with papers, in the same category (an empty day offers them).
    let nearbyBeforeURL: String?
    let nearbyAfterURL: String?
    /// The feed of what this page lists: the category's, else the daily one.
    let feedURL: String
    let feedLabel: String
    let olderPageURL: String?
    let newerPageURL: String?

    init(period: Period, category: ArxivCategory? = nil, result: PaperCore.ListingPage, page: Int, pageSize: Int,
         nearby: NearbyDays) {
        let first = period.days.lowerBound
        let base = category.map { "/papers/cat/\($0)" } ?? "/papers"
        let prefix = category.map { "New in \($0): " } ?? ""
        cards = result.papers.enumerated().map { PaperCard($1, rank: page * pageSize + $0 + 1) }
        total = result.total
        totalLabel = result.total == 1 ? "1 paper" : "\(result.total.formatted()) papers"
        isEmpty = result.papers.isEmpty
        dayURL = "\(base)/date/\(first)"
        weekURL = "\(base)/week/\(Period.week(containing: first))"
        monthURL = "\(base)/month/\(Period.month(year: first.year, month: first.month))"
        nearbyBefore = nearby.before?.description
        nearbyAfter = nearby.after?.description
        nearbyBeforeURL = nearby.before.map { "\(base)/date/\($0)" }
        nearbyAfterURL = nearby.after.map { "\(base)/date/\($0)" }
        feedURL = (category.map { "/feeds/cat/\($0)" } ?? "/feeds/daily") + ".rss"
        feedLabel = category.map { "Get the new \($0) papers in your feed reader (RSS)" } ?? "Get the daily papers in your feed reader (RSS)"
        switch period {
        case let .day(day):
            heading = prefix + "Papers of \(DayFormat.long(day))"
            periodKind = "day"
            previousURL = nearbyBeforeURL
            nextURL = nearbyAfterURL
            previousLabel = nearby.before.map(DayFormat.short) ?? ""
            nextLabel = nearby.after.map(DayFormat.short) ?? ""
        case let .week(year, week):
            heading = prefix + "Papers of week \(week), \(year)"
            periodKind = "week"
            previousURL = "\(base)/week/\(period.previous)"
            nextURL = "\(base)/week/\(period.next)"
            previousLabel = "Week \(period.previous.description.suffix(2))"
            nextLabel = "Week \(period.next.description.suffix(2))"
        case let .month(year, month):
            heading = prefix + "Papers of \(DayFormat.monthName(month)) \(year)"
            periodKind = "month"
            previousURL = "\(base)/month/\(period.previous)"
            nextURL = "\(base)/month/\(period.next)"
            previousLabel = DayFormat.monthName(period.previous.days.lowerBound.month)
            nextLabel = DayFormat.monthName(period.next.days.lowerBound.month)
        }
        let hasMore = (page + 1) * pageSize < result.total
        olderPageURL = hasMore ? "?p=\(page + 1)" : nil
        newerPageURL = page > 0 ? "?p=\(page - 1)" : nil
    }
}

struct TrendingPageModel {
    var cards: [PaperCard]
}

/// Day names as people read them.
enum DayFormat {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static func monthName(_ month: Int) -> String { months[month - 1] }
    static func long(_ day: Day) -> String { "\(monthName(day.month)) \(day.day), \(day.year)" }
    static func short(_ day: Day) -> String { "\(monthName(day.month).prefix(3)) \(day.day)" }
}
