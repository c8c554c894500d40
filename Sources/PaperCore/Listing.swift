/// Which papers of the daily feed to list, and in what order.
public struct ListingQuery: Hashable, Sendable {
    /// Which days count: those a paper was put on the curated feed, or the day it appeared.
    public var basis: ListingBasis
    /// Days to include; `nil` for all.
    public var days: ClosedRange<Day>?
    /// Only papers put on the curated feed by this user name (not used for `.appeared`).
    public var submitter: String?
    /// Only papers of any of these arXiv categories (an archive stands for its categories); all when empty.
    public var categories: [ArxivCategory]
    public var order: ListingOrder
    public var limit: Int
    public var offset: Int
    /// Whether to count the whole listing (`ListingPage.total`). Without days that is every
    /// paper: seconds at millions of papers, which a feed or a list of candidates never shows.
    public var countsTotal: Bool

    public init(_ basis: ListingBasis = .curated, days: ClosedRange<Day>? = nil, submitter: String? = nil,
                categories: [ArxivCategory] = [], order: ListingOrder = .upvotes, limit: Int = 50, offset: Int = 0,
                countsTotal: Bool = true) {
        self.basis = basis
        self.days = days
        self.submitter = submitter
        self.categories = categories
        self.order = order
        self.limit = limit
        self.offset = offset
        self.countsTotal = countsTotal
    }
}

/// The two ways a paper lands on a day.
public enum ListingBasis: String, Hashable, Sendable {
    /// The curated feed: the days a paper was put on it, by Hugging Face's daily list (where
    /// mirrored or imported) or by a community submission. A paper can be listed again.
    case curated
    /// The day the paper's first version appeared (`Paper.publishedAt`), whether or not anyone
    /// listed it: arXiv's own stream of new papers.
    case appeared
}

public enum ListingOrder: String, Hashable, Sendable {
    /// Most upvoted first, as the daily page shows them.
    case upvotes
    /// Newest on the feed first (Hugging Face's `sort=publishedAt`).
    case newest
}

/// One page of a listing, with the number of papers in the whole listing.
public struct ListingPage: Sendable {
    public var papers: [Paper]
    /// `nil` when the query did not ask for it (`ListingQuery.countsTotal`).
    public var total: Int?
    public init(papers: [Paper], total: Int?) {
        self.papers = papers
        self.total = total
    }
}

/// The listing days closest to a day that has no papers, for "nothing on this day" pages.
public struct NearbyDays: Hashable, Sendable {
    public var before: Day?
    public var after: Day?
    public init(before: Day?, after: Day?) {
        self.before = before
        self.after = after
    }
}
