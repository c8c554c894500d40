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
        for index in cards.indices { cards[index].offersSave = true }
        guard let user = visitor.user else { return }
        let voted = try await community.votedPapers(userID: user.id, among: cards.map { PaperID(rawValue: $0.id) })
        let library = try await library(of: visitor)
        for index in cards.indices {
            let id = PaperID(rawValue: cards[index].id)
            cards[index].voted = voted.contains(id)
            cards[index].mark(library)
        }
        if hiding { cards.removeAll { $0.notInterested } }
    }
}

extension PaperCard: LibraryMarked {}
extension PaperPageModel: LibraryMarked {}

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

/// A card or page that shows the visitor's library marks for one paper (`library.mustache`).
protocol LibraryMarked {
    var id: String { get }
    var loggedIn: Bool { get set }
    var saved: Bool { get set }
    var inSaved: Bool { get set }
    var notInterested: Bool { get set }
}

extension LibraryMarked {
    /// Takes the library's marks for this paper (none for `nil`).
    mutating func mark(_ library: LibraryMarks?) {
        guard let library else { return }
        let id = PaperID(rawValue: self.id)
        loggedIn = true
        saved = library.saved.contains(id)
        inSaved = library.inDefault.contains(id)
        notInterested = library.notInterested.contains(id)
    }
}
