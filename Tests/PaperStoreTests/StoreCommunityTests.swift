import Foundation
import PaperCore
import PaperSearch
import PaperStore
import Testing
import TestSupport

@Suite struct StoreCommunityTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available) func accountsAreUniqueByNameAndEmailIgnoringCase(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let ada = try await store.createUser(name: "ada", email: "ada@example.org", passwordHash: "h", isAdmin: false, now: now)
            #expect(try await store.user(named: "ADA")?.id == ada.id)
            #expect(try await store.user(email: "Ada@Example.org")?.name == "ada")
            await #expect(throws: AccountError.nameTaken("Ada")) {
                try await store.createUser(name: "Ada", email: "other@example.org", passwordHash: "h", isAdmin: false, now: now)
            }
            await #expect(throws: AccountError.emailTaken("ADA@example.org")) {
                try await store.createUser(name: "bob", email: "ADA@example.org", passwordHash: "h", isAdmin: false, now: now)
            }
        }
    }

    @Test(arguments: DatabaseEngine.available) func sessionsExpireAndEndWithAPasswordChange(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            let ada = try await store.createUser(name: "ada", email: "ada@example.org", passwordHash: "h", isAdmin: false, now: now)
            try await store.createSession(tokenHash: "t1", userID: ada.id, expiresAt: now.addingTimeInterval(60))
            #expect(try await store.sessionUser(tokenHash: "t1", now: now)?.name == "ada")
            #expect(try await store.sessionUser(tokenHash: "t1", now: now.addingTimeInterval(61)) == nil)
            try await store.setPasswordHash("h2", userID: ada.id)
            #expect(try await store.sessionUser(tokenHash: "t1", now: now) == nil)
            try await store.createPasswordReset(tokenHash: "r1", userID: ada.id, expiresAt: now.addingTimeInterval(3600))
            #expect(try await store.consumePasswordReset(tokenHash: "r1", now: now) == ada.id)
            #expect(try await store.consumePasswordReset(tokenHash: "r1", now: now) == nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func concurrentVotesAreAllCountedAndAToggleTakesOneBack(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper("2401.00001", title: "Votes", listed: "2024-01-02", upvotes: 5)])
            let paper = PaperID(rawValue: "2401.00001")
            var users: [Int] = []
            for index in 0..<12 {
                users.append(try await store.createUser(name: "u\(index)", email: "u\(index)@x.org", passwordHash: "h", isAdmin: false, now: now).id)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in users { group.addTask { _ = try await store.toggleVote(userID: user, paper: paper, now: now) } }
                try await group.waitForAll()
            }
            #expect(try await store.paper(paper)?.upvotes == 17)
            let undone = try await store.toggleVote(userID: users[0], paper: paper, now: now)
            #expect(undone == VoteState(voted: false, upvotes: 16))
            #expect(try await store.votedPapers(userID: users[1], among: [paper]) == [paper])
            // A later import with the same Hugging Face count leaves the community's votes alone.
            _ = try await store.upsert([makePaper("2401.00001", title: "Votes", listed: "2024-01-02", upvotes: 6)])
            #expect(try await store.paper(paper)?.upvotes == 17)
        }
    }

    @Test(arguments: DatabaseEngine.available) func commentsAreCountedAndHiddenOnesLeaveCountsAndLists(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper("2401.00001", title: "Comments", listed: "2024-01-02")])
            let paper = PaperID(rawValue: "2401.00001")
            let ada = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            let first = try await store.addComment(userID: ada.id, paper: paper, body: "Nice <b>work</b>", now: now)
            let second = try await store.addComment(userID: ada.id, paper: paper, body: "Second", now: now)
            #expect(first.userName == "ada")
            #expect(try await store.paper(paper)?.commentCount == 2)
            try await store.editComment(id: first.id, body: "Edited", now: now.addingTimeInterval(5))
            try await store.setCommentHidden(id: second.id, hidden: true)
            #expect(try await store.comments(paper: paper).map(\.body) == ["Edited"])
            #expect(try await store.paper(paper)?.commentCount == 1)
            try await store.deleteComment(id: second.id)
            try await store.deleteComment(id: first.id)
            #expect(try await store.paper(paper)?.commentCount == 0)
        }
    }

    @Test(arguments: DatabaseEngine.available) func hiddenPapersLeaveListsSearchAndLookups(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([
                makePaper("2401.00001", title: "Spam about transformers", listed: "2024-01-02"),
                makePaper("2401.00002", title: "Real transformers", listed: "2024-01-02"),
            ])
            try await store.setPaperHidden(PaperID(rawValue: "2401.00001"), hidden: true)
            let day = try #require(Day("2024-01-02"))
            #expect(try await store.listing(ListingQuery(days: day...day)).papers.map(\.id.rawValue) == ["2401.00002"])
            #expect(try await store.search(try QueryParser.parse("transformers"), limit: 10, offset: 0).hits.map(\.paper.id.rawValue) == ["2401.00002"])
            #expect(try await store.paper(PaperID(rawValue: "2401.00001")) == nil)
            #expect(try await store.hiddenPapers().map(\.id.rawValue) == ["2401.00001"])
            try await store.setPaperHidden(PaperID(rawValue: "2401.00001"), hidden: false)
            #expect(try await store.paper(PaperID(rawValue: "2401.00001")) != nil)
        }
    }

    @Test(arguments: DatabaseEngine.available) func submissionsListAPaperOnceADayAndClaimsLinkAuthors(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(engine) { store async throws in
            _ = try await store.upsert([makePaper("2401.00001", title: "Submitted", authors: ["Ada Lovelace", "Bob"])])
            let paper = PaperID(rawValue: "2401.00001")
            let day = try #require(Day("2026-11-29"))
            try await store.submit(paper: paper, userName: "ada", day: day)
            await #expect(throws: SubmissionError.alreadyListed(paper, day)) { try await store.submit(paper: paper, userName: "bob", day: day) }
            let listed = try await store.listing(ListingQuery(days: day...day)).papers
            #expect(listed.map(\.submitter?.name) == ["ada"])
            #expect(try await store.submissions(userName: "ada", limit: 10).map(\.id) == [paper])

            let ada = try await store.createUser(name: "ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now)
            let claim = try await store.claimAuthorship(userID: ada.id, paper: paper, authorName: "Ada Lovelace", now: now)
            #expect(try await store.claims(state: .pending).map(\.id) == [claim.id])
            try await store.decideClaim(id: claim.id, approve: true)
            #expect(try await store.claims(userID: ada.id).map(\.state) == [.approved])
            #expect(try await store.paper(paper)?.authors.first?.user == "ada")
        }
    }
}

@Suite struct CommunityCopyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: DatabaseEngine.available)
    func copyingAnInstanceMovesPeopleAndWhatTheyDidAndNewRowsGetFreshIds(engine: DatabaseEngine) async throws {
        try await withTemporaryStore(.sqlite) { source async throws in
            let paper = PaperID(rawValue: "2401.00001")
            let papers = [makePaper("2401.00001", title: "Copied", listed: "2024-01-02", upvotes: 4),
                          makePaper("2401.00002", title: "Hidden", listed: "2024-01-02")]
            _ = try await source.upsert(papers)
            let ada = try await source.createUser(name: "ada", email: "ada@x.org", passwordHash: "$2b$04$hash", isAdmin: true, now: now)
            _ = try await source.toggleVote(userID: ada.id, paper: paper, now: now)
            _ = try await source.addComment(userID: ada.id, paper: paper, body: "Good", now: now)
            try await source.setPaperHidden(PaperID(rawValue: "2401.00002"), hidden: true)
            try await source.submit(paper: paper, userName: "ada", day: Day("2024-01-05")!)
            let subscriber = try await source.subscribe(email: "r@x.org", frequency: .weekly, userID: nil, confirmed: true, token: "tok", now: now)
            _ = try await source.planDigest(frequency: .weekly, period: "weekly/2024-W01", now: now)
            let sent = try #require(try await source.claimDelivery(node: "a", lease: .seconds(60), now: now))
            try await source.finishDelivery(sent, sent: true, now: now)

            try await withTemporaryStore(engine) { target async throws in
                _ = try await target.upsert(papers)
                for _ in 0..<2 { try await CommunityCopy.run(from: source, to: target) }  // a second run changes nothing
                #expect(try await target.user(named: "ada")?.passwordHash == "$2b$04$hash")
                #expect(try await target.user(named: "ada")?.isAdmin == true)
                #expect(try await target.paper(paper)?.upvotes == 5)
                #expect(try await target.comments(paper: paper).map(\.body) == ["Good"])
                #expect(try await target.paper(PaperID(rawValue: "2401.00002")) == nil, "still hidden")
                #expect(try await target.submissions(userName: "ada", limit: 5).map(\.id) == [paper])
                #expect(try await target.subscriber(token: "tok")?.state == .confirmed)
                // The digest that went out before the move does not go out again.
                #expect(try await target.planDigest(frequency: .weekly, period: "weekly/2024-W01", now: now) == 0)
                #expect(try await target.deliveryCounts(period: "weekly/2024-W01") == ["sent": 1])
                let bob = try await target.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: false, now: now)
                #expect(bob.id > ada.id)
                #expect(try await target.subscribe(email: "s@x.org", frequency: .daily, userID: nil, confirmed: true, token: "t2",
                                                   now: now).id > subscriber.id)
            }
        }
    }
}
