import Foundation
import PaperCore
import SQLKit

/// A `papers` row as the database holds it; converts to and from `Paper`.
struct PaperRow: Codable, Equatable, Sendable {
    var id: String
    var version: Int?
    var title: String
    var abstract: String
    var authors_json: String
    var author_names: String
    var categories: String
    var published_at: Int64?
    var updated_at: Int64?
    var year: Int?
    var listed_on: String?
    var submitter_name: String?
    var submitter_fullname: String?
    var upvotes: Int
    var comment_count: Int
    var github_repo: String?
    var github_stars: Int?
    var project_page: String?
    var ai_keywords_json: String
    var ai_summary: String?
    var doi: String?
    var journal_ref: String?
    var source: String

    /// The columns in the order `PaperRow` declares them, for explicit selects.
    static let columns = [
        "id", "version", "title", "abstract", "authors_json", "author_names", "categories",
        "published_at", "updated_at", "year", "listed_on", "submitter_name", "submitter_fullname",
        "upvotes", "comment_count", "github_repo", "github_stars", "project_page",
        "ai_keywords_json", "ai_summary", "doi", "journal_ref", "source",
    ]

    /// The columns as pages show them: the community's upvotes and comments added to the
    /// imported counts (which an import may raise but never lowers).
    static func shownColumns(table: String? = nil) -> [any SQLExpression] {
        columns.map { name in
            guard let community = communityCounts[name] else { return SQLColumn(name, table: table) as any SQLExpression }
            return SQLAlias(SQLBinaryExpression(SQLColumn(name, table: table), .add, SQLColumn(community, table: table)),
                            as: SQLIdentifier(name))
        }
    }

    /// `shownColumns(table:)` as SQL text, for raw queries.
    static func shownColumnList(table: String) -> String {
        columns.map { name in
            communityCounts[name].map { "(\(table).\(name) + \(table).\($0)) AS \(name)" } ?? "\(table).\(name)"
        }.joined(separator: ", ")
    }

    /// Which column holds the community's part of a count.
    private static let communityCounts = ["upvotes": "community_upvotes", "comment_count": "community_comments"]

    /// The listing order by upvotes, community votes included.
    static let shownUpvotes = SQLBinaryExpression(SQLColumn("upvotes"), .add, SQLColumn("community_upvotes"))

    /// The row's values in `columns` order, as bound parameters (NULL for `nil`).
    /// Bulk inserts use this instead of Codable encoding, which costs more than the insert.
    var sqlValues: [any SQLExpression] {
        func bind(_ value: (any Encodable & Sendable)?) -> any SQLExpression {
            value.map { SQLBind($0) } ?? SQLLiteral.null
        }
        return [
            bind(id), bind(version), bind(title), bind(abstract), bind(authors_json), bind(author_names),
            bind(categories), bind(published_at), bind(updated_at), bind(year), bind(listed_on),
            bind(submitter_name), bind(submitter_fullname), bind(upvotes), bind(comment_count),
            bind(github_repo), bind(github_stars), bind(project_page), bind(ai_keywords_json),
            bind(ai_summary), bind(doi), bind(journal_ref), bind(source),
        ]
    }

    init(_ paper: Paper) {
        id = paper.id.rawValue
        version = paper.version
        title = paper.title
        abstract = paper.abstract
        authors_json = JSONText.authors(paper.authors)
        author_names = paper.authors.map(\.name).joined(separator: ", ")
        categories = paper.categories.joined(separator: " ")
        published_at = paper.publishedAt.map { Int64($0.timeIntervalSince1970.rounded()) }
        updated_at = paper.updatedAt.map { Int64($0.timeIntervalSince1970.rounded()) }
        year = paper.publishedAt.map { Day($0).year } ?? paper.listedOn?.year
        listed_on = paper.listedOn?.description
        submitter_name = paper.submitter?.name
        submitter_fullname = paper.submitter?.fullname
        upvotes = paper.upvotes
        comment_count = paper.commentCount
        github_repo = paper.githubRepo
        github_stars = paper.githubStars
        project_page = paper.projectPage
        ai_keywords_json = JSONText.strings(paper.aiKeywords)
        ai_summary = paper.aiSummary
        doi = paper.doi
        journal_ref = paper.journalRef
        source = paper.source.rawValue
    }

    func paper() throws -> Paper {
        Paper(
            id: PaperID(rawValue: id), version: version, title: title, abstract: abstract,
            authors: try Self.decode([Author].self, authors_json),
            categories: categories.split(separator: " ").map(String.init),
            publishedAt: published_at.map { Date(timeIntervalSince1970: Double($0)) },
            updatedAt: updated_at.map { Date(timeIntervalSince1970: Double($0)) },
            listedOn: listed_on.flatMap { Day($0) },
            submitter: submitter_name.map { Submitter(name: $0, fullname: submitter_fullname) },
            upvotes: upvotes, commentCount: comment_count,
            githubRepo: github_repo, githubStars: github_stars, projectPage: project_page,
            aiKeywords: try Self.decode([String].self, ai_keywords_json), aiSummary: ai_summary,
            doi: doi, journalRef: journal_ref, source: PaperSource(rawValue: source) ?? .huggingFace,
            findsCodeInAbstract: false
        )
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
