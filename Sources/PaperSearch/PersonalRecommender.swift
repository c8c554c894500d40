import Foundation
import PaperCore

/// What a user's library says to the recommender: the papers in their collections (wanted), the
/// ones they marked "not interested" (unwanted), and a version that changes whenever either does.
public struct LibrarySignals: Sendable {
    public let saved: [SavedPaper]
    public let notInterested: [PaperID]
    /// A hash of both lists' ids, sorted: equal versions mean the same training data.
    public let version: UInt64

    public init(saved: [SavedPaper], notInterested: [PaperID]) {
        self.saved = saved
        self.notInterested = notInterested
        let text = saved.map(\.paperID.rawValue).sorted().joined(separator: "\n") + "\n\u{1}\n"
            + notInterested.map(\.rawValue).sorted().joined(separator: "\n")
        version = fnv1a64(text)
    }

    public var savedIDs: [PaperID] { saved.map(\.paperID) }
    /// Papers never to recommend: those saved already and those not wanted.
    public var excluded: Set<PaperID> { Set(savedIDs).union(notInterested) }
}

/// A recommended paper, with why: the saved paper closest to it and the terms they share.
public struct Recommendation: Sendable {
    public let paper: Paper
    public let score: Float
    public let nearestSaved: Paper?
    public let terms: [String]

    public init(paper: Paper, score: Float, nearestSaved: Paper?, terms: [String]) {
        self.paper = paper
        self.score = score
        self.nearestSaved = nearestSaved
        self.terms = terms
    }
}

/// A user's recommendations and the period their candidates came from.
public struct Recommendations: Sendable {
    public let items: [Recommendation]
    /// The start of the period candidates were published in; `nil` when every paper was a
    /// candidate (see `widened`).
    public let since: Date?
    /// Whether the default period had too few papers, so that every paper was a candidate.
    public let widened: Bool
}

/// New papers for a user, ranked by a `Recommender` trained on their library: the papers in
/// their collections against their "not interested" marks and a sample of other papers. The
/// model is kept per user until the library changes (`RecommenderCache`). Candidates are the
/// papers that appeared since a date (by default the last 30 days); when the default period
/// holds fewer candidates than asked for (a store of older papers, such as the demo papers),
/// every paper is a candidate and `Recommendations.widened` says so. A date given explicitly is
/// kept to, however few papers it leaves.
public struct PersonalRecommender: Sendable {
    public let repository: any PaperRepository
    public let library: any LibraryStore
    public let semantic: SemanticSearch
    public let models: RecommenderCache
    public let clock: any WallClock
    /// How many other papers each model is trained against.
    public var backgroundSize = 1_000
    /// The default period: the last 30 days.
    public static var window: TimeInterval { 30 * 86_400 }
    /// At most this many of the period's newest papers are candidates.
    public static var candidateLimit: Int { 5_000 }

    public init(repository: any PaperRepository, library: any LibraryStore, semantic: SemanticSearch, models: RecommenderCache,
                clock: any WallClock) {
        self.repository = repository
        self.library = library
        self.semantic = semantic
        self.models = models
        self.clock = clock
    }

    /// What the user's library holds now.
    public func signals(userID: Int) async throws -> LibrarySignals {
        LibrarySignals(saved: try await library.savedPapers(userID: userID),
                       notInterested: try await library.notInterestedPapers(userID: userID))
    }

    /// At most `limit` papers for the user, best first, from those that appeared since `since`
    /// (the last 30 days when `nil`), never one in their library or marked not interested.
    public func recommend(userID: Int, signals: LibrarySignals, since: Date?, limit: Int) async throws -> Recommendations {
        let start = since ?? clock.now().addingTimeInterval(-Self.window)
        guard !signals.saved.isEmpty, let trained = try await models.model(for: userID, version: signals.version, train: {
            try await train(signals, seed: fnv1a64("background:\(userID)"))
        }) else { return Recommendations(items: [], since: start, widened: false) }
        let today = Day(clock.now()), first = Day(start)
        var known: [PaperID: Paper] = [:]
        // Ids only: the few papers shown are read once ranked.
        var candidates: [PaperID]? = first <= today
            ? try await repository.appearedPaperIDs(days: first...today, limit: Self.candidateLimit) : []
        let excluded = signals.excluded
        let widened = since == nil && (candidates ?? []).filter { !excluded.contains($0) }.count < limit
        if widened { candidates = nil }
        let pool = try await semantic.ranked(by: trained.model.direction, among: candidates, excluding: excluded,
                                             limit: limit * 3 + 20)
        // The pool re-scored by the whole model (the linear part plus the nearest saved paper).
        let scored = try await semantic.storedVectors(pool)
            .map { (id: $0.id, vector: $0.vector, score: trained.model.score($0.vector)) }
            .sorted { $0.score > $1.score }.prefix(limit)
        let nearest = scored.map { trained.wanted[trained.model.nearestWanted($0.vector).index] }
        let shown = Array(Set(scored.map(\.id) + nearest)).sorted { $0.rawValue < $1.rawValue }
        for paper in try await repository.papers(ids: shown) { known[paper.id] = paper }
        let items = zip(scored, nearest).compactMap { item, savedID -> Recommendation? in
            guard let paper = known[item.id] else { return nil }
            let saved = known[savedID]
            return Recommendation(paper: paper, score: item.score, nearestSaved: saved,
                                  terms: saved.map { SharedTerms.between(paper, $0) } ?? [])
        }
        return Recommendations(items: items, since: widened ? nil : start, widened: widened)
    }

    /// A model of the library, or `nil` when none of its saved papers has a vector yet.
    private func train(_ signals: LibrarySignals, seed: UInt64) async throws -> TrainedRecommender? {
        let wanted = try await semantic.storedVectors(signals.savedIDs)
        guard !wanted.isEmpty else { return nil }
        let unwanted = try await semantic.storedVectors(signals.notInterested).map(\.vector)
        let background = try await semantic.backgroundVectors(count: backgroundSize, seed: seed, excluding: signals.excluded)
        guard let model = Recommender().train(wanted: wanted.map(\.vector), unwanted: unwanted, background: background) else {
            return nil
        }
        return TrainedRecommender(model: model, wanted: wanted.map(\.id))
    }
}
