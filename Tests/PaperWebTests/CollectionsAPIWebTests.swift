import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PaperAccounts
import PaperCore
import PaperStore
import Testing

/// The collections API and bearer tokens through the router, as `huggingface_hub` uses them
/// (the client itself runs in Tests/clients/test_hf_collections.py).
@Suite struct CollectionsAPIWebTests {
    /// An account with a fresh API token: the `Authorization` header to send.
    private func account(_ name: String, in store: any PaperDatabase) async throws -> (User, HTTPFields) {
        let user = try await store.createUser(name: name, email: "\(name)@example.org", passwordHash: "h", isAdmin: false,
                                              now: WebFixture.now)
        let made = try await PersonalTokens(tokens: store, clock: FixedClock(WebFixture.now)).issue(for: user, name: "test")
        return (user, [.authorization: "Bearer \(made.secret)"])
    }

    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any], "\(response.text)")
    }

    private func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields,
                      _ body: String? = nil) async throws -> TestResponse {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    @Test func aTokenOwnerMakesFillsAndEmptiesACollection() async throws {
        try await withStore(CommunityFixture.papers) { store in
            let (ada, auth) = try await account("ada", in: store)
            try await CommunityFixture.withApp(store: store) { client in
                let me = try json(try await send(client, .get, "/api/whoami-v2", auth))
                #expect(me["name"] as? String == "ada" && me["type"] as? String == "user")

                let made = try await send(client, .post, "/api/collections", auth, #"{"title": "Burrows", "namespace": "ada", "private": false}"#)
                #expect(made.status == .ok, "\(made.text)")
                let slug = try #require(try json(made)["slug"] as? String)
                #expect(slug.hasPrefix("ada/burrows-"))
                let again = try await send(client, .post, "/api/collections", auth, #"{"title": "burrows", "private": true}"#)
                #expect(try again.status == .conflict && (json(again)["slug"] as? String) == slug)
                let elsewhere = try await send(client, .post, "/api/collections", auth, #"{"title": "X", "namespace": "bob"}"#)
                #expect(elsewhere.status == .forbidden)

                let items = "/api/collections/\(slug)/items"
                let added = try await send(client, .post, items, auth, #"{"item": {"type": "paper", "id": "arXiv:2608.00002"}, "note": "dig"}"#)
                #expect(added.status == .ok, "\(added.text)")
                let first = try #require((try json(added)["items"] as? [[String: Any]])?.first)
                #expect(first["id"] as? String == "2608.00002" && first["type"] as? String == "paper" && first["position"] as? Int == 0)
                #expect((first["note"] as? [String: String])?["text"] == "dig")
                _ = try await send(client, .post, items, auth, #"{"item": {"type": "paper", "id": "2608.00001"}}"#)
                #expect(try await send(client, .post, items, auth, #"{"item": {"type": "paper", "id": "2608.00001"}}"#).status == .conflict)
                let unknown = try await send(client, .post, items, auth, #"{"item": {"type": "paper", "id": "2608.99999"}}"#)
                #expect(unknown.status == .notFound && unknown.text.contains("2608.99999"))
                let model = try await send(client, .post, items, auth, #"{"item": {"type": "model", "id": "gpt2"}}"#)
                #expect(model.status == .badRequest && model.text.contains("Only papers"))
                #expect(try await send(client, .post, items, auth, "not json").status == .badRequest)

                let itemID = try #require(first["_id"] as? String)
                let moved = try await send(client, .patch, "\(items)/\(itemID)", auth, #"{"position": 1, "note": "deeper"}"#)
                #expect(try moved.status == .ok && (json(moved)["position"] as? Int) == 1)
                let shown = try json(try await client.executeRequest(uri: "/api/collections/\(slug)", method: .get, headers: [:], body: nil))
                #expect((shown["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["2608.00001", "2608.00002"])
                #expect(shown["position"] as? Int == 0 && shown["private"] as? Bool == false)

                let listed = try await client.executeRequest(uri: "/api/collections?owner=ada", method: .get, headers: [:], body: nil)
                let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.text.utf8)) as? [[String: Any]])
                #expect(entries.map { $0["slug"] as? String } == [slug] && entries[0]["position"] == nil)

                let renamed = try await send(client, .patch, "/api/collections/\(slug)", auth, #"{"title": "Deep burrows", "private": true}"#)
                let data = try #require(try json(renamed)["data"] as? [String: Any])
                let newSlug = try #require(data["slug"] as? String)
                #expect(newSlug == "ada/deep-burrows-\(slug.split(separator: "-").last!)")
                #expect(try await client.executeRequest(uri: "/api/collections/\(newSlug)", method: .get, headers: [:], body: nil).status
                        == .notFound, "private now: hidden from everyone else")
                #expect(try await send(client, .get, "/api/collections/\(newSlug)", auth).status == .ok)

                #expect(try await send(client, .delete, "\(items)/\(itemID)", auth).status == .ok)
                #expect(try await send(client, .delete, "\(items)/\(itemID)", auth).status == .notFound)
                #expect(try await send(client, .delete, "/api/collections/\(newSlug)", auth).status == .ok)
                #expect(try await store.collections(CollectionQuery(ownerID: ada.id, viewerID: ada.id)).isEmpty)
            }
        }
    }

    @Test func onlyTheOwnerChangesACollectionAndBadTokensAreRefused() async throws {
        try await withStore(CommunityFixture.papers) { store in
            let (ada, _) = try await account("ada", in: store)
            let (_, bob) = try await account("bob", in: store)
            let open = try await store.createCollection(ownerID: ada.id, title: "Open", description: nil, isPrivate: false, now: WebFixture.now)
            let shut = try await store.createCollection(ownerID: ada.id, title: "Shut", description: nil, isPrivate: true, now: WebFixture.now)
            try await CommunityFixture.withApp(store: store) { client in
                #expect(try await send(client, .delete, "/api/collections/\(open.slug)", bob).status == .forbidden)
                #expect(try await send(client, .delete, "/api/collections/\(shut.slug)", bob).status == .notFound)
                #expect(try await send(client, .get, "/api/collections/\(shut.slug)", bob).status == .notFound)
                #expect(try await send(client, .get, "/api/collections/bob/open-\(open.id)", bob).status == .notFound, "the owner is in the slug")
                #expect(try await send(client, .delete, "/api/collections/\(open.slug)", [:]).status == .unauthorized)
                let bad = try await send(client, .get, "/api/whoami-v2", [.authorization: "Bearer pf_nothing"])
                #expect(bad.status == .unauthorized && bad.text.contains("\"error\""))
                #expect(try await send(client, .get, "/api/whoami-v2", [:]).status == .unauthorized)
                #expect(try await send(client, .put, "/api/collections", bob).status == .methodNotAllowed)
                #expect(try await send(client, .get, "/api/collections?sort=stars", [:]).status == .badRequest)
            }
        }
    }

    @Test func aCookieSessionNeedsItsCSRFTokenAndABearerTokenDoesNot() async throws {
        try await withStore(CommunityFixture.papers) { store in
            let (_, bob) = try await account("bob", in: store)
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                let body = #"{"title": "From the page"}"#
                #expect(try await ada.send(json: body, to: "/api/collections", method: .post).status == .forbidden)
                let token = try #require(ada.pageCSRFToken)
                let made = try await ada.send(json: body, to: "/api/collections", method: .post, headers: [HTTPField.Name("X-CSRF-Token")!: token])
                #expect(try made.status == .ok && (json(made)["private"] as? Bool) == true, "private unless asked otherwise")
                #expect(try await ada.get("/api/whoami-v2").text.contains("\"session\""))
                // A bearer token speaks for its owner whatever cookies come along, and needs no CSRF token.
                let asBob = try await ada.send(json: body, to: "/api/collections", method: .post, headers: bob)
                #expect(try asBob.status == .ok && (json(asBob)["slug"] as? String)?.hasPrefix("bob/") == true)
            }
        }
    }
}
