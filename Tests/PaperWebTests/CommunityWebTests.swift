import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperCore
import Testing

/// Votes, comments and authorship claims, through the pages and forms people use.
@Suite struct CommunityWebTests {
    static let quokkaVote = "action=\"/papers/2608.00001/vote\""

    @Test func anAnonymousVoteGoesToTheLogInPageAndComesBack() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var browser = Browser(client)
                try await browser.get("/papers/2608.00001")
                let vote = try await browser.post("/papers/2608.00001/vote")
                #expect(vote.status == .seeOther)
                let location = try #require(vote.location)
                #expect(location.hasPrefix("/login?next="))
                #expect(location.dropFirst("/login?next=".count).removingPercentEncoding == "/papers/2608.00001")

                let json = try await browser.post("/papers/2608.00001/vote", headers: [.accept: "application/json"])
                #expect(json.status == .unauthorized)
                #expect(json.text.contains("Log in to vote."))
            }
        }
    }

    @Test func aVoteShowsAtOnceOnThePaperAndTheDayListing() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                // An anonymous visitor fills the response cache with the counts before the vote.
                var anonymous = Browser(client)
                #expect(try await anonymous.get("/papers/2608.00001").text.count(after: Self.quokkaVote) == 5)
                #expect(try await anonymous.get("/papers/date/2026-08-21").text.count(after: Self.quokkaVote) == 5)

                var voter = Browser(client)
                try await voter.signUp("ada")
                try await voter.get("/papers/date/2026-08-21")
                let vote = try await voter.post("/papers/2608.00001/vote",
                                                headers: [.referer: "http://papers.test/papers/date/2026-08-21"])
                #expect(vote.status == .seeOther)
                #expect(vote.location == "/papers/date/2026-08-21")

                let listing = try await voter.get("/papers/date/2026-08-21").text
                #expect(listing.count(after: Self.quokkaVote) == 6)
                #expect(listing.contains("class=\"votes voted\" method=\"post\" " + Self.quokkaVote))
                #expect(try await voter.get("/papers/2608.00001").text.count(after: Self.quokkaVote) == 6)
                #expect(try await anonymous.get("/papers/2608.00001").text.count(after: Self.quokkaVote) == 6)
                #expect(try await anonymous.get("/papers/date/2026-08-21").text.count(after: Self.quokkaVote) == 6)
                #expect(try await anonymous.get("/api/papers/2608.00001").text.contains("\"upvotes\":6"))
            }
        }
    }

    @Test func theJSONVoteTogglesAndSaysTheCount() async throws {
        struct Answer: Decodable, Equatable {
            let voted: Bool
            let upvotes: Int
        }
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var voter = Browser(client)
                try await voter.signUp("alan")
                try await voter.get("/papers/2608.00002")
                // As app.js sends it: the token in a header, asking for JSON.
                let headers: HTTPFields = [.accept: "application/json", HTTPField.Name("X-CSRF-Token")!: voter.pageCSRFToken ?? ""]
                let first = try await voter.post("/papers/2608.00002/vote", csrf: .none, headers: headers)
                #expect(first.status == .ok)
                #expect(try JSONDecoder().decode(Answer.self, from: Data(first.text.utf8)) == Answer(voted: true, upvotes: 4))
                let second = try await voter.post("/papers/2608.00002/vote", csrf: .none, headers: headers)
                #expect(try JSONDecoder().decode(Answer.self, from: Data(second.text.utf8)) == Answer(voted: false, upvotes: 3))
                #expect(try await voter.get("/papers/2608.00002").text.count(after: "action=\"/papers/2608.00002/vote\"") == 3)
            }
        }
    }

    @Test func commentsShowEscapedWithLinksAndLineBreaksAndAreCounted() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                #expect(try await ada.get("/papers/date/2026-08-21").text.contains("href=\"/papers/2608.00001#comments\">0 comments</a>"))
                try await ada.get("/papers/2608.00001")
                let posted = try await ada.post("/papers/2608.00001/comments", form: [
                    ("body", "Nice <script>alert(1)</script>\nCode at https://example.org/quokka?x=1&y=2"),
                ])
                #expect(posted.status == .seeOther)
                #expect(posted.location?.hasPrefix("/papers/2608.00001#comment-") == true)

                let page = try await ada.get("/papers/2608.00001").text
                #expect(page.contains("Nice &lt;script&gt;alert(1)&lt;/script&gt;<br>\nCode at "))
                #expect(page.contains("<a href=\"https://example.org/quokka?x=1&amp;y=2\" rel=\"nofollow ugc noopener\">"))
                #expect(!page.contains("<script>alert(1)"))
                #expect(page.contains("Comments (1)"))
                #expect(try await ada.get("/papers/date/2026-08-21").text.contains("href=\"/papers/2608.00001#comments\">1 comment</a>"))
                var anonymous = Browser(client)
                #expect(try await anonymous.get("/").text.contains("href=\"/papers/2608.00001#comments\">1 comment</a>"))
                #expect(try await anonymous.get("/api/papers/2608.00001").text.contains("\"numComments\":1"))
            }
        }
    }

    @Test func onlyTheAuthorEditsACommentAndAnAdminMayDeleteOrHideAny() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                try await ada.get("/papers/2608.00001")
                let first = try Self.commentID(try await ada.post("/papers/2608.00001/comments", form: [("body", "First thought")]))
                let second = try Self.commentID(try await ada.post("/papers/2608.00001/comments", form: [("body", "Second thought")]))
                let third = try Self.commentID(try await ada.post("/papers/2608.00001/comments", form: [("body", "Third thought")]))

                var bob = Browser(client)
                try await bob.signUp("bob")
                let bobPage = try await bob.get("/papers/2608.00001").text
                #expect(!bobPage.contains("action=\"/comments/\(first)/edit\""))
                #expect(try await bob.post("/comments/\(first)/edit", form: [("body", "Defaced")]).status == .forbidden)
                #expect(try await bob.post("/comments/\(first)/delete").status == .forbidden)
                #expect(try await bob.post("/comments/\(first)/hide").status == .forbidden)

                let edit = try await ada.post("/comments/\(first)/edit", form: [("body", "First thought, revised")])
                #expect(edit.status == .seeOther)
                #expect(edit.location == "/papers/2608.00001#comment-\(first)")
                var page = try await bob.get("/papers/2608.00001").text
                #expect(page.contains("First thought, revised"))
                #expect(page.contains(" · edited"))
                #expect(!page.contains("Defaced"))

                #expect(try await ada.post("/comments/\(third)/delete").status == .seeOther)
                page = try await bob.get("/papers/2608.00001").text
                #expect(!page.contains("Third thought"))
                #expect(page.contains("Comments (2)"))

                try await CommunityFixture.createAdmin(in: store)
                var admin = Browser(client)
                try await admin.logIn("root", password: "admin-password")
                let adminPage = try await admin.get("/papers/2608.00001").text
                #expect(adminPage.contains("action=\"/comments/\(second)/delete\""))
                #expect(adminPage.contains("action=\"/comments/\(first)/hide\""))
                #expect(try await admin.post("/comments/\(second)/delete").status == .seeOther)
                #expect(try await admin.post("/comments/\(first)/hide").status == .seeOther)

                page = try await bob.get("/papers/2608.00001").text
                #expect(!page.contains("Second thought"))
                #expect(!page.contains("First thought"))
                #expect(page.contains("Comments (0)"))
                #expect(try await bob.get("/papers/date/2026-08-21").text.contains("href=\"/papers/2608.00001#comments\">0 comments</a>"))
                #expect(!(try await bob.get("/u/ada").text.contains("First thought")))
            }
        }
    }

    @Test func anApprovedAuthorshipClaimShowsOnTheProfile() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var ada = Browser(client)
                try await ada.signUp("ada")
                try await ada.get("/papers/2608.00001")
                let wrongAuthor = try await ada.post("/papers/2608.00001/claim", form: [("author", "Alan Turing")])
                #expect(wrongAuthor.status == .badRequest)
                let claim = try await ada.post("/papers/2608.00001/claim", form: [("author", "Ada Lovelace")])
                #expect(claim.status == .seeOther)
                #expect(claim.location == "/u/ada")
                #expect(try await ada.get("/u/ada").text.contains("2608.00001</a> as Ada Lovelace (pending)"))
                var anonymous = Browser(client)
                #expect(!(try await anonymous.get("/u/ada").text.contains("2608.00001</a>")))
                #expect(try await ada.get("/admin").status == .forbidden)

                try await CommunityFixture.createAdmin(in: store)
                var admin = Browser(client)
                try await admin.logIn("root", password: "admin-password")
                let queue = try await admin.get("/admin").text
                #expect(queue.contains("ada claims to be Ada Lovelace on <a href=\"/papers/2608.00001\">2608.00001</a>"))
                let match = try #require(queue.firstMatch(of: /action="\/admin\/claims\/(\d+)"/))
                let decide = try await admin.post("/admin/claims/\(match.1)", form: [("decision", "approve")])
                #expect(decide.status == .seeOther)
                #expect(decide.location == "/admin")
                #expect(try await admin.get("/admin").text.contains("claim-row") == false)

                let profile = try await anonymous.get("/u/ada").text
                #expect(profile.contains("<a href=\"/papers/2608.00001\">2608.00001</a> as Ada Lovelace"))
                #expect(!profile.contains("No claimed papers."))
            }
        }
    }

    /// The id in a comment post's redirect, `/papers/…#comment-<id>`.
    static func commentID(_ response: TestResponse) throws -> Int {
        #expect(response.status == .seeOther)
        let location = try #require(response.location)
        return try #require(Int(location.split(separator: "#comment-").last ?? ""))
    }
}
