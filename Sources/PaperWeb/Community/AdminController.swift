import Foundation
import Hummingbird
import PaperCore

/// Moderation for admins: authorship claims to decide, papers and comments to hide, and where
/// each harvested source stands.
struct AdminController<Context: VisitorRequestContext> {
    let community: any CommunityStore
    /// `nil` when the store keeps no harvest state.
    let harvests: (any HarvestStateStore)?
    let clock: any WallClock
    let renderer: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/admin") { _, context in
            _ = try context.visitor.requireAdmin()
            let model = AdminModel(
                claims: try await community.claims(state: .pending).map {
                    AdminModel.ClaimView(id: $0.id, user: $0.userName, author: $0.authorName, paperID: $0.paperID.rawValue)
                },
                hidden: try await community.hiddenPapers().map { PaperCard($0) },
                sources: try await harvests?.harvestStates().map { AdminModel.SourceView($0, now: clock.now()) } ?? [])
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
    /// One harvested source: its position, when it last succeeded and its last error.
    struct SourceView {
        let name: String
        let watermark: String
        let lastSuccess: String
        let lastError: String?
        let lastErrorAt: String?
        /// The last harvest failed (its error is newer than its last success), or none succeeded for a day.
        let failing: Bool
        let resuming: Bool

        init(_ state: HarvestState, now: Date) {
            name = state.source
            watermark = state.watermark ?? "not yet complete"
            lastSuccess = state.lastSuccessAt.map { $0.formatted(.iso8601) } ?? "never"
            lastError = state.lastError
            lastErrorAt = state.lastErrorAt.map { $0.formatted(.iso8601) }
            failing = state.isFailing(now: now)
            resuming = state.resumptionToken != nil
        }
    }
    let claims: [ClaimView]
    let hidden: [PaperCard]
    let sources: [SourceView]
    let hasSources: Bool

    init(claims: [ClaimView], hidden: [PaperCard], sources: [SourceView]) {
        self.claims = claims
        self.hidden = hidden
        self.sources = sources
        hasSources = !sources.isEmpty
    }
}
