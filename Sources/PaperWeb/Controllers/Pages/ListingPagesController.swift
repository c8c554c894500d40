import Hummingbird
import PaperCore
import PaperSearch

/// The daily feed: `/`, `/papers/date/…`, `/papers/week/…`, `/papers/month/…` (each filtered to one
/// category by `?cat=`), `/papers/trending`, and each arXiv category's new papers under
/// `/papers/cat/:category` (with the same periods).
///
/// The daily feed follows `PaperRepository.dailyFeed()`: the curated days where the instance
/// keeps a curated list, else the days papers appeared. On the latter the front page ranks the
/// newest day's papers by trending score, since nobody has ordered them.
struct ListingPagesController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let trending: TrendingFeed
    let clock: any WallClock
    let renderer: PageRenderer
    let marks: CardMarks
    let cache: ResponseCache
    static var pageSize: Int { 50 }

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/", query: ["p", "cat"]) { request, context in
            let feed = try await repository.dailyFeed()
            let scope = ListingScope.daily(feed.basis, filter: try Self.filter(request))
            return try await listing(.day(feed.latestDay ?? Day(clock.now())), scope, request, context, home: feed)
        }
        registerPeriods(under: "/papers", query: ["p", "cat"], on: router) { request, _ in
            .daily(try await repository.dailyFeed().basis, filter: try Self.filter(request))
        }
        router.cachedGet(cache, "/papers/trending") { _, context in try await trendingPage(context) }
        // A category's new papers, by the day they appeared on arXiv: the latest day, or a period.
        router.cachedGet(cache, "/papers/cat/:category", query: ["p"]) { request, context in
            let category = try Self.category(context)
            let day = try await repository.latestListingDay(.appeared, category: category) ?? Day(clock.now())
            return try await listing(.day(day), .category(category), request, context)
        }
        registerPeriods(under: "/papers/cat/:category", query: ["p"], on: router) { _, context in .category(try Self.category(context)) }
    }

    /// `base/date/…`, `base/week/…` and `base/month/…`, for the feed or for one category.
    private func registerPeriods(under base: String, query: [String], on router: Router<Context>,
                                 scope: @escaping @Sendable (Request, Context) async throws -> ListingScope) {
        router.cachedGet(cache, RouterPath(base + "/date/:day"), query: query) { request, context in
            let text = try context.parameters.require("day")
            guard let day = Day(text) else { throw RequestError.badRequest("'\(text)' is not a date: use YYYY-MM-DD, e.g. 2025-03-11.") }
            return try await listing(.day(day), try await scope(request, context), request, context)
        }
        router.cachedGet(cache, RouterPath(base + "/week/:week"), query: query) { request, context in
            let text = try context.parameters.require("week")
            guard let week = Period.week(text) else { throw RequestError.badRequest("'\(text)' is not a week: use YYYY-Www, e.g. 2025-W11.") }
            return try await listing(week, try await scope(request, context), request, context)
        }
        router.cachedGet(cache, RouterPath(base + "/month/:month"), query: query) { request, context in
            let text = try context.parameters.require("month")
            guard let month = Period.month(text) else { throw RequestError.badRequest("'\(text)' is not a month: use YYYY-MM, e.g. 2025-03.") }
            return try await listing(month, try await scope(request, context), request, context)
        }
    }

    static func category(_ context: Context) throws -> ArxivCategory {
        try parse(context.parameters.require("category"))
    }

    /// The `cat` query parameter of the daily feed's pages, if any.
    static func filter(_ request: Request) throws -> ArxivCategory? {
        try request.query("cat").map(parse)
    }

    private static func parse(_ text: String) throws -> ArxivCategory {
        guard let category = ArxivCategory(text) else {
            throw RequestError.badRequest("'\(text)' is not an arXiv category: use a name such as cs.CL, math.AP, hep-th or cs.")
        }
        return category
    }

    /// `home` is the daily feed the front page follows; `nil` on every other page.
    private func listing(_ period: Period, _ scope: ListingScope, _ request: Request, _ context: Context,
                         home: DailyFeed? = nil) async throws -> BodyResponse {
        let page = try request.integer("p", default: 0, in: 0...10_000)
        let result: ListingPage
        if let home, home.basis == .appeared {
            let ranked = try await trending.papers(in: period.days, categories: scope.categories, feed: home,
                                                   limit: TrendingFeed.candidateLimit)
            result = ListingPage(papers: ranked.dropFirst(page * Self.pageSize).prefix(Self.pageSize).map(\.paper), total: ranked.count)
        } else {
            result = try await repository.listing(ListingQuery(scope.basis, days: period.days, categories: scope.categories,
                                                               order: .upvotes, limit: Self.pageSize, offset: page * Self.pageSize))
        }
        var nearby = NearbyDays(before: nil, after: nil)
        if case let .day(day) = period { nearby = try await repository.nearbyListingDays(day, scope.basis, category: scope.category) }
        var model = ListingPageModel(period: period, scope: scope, result: result, page: page, pageSize: Self.pageSize, nearby: nearby)
        model.showsSubscribe = home != nil
        model.totalLabel = CardMarks.label(model.totalLabel, hidden: try await marks.mark(&model.cards, for: context.visitor))
        let chrome = PageChrome(title: model.heading, rssURL: model.rssURL, atomURL: model.atomURL,
                                description: scope.description(of: model.heading))
        return .html(renderer.render("listing", model, chrome: chrome, visitor: context.visitor))
    }

    private func trendingPage(_ context: Context) async throws -> BodyResponse {
        let ranked = try await trending.papers(limit: Self.pageSize)
        var model = TrendingPageModel(cards: ranked.enumerated().map { index, item in
            PaperCard(item.paper, rank: index + 1, reasons: item.reasons + String(format: " · score %.1f", item.score))
        })
        try await marks.mark(&model.cards, for: context.visitor)
        let chrome = PageChrome(title: "Trending papers", rssURL: "/feeds/trending.rss", atomURL: "/feeds/trending.atom",
                                description: "Papers getting the most attention this week.")
        return .html(renderer.render("trending", model, chrome: chrome, visitor: context.visitor))
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
