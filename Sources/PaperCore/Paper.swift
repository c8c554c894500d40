import Foundation

/// The key under which PaperFeed stores a paper: the arXiv id without its version, or a
/// local id (`local-…`) for papers from sources that carry none (the seed page).
public struct PaperID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ arxiv: ArxivID) { rawValue = arxiv.base }
    public var description: String { rawValue }
    /// The arXiv identifier this id stands for, when it is one.
    public var arxiv: ArxivID? { ArxivID(parsing: rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One author of a paper, optionally linked to a user account.
public struct Author: Hashable, Sendable, Codable {
    public var name: String
    /// The user name of the account that claimed this authorship, if any.
    public var user: String?
    public init(name: String, user: String? = nil) {
        self.name = name
        self.user = user
    }
}

/// Who put a paper on the daily feed.
public struct Submitter: Hashable, Sendable, Codable {
    public var name: String
    public var fullname: String?
    public init(name: String, fullname: String? = nil) {
        self.name = name
        self.fullname = fullname
    }
}

/// Where a paper record came from.
public enum PaperSource: String, Hashable, Sendable, Codable, CaseIterable {
    case huggingFace = "hf"
    case arxivAtom = "atom"
    case oaiPMH = "oai"
    case snapshot
    case seed
    /// A retrieval benchmark's corpus (BEIR's `corpus.jsonl`), imported to measure search.
    case benchmark
}

/// A research paper with what Hugging Face Papers shows about it.
public struct Paper: Hashable, Sendable, Codable, Identifiable {
    public var id: PaperID
    /// The arXiv version this record describes, when known; a higher version replaces a lower.
    public var version: Int?
    public var title: String
    public var abstract: String
    public var authors: [Author]
    /// arXiv categories, primary first (`cs.CV`, `cs.LG`).
    public var categories: [String]
    public var publishedAt: Date?
    public var updatedAt: Date?
    /// The day the paper was listed on the daily feed.
    public var listedOn: Day?
    public var submitter: Submitter?
    public var upvotes: Int
    public var commentCount: Int
    public var githubRepo: String?
    public var githubStars: Int?
    public var projectPage: String?
    public var aiKeywords: [String]
    public var aiSummary: String?
    public var doi: String?
    public var journalRef: String?
    public var source: PaperSource
    /// PaperFeed's own summary and keyphrases, only the parts where the paper lacks Hugging
    /// Face's (`standingIn`); reads that show papers set it (it is stored apart from the imported fields).
    public var generated: GeneratedSummary? = nil

    public init(
        id: PaperID, version: Int? = nil, title: String, abstract: String, authors: [Author],
        categories: [String] = [], publishedAt: Date? = nil, updatedAt: Date? = nil,
        listedOn: Day? = nil, submitter: Submitter? = nil, upvotes: Int = 0, commentCount: Int = 0,
        githubRepo: String? = nil, githubStars: Int? = nil, projectPage: String? = nil,
        aiKeywords: [String] = [], aiSummary: String? = nil, doi: String? = nil,
        journalRef: String? = nil, source: PaperSource, findsCodeInAbstract: Bool = true
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.listedOn = listedOn
        self.submitter = submitter
        self.upvotes = upvotes
        self.commentCount = commentCount
        // Sources give the repository, or mention it in the abstract; a stored record is already
        // resolved and passes `findsCodeInAbstract: false`.
        // Links are untrusted (authors edit them on Hugging Face): only http(s) ones are kept.
        self.githubRepo = WebLink.http(githubRepo) ?? (findsCodeInAbstract ? CodeLinks.firstRepository(in: abstract) : nil)
        self.githubStars = githubStars
        self.projectPage = WebLink.http(projectPage)
        self.aiKeywords = aiKeywords
        self.aiSummary = aiSummary
        self.doi = doi
        self.journalRef = journalRef
        self.source = source
    }
}

extension Paper {
    /// When the paper came to readers' notice: the day a daily list had it, else its first
    /// arXiv version. Feeds, followed papers and trending age papers by it.
    public var noticedAt: Date? { listedOn?.start ?? publishedAt }
}
