import Foundation
import Hummingbird
import PaperCore

/// `/u/{name}`: a user's claimed papers, submissions and comments, with Follow (or Following and
/// Unfollow) for another logged-in user.
struct ProfileController<Context: VisitorRequestContext> {
    let community: any CommunityDatabase
    let renderer: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/u/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let user = try await community.user(named: name) else { throw RequestError.notFound("There is no user \(name).") }
            var follow: ProfileModel.FollowView?
            if let visitor = context.visitor.user, visitor.id != user.id {
                let existing = try await community.followedAccounts(userID: visitor.id).first { $0.accountID == user.id }
                follow = ProfileModel.FollowView(following: existing != nil,
                                                 unfollowAction: existing.map { "/account/follows/accounts/\($0.id)/delete" })
            }
            let model = ProfileModel(
                name: user.name, follow: follow,
                collectionsURL: "/u/\(CollectionLookup.encoded(user.name))/collections",
                isSelf: context.visitor.user?.id == user.id,
                claims: try await community.claims(userID: user.id)
                    .filter { $0.state == .approved || context.visitor.user?.id == user.id }
                    .map { ProfileModel.ClaimView(paperURL: "/papers/\($0.paperID)", paperID: $0.paperID.rawValue, author: $0.authorName,
                                                  state: $0.state.rawValue) },
                submissions: try await community.submissions(userName: user.name, limit: 50).map { PaperCard($0) },
                comments: try await community.comments(userID: user.id, limit: 50).map {
                    ProfileModel.CommentView(paperURL: "/papers/\($0.paperID)#comment-\($0.id)", bodyHTML: CommentText.html($0.body))
                })
            return renderer.page("profile", model, title: user.name, visitor: context.visitor)
        }
    }
}

struct ProfileModel {
    struct ClaimView {
        let paperURL: String
        let paperID: String
        let author: String
        let state: String
    }
    struct CommentView {
        let paperURL: String
        let bodyHTML: String
    }
    /// The visitor's follow of this account: `nil` for a logged-out visitor and on one's own page.
    struct FollowView {
        let following: Bool
        let unfollowAction: String?
    }
    let name: String
    let follow: FollowView?
    /// The user's public collections (and, for the user, the private ones).
    let collectionsURL: String
    let isSelf: Bool
    let claims: [ClaimView]
    let submissions: [PaperCard]
    let comments: [CommentView]
}
