import Foundation
import Hummingbird
import PaperCore

/// Moderation for admins: authorship claims to decide, papers and comments to hide.
struct AdminController<Context: VisitorRequestContext> {
    let community: any CommunityStore
    let renderer: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/admin") { _, context in
            _ = try context.visitor.requireAdmin()
            let model = AdminModel(
                claims: try await community.claims(state: .pending).map {
                    AdminModel.ClaimView(id: $0.id, user: $0.userName, author: $0.authorName, paperID: $0.paperID.rawValue)
                },
                hidden: try await community.hiddenPapers().map { PaperCard($0) })
            return renderer.page("admin", model, title: "Moderation", visitor: context.visitor)
        }
        router.post("/admin/claims/:id") { _, context in
            _ = try context.visitor.requireAdmin()
            let decision = context.form["decision"]
            guard let id = Int(try context.parameters.require("id")), decision == "approve" || decision == "reject" else {
                throw RequestError.badRequest("Decide approve or reject.")
            }
            try await community.decideClaim(id: id, approve: decision == "approve")
            return Redirect.to("/admin")
        }
        router.post("/papers/:id/hide") { _, context in try await setHidden(true, context) }
        router.post("/papers/:id/unhide") { _, context in try await setHidden(false, context) }
        router.post("/comments/:id/hide") { _, context in
            _ = try context.visitor.requireAdmin()
            guard let id = Int(try context.parameters.require("id")), let comment = try await community.comment(id: id) else {
                throw RequestError.notFound("There is no such comment.")
            }
            try await community.setCommentHidden(id: id, hidden: true)
            return Redirect.to("/papers/\(comment.paperID)#comments")
        }
    }

    private func setHidden(_ hidden: Bool, _ context: Context) async throws -> Response {
        _ = try context.visitor.requireAdmin()
        let text = try context.parameters.require("id")
        let id = ArxivID(parsing: text).map(PaperID.init) ?? PaperID(rawValue: text)
        try await community.setPaperHidden(id, hidden: hidden)
        return Redirect.to(hidden ? "/admin" : "/papers/\(id)")
    }
}

struct AdminModel {
    struct ClaimView {
        let id: Int
        let user: String
        let author: String
        let paperID: String
    }
    let claims: [ClaimView]
    let hidden: [PaperCard]
}
