import Foundation
import PaperCore

/// What a user's personal digest lists: the new papers of the authors (by name, or by their
/// claimed account) and searches they follow and, when semantic search is on and they saved enough papers, recommendations from their
/// library. Each paper once (the first section that finds it keeps it), never one the user saved
/// or marked not interested; "new" means the paper was listed, or else first published, since
/// the date asked for.
public struct PersonalDigestContent: PersonalDigestSource {
    public let repository: any PaperRepository
    public let follows: any FollowStore
    public let library: any LibraryStore
    public let followed: FollowedPapers
    /// The papers of followed accounts.
    public let accounts: AccountPapers
    public let recommender: PersonalRecommender?
    /// At most this many papers in each section.
    public var perSection = 10
    /// At most this many recommendations.
    public var recommendations = 5
    /// Saved papers a library needs before its recommendations are mailed.
    public var minimumSaved = 3
    /// Characters of a title or query quoted in a reason.
    static let quoteLength = 80

    public init(repository: any PaperRepository, follows: any FollowStore, library: any LibraryStore, followed: FollowedPapers,
                accounts: AccountPapers, recommender: PersonalRecommender?) {
        self.repository = repository
        self.follows = follows
        self.library = library
        self.followed = followed
        self.accounts = accounts
        self.recommender = recommender
    }

    public func items(userID: Int, since: Date) async throws -> [PersonalDigestItem] {
        let signals = LibrarySignals(saved: try await library.savedPapers(userID: userID),
                                     notInterested: try await library.notInterestedPapers(userID: userID))
        var list = SectionedItems(excluded: signals.excluded, since: since, perSection: perSection)
        var byAuthors: [(Paper, String)] = []
        for author in try await follows.followedAuthors(userID: userID) {
            byAuthors += try await followed.papers(byAuthor: author.name, limit: perSection).map { ($0, "by \(author.name)") }
        }
        for account in try await follows.followedAccounts(userID: userID) {
            byAuthors += try await accounts.papers(of: account.accountID, limit: perSection).map { ($0, "by \(account.accountName)") }
        }
        var bySearches: [(Paper, String)] = []
        for search in try await follows.savedSearches(userID: userID) {
            bySearches += try await followed.papers(for: search, limit: perSection)
                .map { ($0, "matches your search “\(Self.quoted(search.query))”") }
        }
        for (paper, reason) in FollowedPapers.newestFirst(byAuthors, by: \.0) { list.add(paper, .followedAuthors, reason: reason) }
        for (paper, reason) in FollowedPapers.newestFirst(bySearches, by: \.0) { list.add(paper, .savedSearches, reason: reason) }
        if let recommender, signals.saved.count >= minimumSaved {
            let found = try await recommender.recommend(userID: userID, signals: signals, since: since,
                                                        limit: recommendations + perSection)
            for item in found.items.prefix(recommendations + perSection) where list.count(.recommended) < recommendations {
                list.add(item.paper, .recommended, reason: Self.reason(item))
            }
        }
        return list.items
    }

    public func papers(ids: [PaperID]) async throws -> [Paper] {
        try await repository.papers(ids: ids)
    }

    /// `like “Saved title” · shared: a, b, c`, or `recommended from your library`.
    static func reason(_ recommendation: Recommendation) -> String {
        guard let saved = recommendation.nearestSaved else { return "recommended from your library" }
        let terms = recommendation.terms.prefix(4)
        return "like “\(quoted(saved.title))”" + (terms.isEmpty ? "" : " · shared: " + terms.joined(separator: ", "))
    }

    /// `text` on one line, cut at `quoteLength` characters.
    static func quoted(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > quoteLength ? String(flat.prefix(quoteLength - 1)) + "…" : flat
    }
}

/// The digest's items as they are gathered: new papers only, each once, each section capped.
private struct SectionedItems {
    var excluded: Set<PaperID>
    let since: Date
    let perSection: Int
    private(set) var items: [PersonalDigestItem] = []

    init(excluded: Set<PaperID>, since: Date, perSection: Int) {
        self.excluded = excluded
        self.since = since
        self.perSection = perSection
    }

    func count(_ section: PersonalDigestItem.Section) -> Int { items.count { $0.section == section } }
    func isFull(_ section: PersonalDigestItem.Section) -> Bool { count(section) >= perSection }

    mutating func add(_ paper: Paper, _ section: PersonalDigestItem.Section, reason: String) {
        guard !isFull(section), (paper.noticedAt ?? .distantPast) >= since, excluded.insert(paper.id).inserted else { return }
        items.append(PersonalDigestItem(paperID: paper.id, section: section, reason: reason))
    }
}
