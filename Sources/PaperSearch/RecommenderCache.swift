import PaperCore

/// A user's trained recommender and the saved papers it was trained on, in training order
/// (`RecommenderModel.nearestWanted` of `model.vector` answers an index into `wanted`), with
/// each one's distinctive stems, so that naming the terms a recommendation shares with its
/// nearest saved paper reads neither that paper nor its abstract's words again.
public struct TrainedRecommender: Sendable {
    public let model: BlendedModel
    public let wanted: [Paper]
    /// `SharedTerms.stems(of:)` of each of `wanted`.
    let wantedStems: [Set<String>]

    public init(model: BlendedModel, wanted: [Paper]) {
        self.model = model
        self.wanted = wanted
        wantedStems = wanted.map(SharedTerms.stems(of:))
    }
}

/// What recommendations keep between requests: each user's trained model, kept while their
/// library stays the same, and what every user shares: the ids of the period's papers
/// (`candidateIDs`) and the candidates' term counts (`termCounts`). A request retrains only when the library's version (`LibrarySignals.version`)
/// differs from the one the kept model was trained for. At most `capacity` users are kept; the
/// least recently asked for goes first.
///
/// Concurrency: an actor guards the table, and nothing heavy runs on it. Training runs in a
/// detached task, outside the actor, so one user's training holds up no one else's lookup. The
/// task is put in the table before anyone awaits it, so concurrent requests for the same user
/// and version await one training instead of each starting their own; a request with another
/// version replaces the entry (the newer library wins, the older training still answers the
/// requests that awaited it). A training that fails is forgotten, and the next request tries
/// again. Each node keeps its own cache: the version, not a message between nodes, says when
/// a model is stale.
public actor RecommenderCache {
    private struct Entry {
        let version: UInt64
        let training: Task<TrainedRecommender?, any Error>
        var lastUse: UInt64
    }

    private var entries: [Int: Entry] = [:]
    private var clock: UInt64 = 0
    public let capacity: Int
    /// The ids of the papers of the periods requests rank.
    public nonisolated let candidateIDs: CandidateIDCache
    /// The term counts of the papers requests rank.
    public nonisolated let termCounts: TermCountCache
    /// How many trainings have started (for tests and metrics).
    public private(set) var trainings = 0

    public init(capacity: Int = 500, candidateIDs: CandidateIDCache = CandidateIDCache(), termCounts: TermCountCache = TermCountCache()) {
        self.capacity = max(1, capacity)
        self.candidateIDs = candidateIDs
        self.termCounts = termCounts
    }

    /// How many users' models are kept.
    public var count: Int { entries.count }

    /// The model for `userID` trained on the library of `version`: the kept one, or the one
    /// `train` makes (`nil` when the library gives nothing to train on).
    public func model(for userID: Int, version: UInt64,
                      train: @escaping @Sendable () async throws -> TrainedRecommender?) async throws -> TrainedRecommender? {
        clock += 1
        if var entry = entries[userID], entry.version == version {
            entry.lastUse = clock
            entries[userID] = entry
            return try await value(of: entry.training, userID: userID)
        }
        trainings += 1
        let training = Task.detached { try await train() }
        entries[userID] = Entry(version: version, training: training, lastUse: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        return try await value(of: training, userID: userID)
    }

    private func value(of training: Task<TrainedRecommender?, any Error>, userID: Int) async throws -> TrainedRecommender? {
        do {
            return try await training.value
        } catch {
            // Forget the failure unless a newer training replaced it meanwhile.
            if let entry = entries[userID], entry.training == training { entries[userID] = nil }
            throw error
        }
    }
}
