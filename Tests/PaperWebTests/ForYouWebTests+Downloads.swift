import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import Testing

/// The for-you list as BibTeX, RIS and CSL-JSON, the "Saved" collection's downloads on the page,
/// and the cold-start import into "Saved".
extension ForYouWebTests {
    @Test func theRecommendationsDownloadAsBibliographies() async throws {
        try await withApp { client, store, _, fixture in
            var ada = Browser(client)
            try await ada.signUp("ada")
            for id in fixture.saved { _ = try await ada.post("/papers/\(id)/save") }
            let page = try await ada.get("/papers/for-you").text
            #expect(page.contains("href=\"/api/recommendations/export?format=bibtex&amp;limit=30\""))
            #expect(page.contains("href=\"/api/recommendations/export?format=csl-json&amp;limit=30\""))
            let saved = try #require(page.firstMatch(of: /href="(\/u\/ada\/collections\/saved-\d+)"/)).1
            #expect(page.contains("href=\"\(saved)/export.bib\"") && page.contains("href=\"\(saved)/export.ris\""))

            let auth = try await token(for: "ada", in: store)
            func export(_ query: String, headers: HTTPFields) async throws -> TestResponse {
                try await client.executeRequest(uri: "/api/recommendations/export?\(query)", method: .get, headers: headers, body: nil)
            }
            let bib = try await export("format=bibtex&limit=5", headers: auth)
            #expect(bib.status == .ok && bib.headers[.contentType]?.hasPrefix("application/x-bibtex") == true)
            #expect(bib.headers[.contentDisposition] == "attachment; filename=\"for-you-ada.bib\"")
            #expect(bib.headers[.cacheControl] == "no-store")
            #expect(bib.text.components(separatedBy: "\n@").count == 5 && bib.text.contains(fixture.target.id.rawValue))
            let ris = try await export("format=ris&limit=5", headers: auth)
            #expect(ris.headers[.contentType]?.hasPrefix("application/x-research-info-systems") == true && ris.text.contains("TY  - "))
            // The same list, in the same order, as the JSON answer.
            let csl = try #require(try JSONSerialization.jsonObject(with: Data(try await export("format=csl-json&limit=5", headers: auth).text.utf8))
                as? [[String: Any]])
            let listed = try entries(try await client.executeRequest(uri: "/api/recommendations?limit=5", method: .get, headers: auth, body: nil))
            #expect(csl.map { $0["number"] as? String } == listed.map { ($0["paper"] as? [String: Any])?["id"] as? String })
            #expect(try await ada.get("/api/recommendations/export?format=ris").status == .ok, "a session works as well as a token")

            #expect(try await export("format=word", headers: auth).status == .badRequest)
            #expect(try await export("format=bibtex&limit=0", headers: auth).status == .badRequest)
            #expect(try await export("format=bibtex&since=soon", headers: auth).status == .badRequest)
            let anonymous = try await export("format=bibtex", headers: [:])
            #expect(anonymous.status == .unauthorized && anonymous.text.contains("\"error\""))
        }
    }

    @Test func withoutTheModelTheDownloadSaysSo() async throws {
        try await withApp(semantic: false) { client, store, _, _ in
            var ada = Browser(client)
            try await ada.signUp("ada")
            let auth = try await token(for: "ada", in: store)
            let answer = try await client.executeRequest(uri: "/api/recommendations/export?format=bibtex", method: .get, headers: auth, body: nil)
            #expect(answer.status == .serviceUnavailable && answer.text.contains("embedding model"))
            #expect(!(try await ada.get("/papers/for-you").text.contains("/api/recommendations/export")))
        }
    }

    @Test func aColdStartImportsABibliographyIntoSaved() async throws {
        try await withApp { client, store, _, fixture in
            var anonymous = Browser(client)
            let loggedOut = try await anonymous.postMultipart("/papers/for-you/import", fields: [("file", "@misc{a, title={x}}")])
            #expect(loggedOut.status == .seeOther && loggedOut.headers[.location]?.hasPrefix("/login?next=") == true)

            var ada = Browser(client)
            try await ada.signUp("ada")
            _ = try await ada.post("/papers/\(fixture.saved[0])/save")
            let cold = try await ada.get("/papers/for-you").text
            #expect(cold.contains("action=\"/papers/for-you/import\"") && cold.contains("enctype=\"multipart/form-data\""))
            #expect(!cold.contains("/api/recommendations/export"), "nothing recommended, nothing to download")

            let hostile = "<script>alert(1)</script>" + String(repeating: "x", count: 300)
            let bib = """
            @article{one, title={Whatever}, eprint={\(fixture.saved[1].rawValue)}, archivePrefix={arXiv}}
            @article{two, title={Else}, eprint={\(fixture.saved[2].rawValue)}, archivePrefix={arXiv}}
            @article{three, title={\(hostile)}}
            """
            let imported = try await ada.postMultipart("/papers/for-you/import", fields: [("file", bib)])
            #expect(imported.status == .ok, "\(imported.text.prefix(500))")
            #expect(imported.text.contains("Imported into Saved: Matched 2 (added 2, already there 0), not found 1"))
            #expect(imported.text.contains("&lt;script&gt;alert(1)") && !imported.text.contains("<script>alert(1)"))
            #expect(!imported.text.contains("Save a few papers to start"), "three saved papers: recommendations now")
            let user = try #require(try await store.user(named: "ada"))
            let saved = try await store.savedPapers(userID: user.id)
            #expect(Set(saved.filter(\.inDefault).map(\.paperID)) == Set(fixture.saved))

            #expect(try await ada.post("/papers/for-you/import", form: [("text", "   ")]).status == .badRequest)
            let forged = try await ada.post("/papers/for-you/import", form: [("text", bib)], csrf: .forged("x"))
            #expect(forged.status == .forbidden)
            let huge = try await ada.postMultipart("/papers/for-you/import", fields: [("file", String(repeating: "x", count: 2 * 1024 * 1024 + 1))])
            #expect(huge.status == .contentTooLarge)
        }
    }
}
