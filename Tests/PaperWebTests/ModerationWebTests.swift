import Foundation
import HummingbirdTesting
import PaperCore
import Testing

/// Admins hiding and showing papers: a hidden paper is gone from every list, search, feed and
/// API answer at once, even from pages the response cache holds.
@Suite struct ModerationWebTests {
    /// Where a listed paper shows up, with what marks it there.
    static let places: [(path: String, mark: String)] = [
        ("/", "href=\"/papers/2608.00001\""),
        ("/papers/date/2026-08-21", "href=\"/papers/2608.00001\""),
        ("/papers/week/2026-W34", "href=\"/papers/2608.00001\""),
        ("/papers?q=quokka&mode=keyword", "href=\"/papers/2608.00001\""),
        ("/api/daily_papers?date=2026-08-21", "\"id\":\"2608.00001\""),
        ("/api/papers/search?q=quokka", "\"id\":\"2608.00001\""),
        ("/feeds/daily.rss", "Quokka Networks for Sparse Retrieval"),
    ]

    @Test func aHiddenPaperDisappearsEverywhereAndComesBackWhenShown() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var anonymous = Browser(client)
                for place in Self.places {
                    let response = try await anonymous.get(place.path)
                    #expect(response.status == .ok, "\(place.path)")
                    #expect(response.text.contains(place.mark), "before hiding: \(place.path)")
                }
                #expect(try await anonymous.get("/api/papers/2608.00001").status == .ok)

                var bob = Browser(client)
                try await bob.signUp("bob")
                try await bob.get("/papers/2608.00001")
                #expect(try await bob.post("/papers/2608.00001/hide").status == .forbidden)
                #expect(try await anonymous.get("/papers/date/2026-08-21").text.contains("Quokka Networks"))

                try await CommunityFixture.createAdmin(in: store)
                var admin = Browser(client)
                try await admin.logIn("root", password: "admin-password")
                #expect(try await admin.get("/papers/2608.00001").text.contains("action=\"/papers/2608.00001/hide\""))
                let hide = try await admin.post("/papers/2608.00001/hide")
                #expect(hide.status == .seeOther)
                #expect(hide.location == "/admin")
                let moderation = try await admin.get("/admin").text
                #expect(moderation.contains("Quokka Networks for Sparse Retrieval (2608.00001)"))
                #expect(moderation.contains("action=\"/papers/2608.00001/unhide\""))

                for place in Self.places {
                    let response = try await anonymous.get(place.path)
                    #expect(response.status == .ok, "\(place.path)")
                    #expect(!response.text.contains(place.mark), "after hiding: \(place.path)")
                    #expect(!response.text.contains("2608.00001"), "after hiding: \(place.path)")
                }
                #expect(try await anonymous.get("/api/papers/2608.00001").status == .notFound)
                #expect(!(try await bob.get("/papers/date/2026-08-21").text.contains("2608.00001")))
                // The other paper of the day is still there.
                #expect(try await anonymous.get("/papers/date/2026-08-21").text.contains("Wombat Diffusion Models"))

                #expect(try await bob.post("/papers/2608.00001/unhide").status == .forbidden)
                #expect(try await anonymous.get("/api/papers/2608.00001").status == .notFound)
                let unhide = try await admin.post("/papers/2608.00001/unhide")
                #expect(unhide.status == .seeOther)
                #expect(unhide.location == "/papers/2608.00001")
                for place in Self.places {
                    #expect(try await anonymous.get(place.path).text.contains(place.mark), "after showing again: \(place.path)")
                }
                #expect(try await anonymous.get("/api/papers/2608.00001").status == .ok)
                #expect(!(try await admin.get("/admin").text.contains("(2608.00001)")))
            }
        }
    }

    /// `/admin` shows each harvested source's watermark, last success and last error, a failing
    /// one marked, so an operator sees a source that stopped.
    @Test func adminsSeeWhereEachHarvestedSourceStands() async throws {
        try await withStore(CommunityFixture.papers) { store in
            let now = WebFixture.now
            _ = try await store.commitHarvestPage([], state: HarvestState(source: "hf", watermark: "2026-08-22",
                                                                         lastSuccessAt: now.addingTimeInterval(-600)))
            try await store.recordHarvestFailure(source: "arxiv:cs", message: "HTTP 503 from oaipmh.arxiv.org <b>", at: now)
            try await CommunityFixture.withApp(store: store) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(try await bob.get("/admin").status == .forbidden)

                try await CommunityFixture.createAdmin(in: store)
                var admin = Browser(client)
                try await admin.logIn("root", password: "admin-password")
                let page = try await admin.get("/admin").text
                #expect(page.contains("<td>hf</td><td>2026-08-22</td>"))
                #expect(page.contains("<tr class=\"failing\"><td>arxiv:cs</td><td>not yet complete</td><td>never</td>"))
                #expect(page.contains("HTTP 503 from oaipmh.arxiv.org &lt;b&gt;"))
            }
        }
    }
}
