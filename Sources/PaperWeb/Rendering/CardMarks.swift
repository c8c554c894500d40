import PaperCore

/// What one visitor's cards show of them: their upvotes, which papers they saved, and which
/// they marked "not interested" (left out of lists). Marks nothing without a community, and
/// nothing of a library for anonymous visitors.
struct CardMarks: Sendable {
    let community: (any CommunityStore & LibraryStore)?

    /// The visitor's library, or `nil` for an anonymous visitor or without a community.
    func library(of visitor: Visitor) async throws -> LibraryMarks? {
        guard let user = visitor.user, let community else { return nil }
        return try await LibraryMarks(of: user.id, in: community)
    }

    /// Marks the visitor's votes and saved papers, and (`hiding`) drops the papers they are not
    /// interested in; returns how many it dropped. Cards offer "Save" whenever there is a
    /// community (to log in, when logged out).
    @discardableResult
    func mark(_ cards: inout [PaperCard], for visitor: Visitor, hiding: Bool = true) async throws -> Int {
        guard let community, !cards.isEmpty else { return 0 }
        for index in cards.indices { cards[index].library.offersSave = true }
        guard let user = visitor.user else { return 0 }
        let voted = try await community.votedPapers(userID: user.id, among: cards.map { PaperID(rawValue: $0.id) })
        let library = try await library(of: visitor)
        for index in cards.indices {
            let id = PaperID(rawValue: cards[index].id)
            cards[index].voted = voted.contains(id)
            cards[index].library.mark(id: id, library)
        }
        guard hiding else { return 0 }
        let before = cards.count
        cards.removeAll { $0.library.notInterested }
        return before - cards.count
    }

    /// A page's count of papers with a note of those it left out: `120 papers · 2 hidden (not interested)`.
    static func label(_ total: String, hidden: Int) -> String {
        hidden == 0 ? total : "\(total) · \(hidden) hidden on this page (not interested)"
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

    /// The marks of user `userID`, as `library` holds them now.
    init(of userID: Int, in library: any LibraryStore) async throws {
        self.init(saved: try await library.savedPapers(userID: userID), notInterested: try await library.notInterestedPapers(userID: userID))
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

/// One paper's Save and "Not interested" controls alone (`library-controls.mustache`), as a
/// script puts them in place after a change.
struct LibraryControls {
    let id: String
    var library = LibraryView(offersSave: true)
}
