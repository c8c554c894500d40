import Hummingbird
import PaperCore
import PaperSearch

/// The daily feed: `/`, `/papers/date/…`, `/papers/week/…`, `/papers/month/…`, `/papers/trending`.
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
        router.cachedGet(cache, "/papers/date/:day", query: ["p"]) { request, context in
            let text = try context.parameters.require("day")
            guard let day = Day(text) else { throw RequestError.badRequest("'\(text)' is not a date: use YYYY-MM-DD, e.g. 2025-03-11.") }
            return try await listing(.day(day), request, context)
        }
        router.cachedGet(cache, "/papers/week/:week", query: ["p"]) { request, context in
            let text = try context.parameters.require("week")
            guard let week = Period.week(text) else { throw RequestError.badRequest("'\(text)' is not a week: use YYYY-Www, e.g. 2025-W11.") }
            return try await listing(week, request, context)
        }
        router.cachedGet(cache, "/papers/month/:month", query: ["p"]) { request, context in
            let text = try context.parameters.require("month")
            guard let month = Period.month(text) else { throw RequestError.badRequest("'\(text)' is not a month: use YYYY-MM, e.g. 2025-03.") }
            return try await listing(month, request, context)
        }
        router.cachedGet(cache, "/papers/trending") { _, context in try await trendingPage(context) }
    }

    private func home(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let day = try await repository.latestListingDay() ?? Day(clock.now())
        return try await listing(.day(day), request, context, isHome: true)
    }

    private func listing(_ period: Period, _ request: Request, _ context: Context, isHome: Bool = false) async throws -> BodyResponse {
        let page = try request.integer("p", default: 0, in: 0...10_000)
        let result = try await repository.listing(
            ListingQuery(days: period.days, order: .upvotes, limit: Self.pageSize, offset: page * Self.pageSize))
        var nearby = NearbyDays(before: nil, after: nil)
        if case let .day(day) = period { nearby = try await repository.nearbyListingDays(day) }
        var model = ListingPageModel(period: period, result: result, page: page, pageSize: Self.pageSize, nearby: nearby)
        model.showsSubscribe = isHome
        try await votes.mark(&model.cards, for: context.visitor)
        let chrome = PageChrome(title: model.heading, rssURL: "/feeds/daily.rss", atomURL: "/feeds/daily.atom",
                                description: "Research papers listed \(model.heading.lowercased()), ranked by upvotes.")
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
    let olderPageURL: String?
    let newerPageURL: String?

    init(period: Period, result: PaperCore.ListingPage, page: Int, pageSize: Int, nearby: NearbyDays) {
        let first = period.days.lowerBound
        cards = result.papers.enumerated().map { PaperCard($1, rank: page * pageSize + $0 + 1) }
        total = result.total
        totalLabel = result.total == 1 ? "1 paper" : "\(result.total.formatted()) papers"
        isEmpty = result.papers.isEmpty
        dayURL = "/papers/date/\(first)"
        weekURL = "/papers/week/\(Period.week(containing: first))"
        monthURL = "/papers/month/\(Period.month(year: first.year, month: first.month))"
        nearbyBefore = nearby.before?.description
        nearbyAfter = nearby.after?.description
        switch period {
        case let .day(day):
            heading = "Papers of \(DayFormat.long(day))"
            periodKind = "day"
            previousURL = nearby.before.map { "/papers/date/\($0)" }
            nextURL = nearby.after.map { "/papers/date/\($0)" }
            previousLabel = nearby.before.map(DayFormat.short) ?? ""
            nextLabel = nearby.after.map(DayFormat.short) ?? ""
        case let .week(year, week):
            heading = "Papers of week \(week), \(year)"
            periodKind = "week"
            previousURL = "/papers/week/\(period.previous)"
            nextURL = "/papers/week/\(period.next)"
            previousLabel = "Week \(period.previous.description.suffix(2))"
            nextLabel = "Week \(period.next.description.suffix(2))"
        case let .month(year, month):
            heading = "Papers of \(DayFormat.monthName(month)) \(year)"
            periodKind = "month"
            previousURL = "/papers/month/\(period.previous)"
            nextURL = "/papers/month/\(period.next)"
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
