import Foundation

/// A paper in a user's personal digest, and why it is there.
public struct PersonalDigestItem: Hashable, Sendable {
    /// Where the digest lists a paper; sections appear in this order.
    public enum Section: String, Hashable, Sendable, CaseIterable {
        case followedAuthors = "authors"
        case savedSearches = "searches"
        case recommended

        /// The section's heading in the email.
        public var title: String {
            switch self {
            case .followedAuthors: "New from authors you follow"
            case .savedSearches: "New for your saved searches"
            case .recommended: "Recommended for you"
            }
        }
    }

    public var paperID: PaperID
    public var section: Section
    /// Why, as the email says it: `by Ada Lovelace`, `matches “diffusion”`, `like “…” · shared: a, b`.
    public var reason: String

    public init(paperID: PaperID, section: Section, reason: String) {
        self.paperID = paperID
        self.section = section
        self.reason = reason
    }
}

/// What a subscriber with an account gets above the trending papers: new papers of the authors
/// and searches they follow, and recommendations from their library.
public protocol PersonalDigestSource: Sendable {
    /// New papers for the user that appeared since `since`, each paper once and never one they
    /// saved or marked not interested, in section order and best first within a section.
    func items(userID: Int, since: Date) async throws -> [PersonalDigestItem]
    /// The papers with these ids that the store still has.
    func papers(ids: [PaperID]) async throws -> [Paper]
}

extension DigestFrequency {
    /// How far back a personal digest looks for new papers: a little more than the period, so
    /// that a paper listed late is not missed (a paper goes to a user once, whatever the overlap).
    public var personalWindow: TimeInterval {
        switch self {
        case .daily: 3 * 86_400
        case .weekly: 10 * 86_400
        }
    }
}
