import PaperCore

/// Marks the cards of papers the visitor has upvoted; marks nothing without a community.
struct VoteMarks: Sendable {
    let community: (any CommunityStore)?

    func mark(_ cards: inout [PaperCard], for visitor: Visitor) async throws {
        guard let user = visitor.user, let community, !cards.isEmpty else { return }
        let voted = try await community.votedPapers(userID: user.id, among: cards.map { PaperID(rawValue: $0.id) })
        for index in cards.indices { cards[index].voted = voted.contains(PaperID(rawValue: cards[index].id)) }
    }
}
