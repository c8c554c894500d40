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

/// New papers for a user, ranked by a `BlendedRecommender` trained on their library: the papers
/// in their collections against their "not interested" marks and a sample of other papers. The
/// model is kept per user until the library changes (`RecommenderCache`). Candidates are the
/// papers that appeared since a date (by default the last 30 days); when the default period
/// holds fewer candidates than asked for (a store of older papers, such as the demo papers),
/// every paper is a candidate and `Recommendations.widened` says so. A date given explicitly is
/// kept to, however few papers it leaves.
///
/// A request ranks a pool, not every candidate: the papers the vector index finds best aligned
/// with the vector model, and those that use the lexical model's most wanted words (found in the
/// candidates' kept term counts, or by a keyword search when every paper is a candidate); the
/// pool is then scored by the whole blended model, and only the papers shown are read.
public struct PersonalRecommender: Sendable {
    public let repository: any PaperRepository
    public let library: any LibraryStore
    public let semantic: SemanticSearch
    public let models: RecommenderCache
    public let clock: any WallClock
    /// How many other papers each model is trained against.
    public var backgroundSize = 2_000
    /// How the models are trained.
    public var options = BlendedRecommender.Options()
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
        // Ids only (kept a minute for every user): the few papers shown are read once ranked.
        let excluded = signals.excluded
        var candidates: [PaperID]? = first <= today ? try await models.candidateIDs.ids(days: first...today) { [repository] days in
            try await repository.appearedPaperIDs(days: days, limit: Self.candidateLimit)
        }.filter { !excluded.contains($0) } : []
        let widened = since == nil && (candidates ?? []).count < limit
        if widened { candidates = nil }
        let pooled = try await pool(for: trained.model, among: candidates, excluding: excluded, size: limit * 3 + 20)
        let ranked = pooled.map { (id: $0.id, vector: $0.vector, score: trained.model.score($0.features)) }
            .sorted { $0.score > $1.score }
        let items = try await shown(ranked, by: trained, limit: limit)
        return Recommendations(items: items, since: widened ? nil : start, widened: widened)
    }

    /// The first `limit` of `ranked` that the store gives (hidden ones are passed over), each
    /// with its nearest saved paper and the terms they share. Rows are read for these only.
    private func shown(_ ranked: [(id: PaperID, vector: [Float], score: Float)], by trained: TrainedRecommender,
                       limit: Int) async throws -> [Recommendation] {
        var items: [Recommendation] = [], next = 0
        while items.count < limit, next < ranked.count {
            let chunk = ranked[next..<min(ranked.count, next + limit - items.count)]
            next = chunk.endIndex
            let papers = Dictionary(try await repository.papers(ids: chunk.map(\.id)).map { ($0.id, $0) },
                                    uniquingKeysWith: { first, _ in first })
            for item in chunk {
                guard let paper = papers[item.id] else { continue }
                let nearest = trained.model.vector.nearestWanted(item.vector).index
                items.append(Recommendation(paper: paper, score: item.score, nearestSaved: trained.wanted[nearest],
                                            terms: SharedTerms.between(paper, stems: trained.wantedStems[nearest])))
            }
        }
        return items
    }
}
