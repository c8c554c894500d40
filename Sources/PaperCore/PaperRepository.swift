/// The store of papers: the port every database implementation provides.
public protocol PaperRepository: Sendable {
    /// Writes `papers` in one transaction, merging each with the stored record of the same id
    /// (`Paper.merged(into:)`); a crash leaves either all of the batch or none of it.
    func upsert(_ papers: [Paper]) async throws -> UpsertCounts

    /// The paper stored under `id`, or `nil`.
    func paper(_ id: PaperID) async throws -> Paper?

    /// The visible paper with this DOI (`10.1145/3292500.3330701`; compared ignoring case, as
    /// DOIs are), or `nil`. When several papers carry it, the one stored first.
    func paper(doi: String) async throws -> Paper?

    /// The stored papers among `ids`, in the order of `ids`.
    func papers(ids: [PaperID]) async throws -> [Paper]

    /// Up to `limit` visible papers in id order, starting after `id` (from the start when
    /// `nil`): a stable cursor for walking the store. Hidden papers are left out, as from
    /// every other read that visitors reach.
    func papers(after id: PaperID?, limit: Int) async throws -> [Paper]

    /// Papers on the daily feed, as `query` selects and orders them.
    func listing(_ query: ListingQuery) async throws -> ListingPage

    /// The ids of the visible papers whose first version appeared on `days`, newest first, at
    /// most `limit`: the papers `listing` gives for `.appeared` in that order, without reading
    /// them (recommendation candidates).
    func appearedPaperIDs(days: ClosedRange<Day>, limit: Int) async throws -> [PaperID]

    /// Every day each of `ids` was put on the feed, oldest first (a paper can be listed again).
    func listingDays(ids: [PaperID]) async throws -> [PaperID: [Day]]

    /// The latest day that has papers on `basis` (of `category`, when given), or `nil` when none has.
    func latestListingDay(_ basis: ListingBasis, category: ArxivCategory?) async throws -> Day?

    /// The nearest days before and after `day` that have papers on `basis` (of `category`, when given).
    func nearbyListingDays(_ day: Day, _ basis: ListingBasis, category: ArxivCategory?) async throws -> NearbyDays

    /// Papers matching `query`, best first: those with all the words of a `some` group before
    /// those with some, then by BM25 (title above authors above abstract).
    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage

    /// Counts that describe what the store holds. Reads every paper: for `paperfeed stats`, not
    /// for a request.
    func statistics() async throws -> StoreStatistics

    /// How many papers the store holds, hidden ones included: one count over an index, without
    /// reading the papers (still a read of the whole index: at millions of papers, keep the answer).
    func paperCount() async throws -> Int
}

/// What one `upsert` did.
public struct UpsertCounts: Hashable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Records older than the stored version, left alone.
    public var older = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, older: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.older = older
    }

    public static func += (a: inout Self, b: Self) {
        a.inserted += b.inserted
        a.updated += b.updated
        a.unchanged += b.unchanged
        a.older += b.older
    }
}

/// One page of search results.
public struct SearchPage: Sendable {
    public var hits: [SearchHit]
    /// How many papers match in all (more than that when `moreThanTotal`).
    public var total: Int
    /// How many of `total` have every word of the query, when it asked for some of several
    /// words (`QueryNode.some`): those rank first. `nil` when each match has all it asked for.
    /// Never more than `total`; more than it says when it equals `total` and `moreThanTotal`.
    public var totalWithAllWords: Int?
    /// Counting stopped at `total` (`countLimit`, or the end of the page when it is further):
    /// more papers match. Counting every match of a broad query costs as much as ranking them.
    public var moreThanTotal: Bool

    /// Where a search may stop counting its matches.
    public static let countLimit = 10_000

    public init(hits: [SearchHit], total: Int, totalWithAllWords: Int? = nil, moreThanTotal: Bool = false) {
        self.hits = hits
        self.total = total
        self.totalWithAllWords = totalWithAllWords
        self.moreThanTotal = moreThanTotal
    }
}

/// A paper found by a search, with its relevance (higher is better).
public struct SearchHit: Sendable {
    public var paper: Paper
    public var score: Double
    /// Which rankings of a hybrid search found the paper; `nil` for a single mode.
    public var match: SearchMatch?
    public init(paper: Paper, score: Double, match: SearchMatch? = nil) {
        self.paper = paper
        self.score = score
        self.match = match
    }
}

/// Why a hybrid search found a paper: by its words (the keyword ranking), by its meaning (the
/// semantic ranking), or both.
public struct SearchMatch: Hashable, Sendable, CustomStringConvertible {
    public var words: Bool
    public var meaning: Bool
    public init(words: Bool, meaning: Bool) {
        self.words = words
        self.meaning = meaning
    }

    /// `words`, `meaning` or `words and meaning`.
    public var description: String {
        switch (words, meaning) {
        case (true, true): "words and meaning"
        case (true, false): "words"
        case (false, true): "meaning"
        case (false, false): "name"
        }
    }
}

/// A summary of the store's contents.
public struct StoreStatistics: Hashable, Sendable {
    public var papers: Int
    public var papersBySource: [PaperSource: Int]
    public var withCode: Int
    public var firstListed: Day?
    public var lastListed: Day?
    public init(papers: Int, papersBySource: [PaperSource: Int], withCode: Int, firstListed: Day?, lastListed: Day?) {
        self.papers = papers
        self.papersBySource = papersBySource
        self.withCode = withCode
        self.firstListed = firstListed
        self.lastListed = lastListed
    }
}

extension PaperRepository {
    /// Through `statistics`, for repositories with nothing faster.
    public func paperCount() async throws -> Int { try await statistics().papers }

    /// Through `listing`, for repositories with nothing faster.
    public func appearedPaperIDs(days: ClosedRange<Day>, limit: Int) async throws -> [PaperID] {
        try await listing(ListingQuery(.appeared, days: days, order: .newest, limit: limit, countsTotal: false)).papers.map(\.id)
    }

    /// The latest day of the curated feed.
    public func latestListingDay() async throws -> Day? { try await latestListingDay(.curated, category: nil) }

    /// The curated feed's days around `day`.
    public func nearbyListingDays(_ day: Day) async throws -> NearbyDays { try await nearbyListingDays(day, .curated, category: nil) }
}
