import Foundation
import PaperCore

/// Papers in the JSON shape of Hugging Face's papers API, field for field, so that
/// `huggingface_hub` and scripts written for huggingface.co read PaperFeed unchanged.
enum HFJSON {
    /// One entry of `/api/daily_papers` and `/api/papers/search`.
    struct Entry: Encodable {
        let paper: PaperObject
        let publishedAt: String?
        let title: String
        let summary: String
        let numComments: Int
        let submittedBy: UserObject?
        let isAuthorParticipating: Bool

        init(_ paper: Paper) {
            self.paper = PaperObject(paper)
            publishedAt = paper.listedOn.map { HFJSON.timestamp($0.start) } ?? paper.publishedAt.map(HFJSON.timestamp)
            title = paper.title
            summary = paper.abstract
            numComments = paper.commentCount
            submittedBy = paper.submitter.map(UserObject.init)
            isAuthorParticipating = paper.authors.contains { $0.user != nil }
        }
    }

    /// The `paper` object, also the top level of `/api/papers/{id}`.
    struct PaperObject: Encodable {
        let id: String
        let authors: [AuthorObject]
        let publishedAt: String?
        let submittedOnDailyAt: String?
        let submittedOnDailyBy: UserObject?
        let title: String
        let summary: String
        let upvotes: Int
        let numComments: Int
        let githubRepo: String?
        let githubStars: Int?
        let projectPage: String?
        let ai_summary: String?
        let ai_keywords: [String]?
        let categories: [String]?
        /// PaperFeed's own summary and keyphrases where Hugging Face's are missing. Not a field of
        /// Hugging Face's API: named apart, so that a client never takes ours for `ai_summary`.
        let paperfeed_generated: GeneratedObject?

        init(_ paper: Paper) {
            id = paper.id.rawValue
            authors = paper.authors.map(AuthorObject.init)
            publishedAt = paper.publishedAt.map(HFJSON.timestamp)
            submittedOnDailyAt = paper.listedOn.map { HFJSON.timestamp($0.start) }
            submittedOnDailyBy = paper.submitter.map(UserObject.init)
            title = paper.title
            summary = paper.abstract
            upvotes = paper.upvotes
            numComments = paper.commentCount
            githubRepo = paper.githubRepo
            githubStars = paper.githubStars
            projectPage = paper.projectPage
            ai_summary = paper.aiSummary
            ai_keywords = paper.aiKeywords.isEmpty ? nil : paper.aiKeywords
            categories = paper.categories.isEmpty ? nil : paper.categories
            paperfeed_generated = paper.generated.map(GeneratedObject.init)
        }
    }

    /// `paperfeed_generated`: the summary (a sentence of the abstract) and keyphrases PaperFeed chose.
    struct GeneratedObject: Encodable {
        let summary: String?
        let keywords: [String]

        init(_ generated: GeneratedSummary) {
            summary = generated.summary
            keywords = generated.keywords
        }
    }

    struct AuthorObject: Encodable {
        let name: String
        let hidden: Bool
        let user: UserObject?

        init(_ author: Author) {
            name = author.name
            hidden = false
            user = author.user.map { UserObject(Submitter(name: $0)) }
        }
    }

    /// Hugging Face sends `name` in some places and `user` in others for the user name; both are set.
    struct UserObject: Encodable {
        let name: String
        let user: String
        let fullname: String
        let type = "user"

        init(_ submitter: Submitter) {
            name = submitter.name
            user = submitter.name
            fullname = submitter.fullname ?? submitter.name
        }
    }

    /// `2025-03-11T00:00:00.000Z`, as Hugging Face writes times.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
