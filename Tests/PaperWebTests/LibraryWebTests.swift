import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import PaperStore
import Testing

/// "Save" and "Not interested" on cards and paper pages, through the router as a browser uses them.
@Suite struct LibraryWebTests {
    let day = "/papers/date/2026-08-21"
    let quokka = CommunityFixture.quokka.id.rawValue, wombat = CommunityFixture.wombat.id.rawValue

    /// A form post from `page`, as a browser sends it (with the page as its referrer).
    private func post(_ browser: inout Browser, _ path: String, from page: String) async throws -> TestResponse {
        try await browser.post(path, headers: [.referer: "http://papers.test" + page])
    }

    private func savedCollection(of name: String, in store: any PaperDatabase) async throws -> [PaperID] {
        let user = try #require(try await store.user(named: name))
        let collections = try await store.collections(CollectionQuery(ownerID: user.id, viewerID: user.id))
        guard let saved = collections.first(where: \.isDefault) else { return [] }
        return try await store.items(collectionID: saved.id).map(\.paperID)
    }

    @Test func saveMarksThePaperSavedKeepsItInSavedAndCanBeUndone() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                #expect(try await ada.get(day).text.contains("action=\"/papers/\(quokka)/save\""))

                let saved = try await post(&ada, "/papers/\(quokka)/save", from: day)
                #expect(saved.status == .seeOther && saved.headers[.location] == day)
                let page = try await ada.get(day).text
                #expect(page.contains("action=\"/papers/\(quokka)/unsave\"") && page.contains("Saved ✓"))
                #expect(page.contains("action=\"/papers/\(wombat)/save\""), "only the saved paper is marked")
                #expect(try await savedCollection(of: "ada", in: store) == [CommunityFixture.quokka.id])
                let again = try await post(&ada, "/papers/\(quokka)/save", from: day)
                #expect(again.status == .seeOther, "saving twice changes nothing")
                #expect(try await savedCollection(of: "ada", in: store) == [CommunityFixture.quokka.id])
                #expect(try await ada.get("/papers/\(quokka)").text.contains("action=\"/papers/\(quokka)/unsave\""))

                // Another visitor, logged in or not, gets the same (cached) page without ada's marks.
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(!(try await bob.get(day).text.contains("/unsave\"")))
                var anonymous = Browser(client)
                let anonymousPage = try await anonymous.get(day).text
                #expect(anonymousPage.contains("action=\"/papers/\(quokka)/save\"") && !anonymousPage.contains("/unsave\""))
                #expect(!anonymousPage.contains("/not-interested\""), "not interested is for logged-in visitors")
                let toLogIn = try await post(&anonymous, "/papers/\(quokka)/save", from: day)
                #expect(toLogIn.status == .seeOther && toLogIn.headers[.location]?.hasPrefix("/login?next=") == true)

                let removed = try await post(&ada, "/papers/\(quokka)/unsave", from: day)
                #expect(removed.status == .seeOther)
                #expect(try await savedCollection(of: "ada", in: store).isEmpty)
                #expect(try await ada.get(day).text.contains("action=\"/papers/\(quokka)/save\""))
            }
        }
    }

    @Test func aPaperInAnotherCollectionShowsSavedWithoutRemoval() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let user = try #require(try await store.user(named: "ada"))
                let reading = try await store.createCollection(ownerID: user.id, title: "Reading", description: nil, isPrivate: true,
                                                               now: WebFixture.now)
                _ = try await store.addItem(collectionID: reading.id, paper: CommunityFixture.wombat.id, note: nil, now: WebFixture.now)
                let page = try await ada.get("/papers/\(wombat)").text
                #expect(page.contains("Saved ✓") && !page.contains("action=\"/papers/\(wombat)/unsave\""))
                #expect(!page.contains("action=\"/papers/\(wombat)/save\""))
            }
        }
    }

    @Test func savingIsGuardedAndNamesUnknownPapers() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let unknown = try await ada.post("/papers/2608.99999/save")
                #expect(unknown.status == .notFound && unknown.text.contains("2608.99999"))
                #expect(try await ada.post("/papers/\(quokka)/save", csrf: .none).status == .forbidden)
                #expect(try await ada.post("/papers/\(quokka)/not-interested", csrf: .forged("x")).status == .forbidden)
                #expect(try await savedCollection(of: "ada", in: store).isEmpty)
                #expect(try await store.notInterestedPapers(userID: try #require(try await store.user(named: "ada")).id).isEmpty)
                #expect(try await ada.get("/papers/\(quokka)/save").status != .seeOther, "a GET changes nothing")
                #expect(try await savedCollection(of: "ada", in: store).isEmpty)
            }
        }
    }

    @Test func notInterestedLeavesThatUsersListsOnlyAndIsUndoneOnThePaperPage() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client), bob = Browser(client), anonymous = Browser(client)
                try await ada.signUp("ada")
                try await bob.signUp("bob")
                let link = "href=\"/papers/\(wombat)\""
                for path in [day, "/papers/trending", "/papers?q=wombat"] {
                    #expect(try await ada.get(path).text.contains(link), "\(path) before")
                }
                let marked = try await post(&ada, "/papers/\(wombat)/not-interested", from: day)
                #expect(marked.status == .seeOther && marked.headers[.location] == day)
                for path in [day, "/papers/trending", "/papers?q=wombat", "/papers/week/2026-W34", "/"] {
                    #expect(!(try await ada.get(path).text.contains(link)), "\(path) hides it from ada")
                    #expect(try await bob.get(path).text.contains(link), "\(path) shows it to bob")
                    #expect(try await anonymous.get(path).text.contains(link), "\(path) shows it to visitors")
                }
                for path in [day, "/papers?q=wombat"] {
                    #expect(try await ada.get(path).text.contains("1 hidden on this page (not interested)"), "\(path) says why one is missing")
                    #expect(!(try await bob.get(path).text.contains("hidden on this page")))
                }
                let page = try await ada.get("/papers/\(wombat)")
                #expect(page.status == .ok && page.text.contains("action=\"/papers/\(wombat)/interested\""))
                #expect(page.text.contains("Not interested ✓ · undo"))
                let undone = try await post(&ada, "/papers/\(wombat)/interested", from: "/papers/\(wombat)")
                #expect(undone.status == .seeOther && undone.headers[.location] == "/papers/\(wombat)")
                #expect(try await ada.get(day).text.contains(link))
            }
        }
    }

    /// What `app.js` does: posts asking for JSON and puts the answer's controls in place of the old.
    @Test func aScriptGetsThePapersControlsAsTheyNowAre() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                let json: HTTPFields = [.accept: "application/json"]
                var anonymous = Browser(client)
                let refused = try await anonymous.post("/papers/\(quokka)/save", headers: json)
                #expect(refused.status == .unauthorized && refused.text.contains("/login?next="))

                var ada = Browser(client)
                try await ada.signUp("ada")
                let saved = try await ada.post("/papers/\(quokka)/save", headers: json)
                #expect(saved.status == .ok)
                let html = try #require((try JSONSerialization.jsonObject(with: Data(saved.text.utf8)) as? [String: String])?["html"])
                #expect(html.hasPrefix("<div class=\"library\">"))
                #expect(html.contains("action=\"/papers/\(quokka)/unsave\"") && html.contains("Saved ✓ · remove"))
                #expect(html.contains("action=\"/papers/\(quokka)/not-interested\""))
                #expect(html.contains("name=\"csrf\" value=\"\(ada.pageCSRFToken ?? "-")\""), "the forms carry ada's token")
                #expect(try await savedCollection(of: "ada", in: store) == [CommunityFixture.quokka.id])

                let marked = try await ada.post("/papers/\(quokka)/not-interested", headers: json)
                #expect(marked.text.contains("Not interested ✓ · undo") && marked.text.contains("/unsave"))
            }
        }
    }
}
