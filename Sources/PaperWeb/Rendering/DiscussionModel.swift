import Foundation
import PaperCore

/// The community part of a paper page: votes, comments and the authorship claim form.
struct DiscussionModel {
    struct CommentView {
        let id: Int
        let author: String
        let authorURL: String
        let bodyHTML: String
        let body: String
        let date: String
        let edited: Bool
        let mine: Bool
        let canDelete: Bool
    }

    let paperID: String
    let voted: Bool
    let loggedIn: Bool
    let isAdmin: Bool
    let comments: [CommentView]
    let commentCount: Int
    let authorNames: [String]
    let loginURL: String

    init(paper: Paper, community: any CommunityStore, visitor: Visitor) async throws {
        paperID = paper.id.rawValue
        let user = visitor.user
        if let user {
            voted = try await community.votedPapers(userID: user.id, among: [paper.id]).contains(paper.id)
        } else {
            voted = false
        }
        loggedIn = user != nil
        isAdmin = user?.isAdmin ?? false
        comments = try await community.comments(paper: paper.id).map { comment in
            CommentView(id: comment.id, author: comment.userName, authorURL: "/u/\(comment.userName)",
                        bodyHTML: CommentText.html(comment.body), body: comment.body,
                        date: DayFormat.long(Day(comment.createdAt)), edited: comment.editedAt != nil,
                        mine: comment.userID == user?.id, canDelete: comment.userID == user?.id || (user?.isAdmin ?? false))
        }
        commentCount = comments.count
        authorNames = paper.authors.map(\.name)
        loginURL = Redirect.loginPath(next: "/papers/\(paper.id)#comments")
    }
}
