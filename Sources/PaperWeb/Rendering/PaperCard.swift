import Foundation
import PaperCore

/// What a list shows of one paper. Fields ending in `HTML` are escaped already.
struct PaperCard {
    let id: String
    let url: String
    let titleHTML: String
    let authors: String
    let upvotes: Int
    let comments: Int
    let commentsLabel: String
    let codeURL: String?
    let codeName: String?
    let stars: String?
    let keywords: [String]
    /// The paper's arXiv categories, each linking to its new papers.
    let categories: [SearchLink]
    /// Whether `keywords` are PaperFeed's own (the paper had none from Hugging Face).
    let keywordsGenerated: Bool
    let listedOn: String?
    let snippetHTML: String?
    let submitter: String?
    /// Set on the trending page: what made the paper trend.
    let reasons: String?
    /// Set in hybrid search results: what found the paper ("its words and meaning").
    let match: String?
    let rank: Int?
    /// Whether the visitor has upvoted the paper.
    var voted = false
    /// Save and "not interested" for the visitor (`library.mustache`).
    var library = LibraryView()
    /// On the for-you page: why the paper is recommended.
    var because: RecommendationReason?

    init(_ paper: Paper, rank: Int? = nil, highlighting terms: [String] = [], withSnippet: Bool = false, reasons: String? = nil,
         match: SearchMatch? = nil) {
        id = paper.id.rawValue
        url = "/papers/" + paper.id.rawValue
        titleHTML = RichText.html(paper.title, highlighting: terms)
        authors = Self.shortAuthors(paper.authors.map(\.name))
        upvotes = paper.upvotes
        comments = paper.commentCount
        commentsLabel = paper.commentCount == 1 ? "1 comment" : "\(paper.commentCount) comments"
        codeURL = WebLink.http(paper.githubRepo)
        codeName = codeURL.map { $0.replacingOccurrences(of: "https://github.com/", with: "") }
        stars = paper.githubStars.map(TrendingPaper.compact)
        keywordsGenerated = paper.aiKeywords.isEmpty && paper.generated?.keywords.isEmpty == false
        keywords = Array((keywordsGenerated ? paper.generated?.keywords ?? [] : paper.aiKeywords).prefix(5))
        categories = SearchLink.categories(of: paper)
        listedOn = paper.listedOn?.description
        snippetHTML = withSnippet ? RichText.html(Self.snippet(paper.abstract, around: terms), highlighting: terms) : nil
        submitter = paper.submitter?.fullname ?? paper.submitter?.name
        self.reasons = reasons
        self.match = match.map { "Found by its \($0)" }
        self.rank = rank
    }

    static func shortAuthors(_ names: [String]) -> String {
        names.count <= 4 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) others"
    }

    /// About 300 characters of the abstract, starting near the first search term.
    static func snippet(_ abstract: String, around terms: [String]) -> String {
        let lower = abstract.lowercased()
        let start = terms.lazy.compactMap { lower.range(of: RichText.stem($0)) }.first?.lowerBound
        var from = start.map { lower.distance(from: lower.startIndex, to: $0) } ?? 0
        from = max(0, from - 80)
        let characters = Array(abstract)
        // Never cut inside $…$ math: move the window to a space outside it.
        while from > 0, characters[from] != " " { from -= 1 }
        let end = min(characters.count, from + 300)
        var text = String(characters[from..<end])
        if text.filter({ $0 == "$" }).count % 2 == 1, let last = text.lastIndex(of: "$") { text = String(text[..<last]) }
        return (from > 0 ? "… " : "") + text + (end < characters.count ? " …" : "")
    }
}
