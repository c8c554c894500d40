import Foundation
import Hummingbird
import PaperAccounts
import PaperCore
import PaperSearch

/// A user's private feeds, at addresses holding their feed token (`/account/follows` makes it):
/// `/feeds/private/{token}/following.{atom,rss}` (the newest papers of the authors and accounts they follow),
/// `/feeds/private/{token}/search/{id}.{atom,rss}` (a saved search's newest hits) and
/// `/feeds/private/{token}/for-you.{atom,rss}` (their recommendations). An unknown or replaced
/// token is a 404, as is another user's search. Never kept by the shared response cache, and
/// sent as `Cache-Control: private, no-store`: each answer is one user's. The `following` feed's
/// papers are kept per user for a short time (`FollowingFeedCache`).
struct PrivateFeedsController<Context: VisitorRequestContext> {
    let follows: any FollowStore
    let papers: FollowedPapers
    let accountPapers: AccountPapers
    let followingCache: FollowingFeedCache
    /// `nil` when semantic search is off: the for-you feed then says recommendations need the model.
    let recommender: PersonalRecommender?
    let siteName: String
    let site: SiteAddress

    static var feedSize: Int { 50 }

    func register(on router: Router<Context>) {
        router.get("/feeds/private/:token/search/:name") { _, context in
            let user = try await owner(context)
            let (stem, format) = try Self.split(try context.parameters.require("name"))
            guard let id = Int(stem), let search = try await follows.savedSearch(id: id, userID: user.id) else {
                throw RequestError.notFound("There is no such saved search.")
            }
            let found = try await papers.papers(for: search, limit: Self.feedSize)
            return respond(format, document("\(siteName): \(search.query)", "Papers matching your saved search \(search.query) (\(search.mode)).",
                                            page: FollowsPageModel.searchURL(search.query, mode: search.mode),
                                            feed: "search/\(id).\(format.rawValue)", context: context, papers: found))
        }
        router.get("/feeds/private/:token/:name") { _, context in
            let user = try await owner(context)
            let (stem, format) = try Self.split(try context.parameters.require("name"))
            switch stem {
            case "following":
                let authors = try await follows.followedAuthors(userID: user.id)
                let accounts = try await follows.followedAccounts(userID: user.id)
                let version = FollowsVersion(authors: authors, accounts: accounts)
                let found = try await followingCache.papers(userID: user.id, version: version) { [papers, accountPapers] in
                    FollowedPapers.merged([try await papers.papers(byAny: authors, limit: Self.feedSize),
                                           try await accountPapers.papers(ofAny: accounts, limit: Self.feedSize)], limit: Self.feedSize)
                }
                return respond(format, document("\(siteName): authors you follow",
                                                "The newest papers of the authors and accounts you follow.",
                                                page: FollowsController<Context>.path, feed: "following." + format.rawValue,
                                                context: context, papers: found))
            case "for-you":
                return respond(format, try await forYou(user, format: format, context: context))
            default:
                throw RequestError.notFound("Private feeds are following, for-you and search/{id}, each .atom or .rss.")
            }
        }
    }

    private func forYou(_ user: User, format: FeedFormat, context: Context) async throws -> FeedDocument {
        let feed = "for-you." + format.rawValue
        guard let recommender else {
            return document("\(siteName): for you", "Recommendations need the semantic model, which this site has not configured.",
                            page: "/papers/for-you", feed: feed, context: context, papers: [])
        }
        let signals = try await recommender.signals(userID: user.id)
        let found = try await recommender.recommend(userID: user.id, signals: signals, since: nil, limit: Self.feedSize)
        return document("\(siteName): for you", "New papers like the ones you saved.", page: "/papers/for-you", feed: feed,
                        context: context, papers: found.items.map(\.paper))
    }

    /// The user the path's token belongs to; a 404 for a malformed, unknown or replaced token.
    private func owner(_ context: Context) async throws -> User {
        let token = try context.parameters.require("token")
        guard SecureTokens.isWellFormed(token), let user = try await follows.feedTokenUser(tokenHash: SecureTokens.hash(token)) else {
            throw RequestError.notFound("There is no such feed: its address may have been replaced by a new one.")
        }
        return user
    }

    static func split(_ name: String) throws -> (stem: String, format: FeedFormat) {
        guard let format = FeedFormat.allCases.first(where: { name.hasSuffix("." + $0.rawValue) }) else {
            throw RequestError.notFound("Feeds end in .rss or .atom.")
        }
        return (String(name.dropLast(format.rawValue.count + 1)), format)
    }

    private func document(_ title: String, _ description: String, page: String, feed: String, context: Context,
                          papers: [Paper]) -> FeedDocument {
        let token = context.parameters.get("token") ?? ""
        return FeedDocument(title: title, description: description, siteURL: site.absolute(""), pageURL: site.absolute(page),
                            feedURL: site.absolute("/feeds/private/\(token)/\(feed)"), papers: papers,
                            updated: papers.compactMap(\.noticedAt).max() ?? Date(timeIntervalSince1970: 0))
    }

    private func respond(_ format: FeedFormat, _ document: FeedDocument) -> Response {
        let body = document.rendered(format)
        return Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "private, no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
