import Foundation
import HummingbirdTesting
import PaperCore
import Testing

/// `/submit`: a logged-in user puts an arXiv paper on today's list (today per the clock,
/// 2026-08-22, the day after the fixture's listings).
@Suite struct SubmissionWebTests {
    @Test func aSubmittedPaperIsOnTodaysListAsSubmittedByTheUser() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, lookup: ArxivWithoutPapers()) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                #expect(try await bob.get("/submit").status == .ok)
                // Echidna is in the store but was never on a list.
                let submitted = try await bob.post("/submit", form: [("paper", "https://arxiv.org/abs/2608.00004v1")])
                #expect(submitted.status == .seeOther)
                #expect(submitted.location == "/papers/2608.00004")

                var anonymous = Browser(client)
                let today = try await anonymous.get("/papers/date/\(CommunityFixture.today)").text
                #expect(today.contains("Echidna Tokenizers"))
                #expect(today.contains("submitted by bob"))
                #expect(try await anonymous.get("/").text.contains("Echidna Tokenizers"))
                let page = try await anonymous.get("/papers/2608.00004").text
                #expect(page.contains("listed on <a href=\"/papers/date/2026-08-22\">"))
                #expect(page.contains(" by bob"))
                #expect(try await anonymous.get("/u/bob").text.contains("Echidna Tokenizers"))
                #expect(try await anonymous.get("/api/daily_papers?date=2026-08-22").text.contains("\"id\":\"2608.00004\""))
            }
        }
    }

    @Test func aPaperListedOnAnotherDayIsListedTodayAsSubmittedByTheUser() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                try await bob.get("/submit")
                // Platypus was listed on 2026-08-20 by someone on Hugging Face.
                let submitted = try await bob.post("/submit", form: [("paper", "2608.00003")])
                #expect(submitted.status == .seeOther)
                #expect(submitted.location == "/papers/2608.00003")

                var anonymous = Browser(client)
                let today = try await anonymous.get("/papers/date/\(CommunityFixture.today)").text
                #expect(today.contains("Platypus Graph Transformers"))
                // Listed again today: today's list names today's submitter, the earlier day keeps its own.
                #expect(today.contains("submitted by bob"))
                #expect(try await anonymous.get("/papers/date/2026-08-20").text.contains("Platypus Graph Transformers"))
            }
        }
    }

    @Test func aPaperAlreadyOnTodaysListOrNotAnIdIsRefused() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                try await bob.get("/submit")
                #expect(try await bob.post("/submit", form: [("paper", "2608.00003")]).status == .seeOther)
                let again = try await bob.post("/submit", form: [("paper", "arXiv:2608.00003")])
                #expect(again.status == .conflict)
                #expect(again.text.contains("already on the list"))

                let notAnID = try await bob.post("/submit", form: [("paper", "not-an-id")])
                #expect(notAnID.status == .badRequest)
                #expect(notAnID.text.contains("is not an arXiv id or link"))
                #expect(notAnID.text.contains("value=\"not-an-id\""))
            }
        }
    }

    @Test func aPaperArxivDoesNotKnowIsNotFound() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store, lookup: ArxivWithoutPapers()) { client in
                var bob = Browser(client)
                try await bob.signUp("bob")
                try await bob.get("/submit")
                let unknown = try await bob.post("/submit", form: [("paper", "2608.99999")])
                #expect(unknown.status == .notFound)
                #expect(unknown.text.contains("arXiv has no paper 2608.99999"))
                #expect(try await store.paper(PaperID(rawValue: "2608.99999")) == nil)
            }
        }
    }

    @Test func submittingNeedsAnAccount() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var anonymous = Browser(client)
                let page = try await anonymous.get("/submit")
                #expect(page.status == .seeOther)
                #expect(page.location == "/login?next=%2Fsubmit")
                let post = try await anonymous.post("/submit", form: [("paper", "2608.00004")])
                #expect(post.status == .seeOther)
                #expect(post.location == "/login?next=%2Fsubmit")
                #expect(!(try await anonymous.get("/papers/date/2026-08-22").text.contains("Echidna")))
            }
        }
    }
}
