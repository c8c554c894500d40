import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PaperAccounts
import PaperCore
import PaperStore
import Testing

/// Collection pages, their feeds and downloads, imports, search exports and COinS.
@Suite struct CollectionPagesWebTests {
    /// Signs `name` up and makes a collection through the form; its page's path.
    private func collection(_ browser: inout Browser, title: String, public isPublic: Bool) async throws -> String {
        try await browser.get("/account/collections")
        var form = [("title", title), ("description", "Papers <b>we</b> read")]
        if isPublic { form.append(("public", "yes")) }
        let made = try await browser.post("/account/collections", form: form)
        #expect(made.status == .seeOther, "\(made.text.prefix(300))")
        return try #require(made.headers[.location])
    }

    @Test func anOwnerKeepsACollectionThatOthersSeeOnlyWhenPublic() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let path = try await collection(&ada, title: "Burrows", public: false)
                #expect(path.hasPrefix("/u/ada/collections/burrows-"))
                try await ada.get("/papers/2608.00002")
                #expect(ada.last?.text.contains("<option value=") == true, "the paper page offers the visitor's collections")
                let id = try #require(CollectionSlug.id(in: path))
                let added = try await ada.post("/account/collections/add", form: [("collection", String(id)), ("paper", "2608.00002"),
                                                                               ("note", "dig <deeper>")])
                #expect(added.status == .seeOther && added.headers[.location] == path)
                let page = try await ada.get(path)
                #expect(page.status == .ok && page.text.contains("Wombat Diffusion Models"))
                #expect(page.text.contains("dig &lt;deeper&gt;") && !page.text.contains("<deeper>"))
                #expect(page.text.contains("Papers &lt;b&gt;we&lt;/b&gt; read"))

                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(try await bob.get(path).status == .notFound, "a private collection is not there for others")
                #expect(try await bob.get(path + "/export.bib").status == .notFound)
                #expect(try await bob.get(path + "/feed.rss").status == .notFound)
                let stolen = try await bob.post("/account/collections/add", form: [("collection", String(id)), ("paper", "2608.00001")])
                #expect(stolen.status == .notFound)
                #expect(try await bob.post("/account/collections/\(id)/delete", form: [("confirm", "yes")]).status == .notFound)

                let item = try #require(try await store.items(collectionID: id).first)
                let own = try await ada.get(path)
                #expect(own.text.contains("action=\"\(path)/items/\(item.id)/note\"") && own.text.contains("action=\"\(path)/import\""))
                #expect(own.text.contains("href=\"\(path)/export.bib\"") && own.text.contains("value=\"dig &lt;deeper&gt;\""))
                let noted = try await ada.post("\(path)/items/\(item.id)/note", form: [("note", "changed")])
                #expect(noted.status == .seeOther)
                #expect(try await store.items(collectionID: id).first?.note == "changed")
                #expect(try await ada.post("\(path)/items/\(item.id)/note", form: [("note", String(repeating: "x", count: 501))]).status == .badRequest)

                #expect(try await ada.post("/account/collections/\(id)/update", form: [("visibility", "public")]).status == .seeOther)
                let seen = try await bob.get(path)
                #expect(seen.status == .ok && seen.text.contains("Wombat") && !seen.text.contains("Remove from collection"))
                #expect(try await bob.post("\(path)/items/\(item.id)/remove").status == .forbidden)
                let list = try await bob.get("/u/ada/collections")
                #expect(list.text.contains("Burrows"))
                #expect(try await bob.get("/u/ada").text.contains("/u/ada/collections"), "the profile links the collections")

                #expect(try await ada.post("\(path)/items/\(item.id)/remove").status == .seeOther)
                #expect(try await store.items(collectionID: id).isEmpty)
                #expect(try await ada.get("/account/collections/\(id)/delete").text.contains("Yes, delete it"))
                #expect(try await ada.post("/account/collections/\(id)/delete").status == .badRequest, "the confirmation is required")
                #expect(try await ada.post("/account/collections/\(id)/delete", form: [("confirm", "yes")]).status == .seeOther)
                #expect(try await store.collection(id: id) == nil)
                #expect(try await ada.post("/account/collections", form: [("title", "")]).status == .badRequest)
            }
        }
    }

    @Test func aPublicCollectionHasFeedsAndDownloads() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let path = try await collection(&ada, title: "Reading group", public: true)
                let id = try #require(CollectionSlug.id(in: path))
                for paper in ["2608.00001", "2608.00002"] {
                    _ = try await store.addItem(collectionID: id, paper: PaperID(rawValue: paper), note: nil, now: WebFixture.now)
                }
                var visitor = Browser(client)
                let rss = try await visitor.get(path + "/feed.rss")
                #expect(rss.status == .ok && rss.headers[.contentType]?.hasPrefix("application/rss+xml") == true)
                #expect(rss.text.contains("<link>http://papers.test/papers/2608.00001</link>") && !rss.text.contains("evil.example"))
                _ = try XMLDocumentCheck.parse(rss.text)
                let atom = try await visitor.get(path + "/feed.atom")
                #expect(atom.text.contains("http://papers.test\(path)/feed.atom"))
                _ = try XMLDocumentCheck.parse(atom.text)

                let bib = try await visitor.get(path + "/export.bib")
                #expect(bib.headers[.contentType] == "application/x-bibtex; charset=utf-8")
                #expect(bib.headers[.contentDisposition] == "attachment; filename=\"ada-reading-group.bib\"")
                #expect(bib.text.contains("eprint = {2608.00001}") && bib.text.contains("eprint = {2608.00002}"))
                let ris = try await visitor.get(path + "/export?format=ris")
                #expect(ris.headers[.contentType]?.hasPrefix("application/x-research-info-systems") == true && ris.text.contains("TY  - "))
                let csl = try await visitor.get(path + "/export.json")
                let items = try #require(try JSONSerialization.jsonObject(with: Data(csl.text.utf8)) as? [[String: Any]])
                #expect(items.compactMap { $0["number"] as? String } == ["2608.00001", "2608.00002"])
                #expect(try await visitor.get(path + "/export?format=pdf").status == .badRequest)
                #expect(try await visitor.get(path + "/export.exe").status == .notFound)

                // Through the API, with a bearer token, for a private collection too.
                _ = try await store.updateCollection(id: id, CollectionChanges(isPrivate: true), now: WebFixture.now)
                let user = try #require(try await store.user(named: "ada"))
                let token = try await PersonalTokens(tokens: store, clock: FixedClock(WebFixture.now)).issue(for: user, name: "t")
                let slug = String(path.split(separator: "/").last!)
                let api = try await client.executeRequest(uri: "/api/collections/ada/\(slug)/export?format=csl-json", method: .get,
                                                          headers: [.authorization: "Bearer \(token.secret)"], body: nil)
                #expect(api.status == .ok && api.headers[.contentType]?.hasPrefix("application/vnd.citationstyles.csl+json") == true)
                #expect(api.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
                let anonymous = try await client.executeRequest(uri: "/api/collections/ada/\(slug)/export", method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .notFound)
            }
        }
    }

    @Test func aBibliographyFileSeedsACollection() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let path = try await collection(&ada, title: "Seed", public: false)
                let id = try #require(CollectionSlug.id(in: path))
                _ = try await store.addItem(collectionID: id, paper: PaperID(rawValue: "2608.00003"), note: nil, now: WebFixture.now)
                let bib = """
                @article{q, title = {Quokka}, eprint = {arXiv:2608.00001}}
                @misc{w, title = {{W}ombat {D}iffusion Models.}}
                @misc{p, url = {https://arxiv.org/abs/2608.00003v2}}
                @misc{n, title = {A paper nobody wrote}}
                @misc{broken, title = {unclosed
                """
                try await ada.get(path)
                let imported = try await ada.postMultipart(path + "/import", fields: [("file", bib)])
                #expect(imported.status == .ok, "\(imported.text.prefix(500))")
                #expect(imported.text.contains("Matched 3 (added 2, already there 1), not found 1, unreadable 1."))
                #expect(imported.text.contains("A paper nobody wrote"))
                let papers = try await store.items(collectionID: id).map(\.paperID.rawValue)
                #expect(papers == ["2608.00003", "2608.00001", "2608.00002"])

                let pasted = try await ada.post(path + "/import", form: [("text", #"[{"id": "x", "number": "2608.00004", "archive": "arXiv"}]"#)])
                #expect(pasted.status == .ok && pasted.text.contains("added 1"))
                #expect(try await ada.post(path + "/import", form: [("text", "  ")]).status == .badRequest)
                let huge = try await ada.postMultipart(path + "/import", fields: [("file", String(repeating: "x", count: 2 * 1024 * 1024 + 1))])
                #expect(huge.status == .contentTooLarge && huge.text.contains("2 MB"))

                var bob = Browser(client)
                try await bob.signUp("bob")
                try await bob.get("/")
                #expect(try await bob.postMultipart(path + "/import", fields: [("file", bib)]).status == .notFound)
            }
        }
    }

    @Test func searchResultsDownloadAndPaperPagesCarryCOinS() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var visitor = Browser(client)
                let page = try await visitor.get("/papers?q=wombat&mode=keyword")
                #expect(page.text.contains("/search/export?q=wombat&amp;mode=keyword&amp;format=bibtex"))
                let bib = try await visitor.get("/search/export?q=wombat&mode=keyword&format=bibtex")
                #expect(bib.status == .ok && bib.text.contains("Wombat Diffusion Models"))
                #expect(bib.headers[.contentDisposition] == "attachment; filename=\"search-wombat.bib\"")
                #expect(try await visitor.get("/search/export?format=ris").status == .badRequest)
                #expect(try await visitor.get("/search/export?q=wombat&limit=501").status == .badRequest)

                let paper = try await visitor.get("/papers/2608.00001")
                #expect(paper.text.contains("<span class=\"Z3988\" title=\"ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&amp;rft.genre=preprint&amp;rft.atitle=Quokka%20Networks%20for%20Sparse%20Retrieval"))
                #expect(paper.text.contains("rft_id=info%3Aarxiv%2F2608.00001"))
            }
        }
    }
}
