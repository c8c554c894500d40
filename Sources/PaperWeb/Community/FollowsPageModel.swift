import Foundation
import PaperCore
import PaperSearch

/// `/account/follows`: followed authors, accounts and saved searches, each with its newest papers,
/// and the private feeds (their addresses only when the token was just made: only its hash is kept).
struct FollowsPageModel {
    let authors: [FollowRow]
    let accounts: [FollowRow]
    let searches: [FollowRow]
    let hasAuthors: Bool
    let hasAccounts: Bool
    let hasSearches: Bool
    let authorLimit: Int
    let searchLimit: Int
    /// Set when more are followed than the page looks up papers for.
    let partialNote: String?
    /// The feeds' addresses, present only on the answer that made the token.
    let feeds: [FeedLink]
    let hasFeeds: Bool
    /// When the current token was made, if there is one.
    let tokenMade: String?

    /// How many authors and how many searches get their newest papers looked up.
    static let lookedUp = 30
    /// Newest papers shown per author or search.
    static let perRow = 3

    static func load(for user: User, follows: any FollowStore, papers: FollowedPapers, accountPapers: AccountPapers,
                     site: SiteAddress, secret: String?) async throws -> FollowsPageModel {
        let followed = try await follows.followedAuthors(userID: user.id)
        let followedAccounts = try await follows.followedAccounts(userID: user.id)
        let saved = try await follows.savedSearches(userID: user.id)
        var authors: [FollowRow] = [], accounts: [FollowRow] = [], searches: [FollowRow] = []
        for (index, author) in followed.enumerated() {
            let newest = index < lookedUp ? try await papers.papers(byAuthor: author.name, limit: perRow) : []
            let query = FollowedPapers.authorQuery(author.name)
            authors.append(FollowRow(id: author.id, label: author.name, mode: nil, searchURL: searchURL(query, mode: "keyword"),
                                     deleteAction: "/account/follows/authors/\(author.id)/delete", papers: newest.map(FollowedPaperLink.init)))
        }
        for (index, account) in followedAccounts.enumerated() {
            let newest = index < lookedUp ? try await accountPapers.papers(of: account.accountID, limit: perRow) : []
            accounts.append(FollowRow(id: account.id, label: account.accountName, mode: nil,
                                      searchURL: "/u/\(CollectionLookup.encoded(account.accountName))",
                                      deleteAction: "/account/follows/accounts/\(account.id)/delete", papers: newest.map(FollowedPaperLink.init)))
        }
        for (index, search) in saved.enumerated() {
            let newest = index < lookedUp ? try await papers.papers(for: search, limit: perRow) : []
            searches.append(FollowRow(id: search.id, label: search.query, mode: search.mode, searchURL: searchURL(search.query, mode: search.mode),
                                      deleteAction: "/account/follows/searches/\(search.id)/delete",
                                      papers: newest.map(FollowedPaperLink.init)))
        }
        let feeds = secret.map { FeedLink.all(token: $0, searches: saved, site: site) } ?? []
        let made = try await follows.feedTokenCreated(userID: user.id)
        return FollowsPageModel(authors: authors, accounts: accounts, searches: searches, hasAuthors: !authors.isEmpty,
                                hasAccounts: !accounts.isEmpty, hasSearches: !searches.isEmpty,
                                authorLimit: FollowLimits.authors, searchLimit: FollowLimits.searches,
                                partialNote: max(followed.count, followedAccounts.count, saved.count) > lookedUp
                                    ? "New papers are looked up for the \(lookedUp) most recent authors, accounts and searches; the feeds cover them all."
                                    : nil,
                                feeds: feeds, hasFeeds: !feeds.isEmpty, tokenMade: made.map { Day($0).description })
    }

    static func searchURL(_ query: String, mode: String) -> String {
        "/papers?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&mode=\(mode)"
    }
}

/// A followed author or a saved search on the page.
struct FollowRow {
    let id: Int
    let label: String
    let mode: String?
    let searchURL: String
    let deleteAction: String
    let papers: [FollowedPaperLink]
}

struct FollowedPaperLink {
    let title: String
    let url: String
    let date: String?

    init(_ paper: Paper) {
        title = paper.title
        url = "/papers/\(paper.id)"
        date = paper.noticedAt.map { Day($0).description }
    }
}

/// One private feed's address.
struct FeedLink {
    let label: String
    let url: String

    static func all(token: String, searches: [SavedSearch], site: SiteAddress) -> [FeedLink] {
        let base = "/feeds/private/\(token)/"
        return [FeedLink(label: "Followed authors and accounts", url: site.absolute(base + "following.atom")),
                FeedLink(label: "For you", url: site.absolute(base + "for-you.atom"))]
            + searches.map { FeedLink(label: "Search: \($0.query)", url: site.absolute(base + "search/\($0.id).atom")) }
    }
}
