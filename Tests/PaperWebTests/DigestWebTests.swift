import Foundation
import HummingbirdTesting
import NIOCore
import PaperCore
import Testing

/// The web side of digest subscriptions: subscribe, confirm by emailed link, unsubscribe by
/// page or by a mail provider's one-click POST.
@Suite struct DigestWebTests {
    @Test func anAnonymousSubscriptionIsConfirmedByTheMailedLinkAndEndsWithOneClick() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                #expect(try await reader.get("/").text.contains("action=\"/digest/subscribe\""))
                let subscribed = try await reader.post("/digest/subscribe", form: [("email", "reader@example.org"), ("frequency", "weekly")])
                #expect(subscribed.status == .ok)
                #expect(subscribed.text.contains("Check your inbox"))
                #expect(subscribed.text.contains("reader@example.org"))
                #expect(mailer.sent.count == 1)
                let message = try #require(mailer.sent.first)
                #expect(message.to.map(\.address) == ["reader@example.org"])
                #expect(message.textBody.contains("weekly digest"))
                let confirmLink = try #require(mailer.link(to: "reader@example.org", startingWith: "/digest/confirm/"))
                let token = String(confirmLink.dropFirst("/digest/confirm/".count))
                #expect(try await store.subscriber(token: token)?.state == .pending)

                let confirmed = try await reader.get(confirmLink)
                #expect(confirmed.status == .ok)
                #expect(confirmed.text.contains("You are subscribed"))
                #expect(confirmed.text.contains("weekly digest"))
                #expect(try await store.subscriber(token: token)?.state == .confirmed)

                let page = try await reader.get("/digest/unsubscribe/\(token)")
                #expect(page.status == .ok)
                #expect(page.text.contains("<form method=\"post\" action=\"/digest/unsubscribe/\(token)\"><button type=\"submit\">Unsubscribe</button>"))

                // RFC 8058: the mail provider posts this, with no cookies and no CSRF token.
                let oneClick = try await client.executeRequest(
                    uri: "/digest/unsubscribe/\(token)", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
                #expect(oneClick.status == .ok)
                #expect(oneClick.text.contains("You are unsubscribed"))
                #expect(try await store.subscriber(token: token)?.state == .unsubscribed)
            }
        }
    }

    @Test func someoneElseTypingAConfirmedAddressChangesNothingUntilItsOwnerFollowsTheLink() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                try await reader.post("/digest/subscribe", form: [("email", "reader@example.org"), ("frequency", "daily")])
                let confirmLink = try #require(mailer.link(to: "reader@example.org", startingWith: "/digest/confirm/"))
                try await reader.get(confirmLink)
                let token = String(confirmLink.dropFirst("/digest/confirm/".count))

                var stranger = Browser(client)
                let typed = try await stranger.post("/digest/subscribe", form: [("email", "reader@example.org"), ("frequency", "weekly")])
                #expect(typed.text.contains("Check your inbox"), "the same answer as for a new address")
                #expect(!typed.text.contains("already"))
                #expect(try await store.subscriber(token: token)?.frequency == .daily)
                let switchLink = try #require(mailer.link(to: "reader@example.org", startingWith: "/digest/confirm/\(token)?frequency=weekly"))
                let switched = try await reader.get(switchLink)
                #expect(switched.text.contains("weekly digest"))
                #expect(try await store.subscriber(token: token)?.frequency == .weekly)
                #expect(try await store.subscriber(token: token)?.state == .confirmed)
            }
        }
    }

    @Test func theUnsubscribePagesButtonWorksWithoutAToken() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                try await reader.post("/digest/subscribe", form: [("email", "reader@example.org")])
                let confirmLink = try #require(mailer.link(to: "reader@example.org", startingWith: "/digest/confirm/"))
                try await reader.get(confirmLink)
                let unsubscribeLink = confirmLink.replacingOccurrences(of: "/digest/confirm/", with: "/digest/unsubscribe/")
                try await reader.get(unsubscribeLink)
                // The page's form has no CSRF field: the token in the address authorises it.
                let button = try await reader.post(unsubscribeLink, csrf: .none)
                #expect(button.status == .ok)
                #expect(button.text.contains("You are unsubscribed"))
                #expect(button.text.contains("reader@example.org will get no more digests."))
            }
        }
    }

    @Test func aLoggedInUsersOwnAddressIsLinkedToTheAccountButStillConfirmedByEmail() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var ada = Browser(client)
                // Sign-up does not prove the address is Ada's, so the digest waits for her link.
                try await ada.signUp("ada", email: "Ada@Example.org")
                let subscribed = try await ada.post("/digest/subscribe", form: [("email", "ada@example.org")])
                #expect(subscribed.status == .ok)
                #expect(subscribed.text.contains("Check your inbox"))
                #expect(mailer.sent.count == 1)
                let user = try #require(try await store.user(named: "ada"))
                #expect(try await store.subscriber(userID: user.id)?.state == .pending)
                let confirmLink = try #require(mailer.link(to: "ada@example.org", startingWith: "/digest/confirm/"))
                try await ada.get(confirmLink)
                #expect(try await store.subscriber(userID: user.id)?.state == .confirmed)

                // Any other address still needs its owner's confirmation.
                let other = try await ada.post("/digest/subscribe", form: [("email", "friend@example.org")])
                #expect(other.text.contains("Check your inbox"))
                #expect(mailer.sent.count == 2)
                #expect(try await store.subscriber(userID: user.id)?.email == "ada@example.org", "a friend's address is not hers")
            }
        }
    }

    @Test func anInvalidAddressOrAnUnknownLinkIsRefused() async throws {
        let mailer = RecordingMailer()
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                for address in ["not-an-address", "two@@example.org", "a b@example.org", "<x@example.org>", ""] {
                    let response = try await reader.post("/digest/subscribe", form: [("email", address)])
                    #expect(response.status == .badRequest, "\(address)")
                    #expect(response.text.contains("Enter a valid email address"), "\(address)")
                }
                #expect(mailer.sent.isEmpty)
                #expect(try await reader.get("/digest/confirm/no-such-token").status == .notFound)
                #expect(try await reader.get("/digest/unsubscribe/no-such-token").status == .notFound)
                #expect(try await reader.post("/digest/unsubscribe/no-such-token", csrf: .none).status == .notFound)
            }
        }
    }
}
