import Foundation
import PaperCore

/// The papers a followed account is an author of: those its approved authorship claims are on
/// (the papers whose author carries its user name, `Author.user`), newest first.
public struct AccountPapers: Sendable {
    public let community: any CommunityStore
    public let repository: any PaperRepository

    public init(community: any CommunityStore, repository: any PaperRepository) {
        self.community = community
        self.repository = repository
    }

    /// Claims of one account looked at: a claim is one paper, so this bounds one lookup.
    public static let maxClaims = 500

    /// The newest `limit` papers of the account `accountID`.
    public func papers(of accountID: Int, limit: Int) async throws -> [Paper] {
        let ids = try await community.claims(userID: accountID).filter { $0.state == .approved }.prefix(Self.maxClaims).map(\.paperID)
        guard !ids.isEmpty else { return [] }
        return Array(FollowedPapers.newestFirst(try await repository.papers(ids: Array(ids))).prefix(limit))
    }

    /// The newest `limit` papers of any of `accounts`, each once.
    public func papers(ofAny accounts: [FollowedAccount], limit: Int) async throws -> [Paper] {
        var lists: [[Paper]] = []
        for account in accounts { lists.append(try await papers(of: account.accountID, limit: limit)) }
        return FollowedPapers.merged(lists, limit: limit)
    }
}
