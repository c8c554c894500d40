import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `GET /api/daily_papers`: the daily feed as Hugging Face serves it, with `date`, `week`,
/// `month`, `submitter`, `sort=publishedAt|trending` (default: most upvoted first), `p` and `limit`, and a `Link` header to
/// the next page. It lists the papers of the basis the feed follows (`PaperRepository.dailyFeed()`),
/// and a submitter's papers on the curated feed.
struct DailyPapersAPIController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let trending: TrendingFeed
    let site: SiteAddress
    let cache: ResponseCache

    /// The query parameters this endpoint reads; others are ignored.
    static var parameters: [String] { ["date", "week", "month", "submitter", "sort", "p", "limit"] }

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/api/daily_papers", query: Self.parameters, perVisitor: false) { request, _ in try await dailyPapers(request) }
    }

    private func dailyPapers(_ request: Request) async throws -> BodyResponse {
        let limit = try request.integer("limit", default: 50, in: 1...100)
        let page = try request.integer("p", default: 0, in: 0...100_000)
        let period = try Self.period(request)
        let sort = request.query("sort")
        if let sort, !["publishedAt", "trending"].contains(sort) {
            throw RequestError.badRequest("sort must be publishedAt or trending, not '\(sort)'")
        }
        let submitter = request.query("submitter")
        var papers: [Paper]
        let hasMore: Bool
        if sort == "trending" {
            let ranked = try await trending.papers(in: period?.days, submitter: submitter, limit: 5_000).map(\.paper)
            hasMore = (page + 1) * limit < ranked.count
            papers = Array(ranked.dropFirst(page * limit).prefix(limit))
        } else {
            let basis = submitter == nil ? try await repository.dailyFeed().basis : .curated
            let result = try await repository.listing(
                // Without `sort`, Hugging Face lists a period's most upvoted first, and the whole feed
                // newest first; `publishedAt` is always newest first.
                ListingQuery(basis, days: period?.days, submitter: submitter,
                             order: sort == "publishedAt" || period == nil ? .newest : .upvotes,
                             limit: limit + 1, offset: page * limit, countsTotal: false))
            // One more than the page, to know whether a next page exists without counting the
            // whole feed (every paper, when no period is asked for).
            hasMore = result.papers.count > limit
            papers = Array(result.papers.prefix(limit))
        }
        var headers: HTTPFields = [:]
        if hasMore {
            // The same query (as the cache keeps it: known parameters only), with the next page number.
            let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("p=") }
            let query = (kept + ["p=\(page + 1)"]).joined(separator: "&")
            headers[.link] = "<\(site.absolute("/api/daily_papers?" + query))>; rel=\"next\""
        }
        return try .json(papers.map(HFJSON.Entry.init), headers: headers)
    }

    /// The one period named by `date`, `week` or `month`, if any; a malformed value is a 400.
    static func period(_ request: Request) throws -> Period? {
        let named = [request.query("date"), request.query("week"), request.query("month")].compactMap { $0 }
        guard named.count <= 1 else { throw RequestError.badRequest("give only one of date, week and month") }
        if let text = request.query("date") {
            guard let day = Day(text), text.count == 10 else { throw RequestError.badRequest("date must be YYYY-MM-DD, not '\(text)'") }
            return .day(day)
        }
        if let text = request.query("week") {
            guard let week = Period.week(text) else { throw RequestError.badRequest("week must be YYYY-Www (e.g. 2025-W07), not '\(text)'") }
            return week
        }
        if let text = request.query("month") {
            guard let month = Period.month(text) else { throw RequestError.badRequest("month must be YYYY-MM, not '\(text)'") }
            return month
        }
        return nil
    }
}
