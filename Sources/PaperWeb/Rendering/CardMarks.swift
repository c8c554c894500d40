import PaperCore

/// What one visitor's cards show of them: their upvotes, which papers they saved, and which
/// they marked "not interested" (left out of lists). Marks nothing without a community, and
/// nothing of a library for anonymous visitors.
struct CardMarks: Sendable {
    let community: (any CommunityStore & LibraryStore)?

    /// The visitor's library, or `nil` for an anonymous visitor or without a community.
    func library(of visitor: Visitor) async throws -> LibraryMarks? {
        guard let user = visitor.user, let community else { return nil }
        return LibraryMarks(saved: try await community.savedPapers(userID: user.id),
                            notInterested: try await community.notInterestedPapers(userID: user.id))
    }

    /// Marks the visitor's votes and saved papers, and (`hiding`) drops the papers they are not
    /// interested in. Cards offer "Save" whenever there is a community (to log in, when logged out).
    func mark(_ cards: inout [PaperCard], for visitor: Visitor, hiding: Bool = true) async throws {
        guard let community, !cards.isEmpty else { return }
        for index in cards.indices { cards[index].library.offersSave = true }
        guard let user = visitor.user else { return }
        let voted = try await community.votedPapers(userID: user.id, among: cards.map { PaperID(rawValue: $0.id) })
        let library = try await library(of: visitor)
        for index in cards.indices {
            let id = PaperID(rawValue: cards[index].id)
            cards[index].voted = voted.contains(id)
            cards[index].library.mark(id: id, library)
        }
        if hiding { cards.removeAll { $0.library.notInterested } }
    }
}

/// A user's saved papers and "not interested" marks, for showing them on cards and pages.
struct LibraryMarks: Sendable {
    let saved: Set<PaperID>
    let inDefault: Set<PaperID>
    let notInterested: Set<PaperID>

    init(saved: [SavedPaper], notInterested: [PaperID]) {
        self.saved = Set(saved.map(\.paperID))
        inDefault = Set(saved.filter(\.inDefault).map(\.paperID))
        self.notInterested = Set(notInterested)
    }
}

/// What a card or paper page shows of the visitor's library for its paper (`library.mustache`).
struct LibraryView {
    /// Whether "Save" is offered (there is a community; logged out, it leads to log in).
    var offersSave = false
    /// Whether the marks below are the logged-in visitor's ("Not interested" is only for them).
    var loggedIn = false
    /// Whether the paper is in any of the visitor's collections.
    var saved = false
    /// Whether it is in their default collection ("Saved"), from which it can be removed here.
    var inSaved = false
    var notInterested = false

    /// Takes the library's marks for paper `id` (none for `nil`).
    mutating func mark(id: PaperID, _ library: LibraryMarks?) {
        guard let library else { return }
        loggedIn = true
        saved = library.saved.contains(id)
        inSaved = library.inDefault.contains(id)
        notInterested = library.notInterested.contains(id)
    }
}
