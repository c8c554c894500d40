/// Which papers of the daily feed to list, and in what order.
public struct ListingQuery: Hashable, Sendable {
    /// Listing days to include; `nil` for all.
    public var days: ClosedRange<Day>?
    /// Only papers put on the feed by this user name.
    public var submitter: String?
    /// New papers of this arXiv category instead of the curated feed: `days` are then the
    /// days the papers' first versions appeared (`Paper.publishedAt`), whether or not
    /// anyone listed them, and `submitter` is not used.
    public var category: ArxivCategory?
    public var order: ListingOrder
    public var limit: Int
    public var offset: Int

    public init(days: ClosedRange<Day>? = nil, submitter: String? = nil, category: ArxivCategory? = nil,
                order: ListingOrder = .upvotes, limit: Int = 50, offset: Int = 0) {
        self.days = days
        self.submitter = submitter
        self.category = category
        self.order = order
        self.limit = limit
        self.offset = offset
    }
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
    public var total: Int
    public init(papers: [Paper], total: Int) {
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
