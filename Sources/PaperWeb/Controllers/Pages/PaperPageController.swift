import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `/papers/{id}`: one paper with links, BibTeX and similar papers. Old-style arXiv ids carry a
/// slash (`/papers/hep-th/9901001`), so a two-part path is accepted too.
struct PaperPageController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let searcher: PaperSearcher
    /// Comments, claims and votes; `nil` when the community is off.
    let community: (any CommunityStore)?
    let marks: CardMarks
    /// The visitor's collections, for "Add to collection"; `nil` when the community is off.
    var library: (any LibraryStore)? = nil
    /// The authors the visitor follows, shown as "Following"; `nil` when the community is off.
    var follows: (any FollowStore)? = nil
    let renderer: PageRenderer
    let cache: ResponseCache

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/papers/:id") { _, context in try await page(try context.parameters.require("id"), context) }
        router.cachedGet(cache, "/papers/:id/:number") { _, context in
            try await page(try context.parameters.require("id") + "/" + context.parameters.require("number"), context)
        }
    }

    private func page(_ text: String, _ context: Context) async throws -> BodyResponse {
        let paper = try await PaperFinder.find(text, in: repository)
        let similar = try await searcher.similar(to: paper, limit: 5)
        var model = PaperPageModel(paper, similar: similar)
        if let community = community {
            model.discussion = try await DiscussionModel(paper: paper, community: community, visitor: context.visitor)
        }
        if let library, let user = context.visitor.user {
            model.collections = try await library.collections(CollectionQuery(ownerID: user.id, viewerID: user.id, limit: 200))
                .map { CollectionOption(id: $0.id, title: $0.title) }
        }
        if let follows, let user = context.visitor.user {
            model.markFollowed(try await follows.followedAuthors(userID: user.id))
        }
        // The paper itself shows even when marked "not interested", with the mark and its undo.
        model.library.offersSave = marks.community != nil
        model.library.mark(id: paper.id, try await marks.library(of: context.visitor))
        try await marks.mark(&model.similar, for: context.visitor)
        model.hasSimilar = !model.similar.isEmpty
        let chrome = PageChrome(title: paper.title, description: String(paper.abstract.prefix(200)))
        return .html(renderer.render("paper", model, chrome: chrome, visitor: context.visitor))
    }
}

/// Finds a paper by any form of its id people use (with version, `arXiv:` prefix, URL).
enum PaperFinder {
    /// `text` is a path segment as sent: percent-encoded (`arXiv%3A2608.19880`) or not.
    static func find(_ segment: String, in repository: any PaperRepository) async throws -> Paper {
        let text = segment.removingPercentEncoding ?? segment
        let id = ArxivID(parsing: text).map(PaperID.init) ?? PaperID(rawValue: text)
        guard let paper = try await repository.paper(id) else {
            throw RequestError.notFound("No paper with the id '\(text)' is here. Search for it by title instead.")
        }
        return paper
    }
}

struct PaperPageModel {
    let id: String
    let titleHTML: String
    let authors: [SearchLink]
    let abstractHTML: String
    let aiSummary: String?
    /// Ours, where Hugging Face's summary is missing; the page labels it as generated.
    let generatedSummary: String?
    let keywords: [SearchLink]
    /// Whether `keywords` are ours rather than Hugging Face's.
    let keywordsGenerated: Bool
    /// Each arXiv category, linking to its page of new papers.
    let categories: [SearchLink]
    let hasCategories: Bool
    let published: String?
    let updated: String?
    let listedOn: String?
    let listedURL: String?
    let submitter: String?
    let upvotes: Int
    let comments: Int
    let arxivURL: String?
    let pdfURL: String?
    let codeURL: String?
    let codeName: String?
    let stars: String?
    let projectPage: String?
    let doi: String?
    let bibTeX: String
    /// The COinS key/encoded-value string, for reference managers' browser connectors.
    let coins: String
    /// The logged-in visitor's collections, for "Add to collection".
    var collections: [CollectionOption] = []
    /// The paper's authors the visitor does not follow, offered to follow (all of them until marked).
    var authorsToFollow: [String]
    /// The paper's authors the visitor follows, each with its follow's id for "Unfollow".
    var followedAuthors: [FollowedAuthorView] = []
    var similar: [PaperCard]
    var hasSimilar: Bool
    /// Save and "not interested" for the visitor, as on cards (`library.mustache`).
    var library = LibraryView()
    /// Votes, comments and authorship claims; `nil` without a community store.
    var discussion: DiscussionModel?

    init(_ paper: Paper, similar: [Paper]) {
        id = paper.id.rawValue
        titleHTML = RichText.html(paper.title)
        authors = paper.authors.map { SearchLink(text: $0.name, query: "author:\"\($0.name)\"") }
        authorsToFollow = paper.authors.map(\.name)
        abstractHTML = RichText.html(paper.abstract)
        aiSummary = paper.aiSummary
        generatedSummary = paper.aiSummary == nil ? paper.generated?.summary : nil
        keywordsGenerated = paper.aiKeywords.isEmpty && paper.generated?.keywords.isEmpty == false
        keywords = (keywordsGenerated ? paper.generated?.keywords ?? [] : paper.aiKeywords)
            .map { SearchLink(text: $0, query: "\"\($0)\"") }
        categories = SearchLink.categories(of: paper)
        hasCategories = !categories.isEmpty
        published = paper.publishedAt.map { DayFormat.long(Day($0)) }
        updated = paper.updatedAt.map { DayFormat.long(Day($0)) }
        listedOn = paper.listedOn.map(DayFormat.long)
        listedURL = paper.listedOn.map { "/papers/date/\($0)" }
        submitter = paper.submitter?.fullname ?? paper.submitter?.name
        upvotes = paper.upvotes
        comments = paper.commentCount
        arxivURL = paper.id.arxiv.map { "https://arxiv.org/abs/\($0.base)" }
        pdfURL = paper.id.arxiv.map { "https://arxiv.org/pdf/\($0.base)" }
        codeURL = WebLink.http(paper.githubRepo)
        codeName = codeURL.map { $0.replacingOccurrences(of: "https://github.com/", with: "") }
        stars = paper.githubStars.map(TrendingPaper.compact)
        projectPage = WebLink.http(paper.projectPage)
        doi = paper.doi
        bibTeX = paper.bibTeX
        coins = paper.coins
        self.similar = similar.map { PaperCard($0) }
        hasSimilar = !similar.isEmpty
    }
}

extension PaperPageModel {
    /// Splits the authors into those `followed` holds (names compared ignoring case, as follows
    /// are kept) and the rest.
    mutating func markFollowed(_ followed: [FollowedAuthor]) {
        let byKey = Dictionary(followed.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        followedAuthors = authorsToFollow.compactMap { name in byKey[name.lowercased()].map { FollowedAuthorView(id: $0.id, name: name) } }
        authorsToFollow.removeAll { byKey[$0.lowercased()] != nil }
    }
}

/// An author of the paper whom the visitor follows: the name as on the paper, the follow's id.
struct FollowedAuthorView {
    let id: Int
    let name: String
}

/// One of the visitor's collections in the "Add to collection" form.
struct CollectionOption {
    let id: Int
    let title: String
}

/// A link to the search page for `query`, shown as `text`.
struct SearchLink {
    let text: String
    let url: String

    init(text: String, query: String) {
        self.text = text
        url = "/papers?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    init(text: String, url: String) {
        self.text = text
        self.url = url
    }

    /// Each of the paper's arXiv categories, linking to that category's new papers.
    static func categories(of paper: Paper) -> [SearchLink] {
        paper.categories.compactMap(ArxivCategory.init).map { SearchLink(text: $0.name, url: "/papers/cat/\($0.name)") }
    }
}
