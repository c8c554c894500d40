import Foundation
import HTTPTypes
import HummingbirdTesting
import PaperAccounts
import PaperCore
import PaperStore
import PaperWeb
import Testing
import TestSupport

/// The log-in limit counts every attempt before the password is checked, by account, and per
/// address: concurrent guesses do not slip through, the email is the same account as the name,
/// and a guesser elsewhere does not lock the owner out.
@Suite struct LoginLimitTests {
    @Test func concurrentGuessesCannotAllSlipUnderTheLimit() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var owner = Browser(client)
                try await owner.signUp("grace", password: "compiler pioneer")
                var guesser = Browser(client)
                try await guesser.get("/login")
                let template = guesser
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for attempt in 1...30 {
                        group.addTask {
                            var browser = template
                            return try await browser.post("/login", form: [("name", "grace"), ("password", "guess \(attempt)")]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .unauthorized }.count == 10)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 20)
            }
        }
    }

    @Test func theEmailAddressCountsAsTheSameAccount() async throws {
        try await withStore(CommunityFixture.papers) { store in
            try await CommunityFixture.withApp(store: store) { client in
                var owner = Browser(client)
                try await owner.signUp("grace", email: "grace@example.org", password: "compiler pioneer")
                var guesser = Browser(client)
                try await guesser.get("/login")
                for attempt in 1...10 {
                    let name = attempt.isMultiple(of: 2) ? "grace" : "GRACE@example.org"
                    #expect(try await guesser.post("/login", form: [("name", name), ("password", "guess \(attempt)")]).status == .unauthorized)
                }
                let limited = try await guesser.post("/login", form: [("name", "grace@example.org"), ("password", "guess")])
                #expect(limited.status == .tooManyRequests)
            }
        }
    }

    @Test(.hangGuard)
    func aGuesserElsewhereDoesNotLockTheOwnerOut() async throws {
        try await withStore(CommunityFixture.papers) { store in
            _ = try await store.createUser(name: "grace", email: "grace@example.org",
                                       passwordHash: try await Passwords(cost: 4).hash("compiler pioneer"), isAdmin: false, now: WebFixture.now)
            try await CommunityFixture.withApp(store: store, live: true) { client in
                let port = try #require(client.port)
                for attempt in 1...10 {
                    let answer = try await RawHTTP.post(port: port, from: "127.0.0.2", "/login",
                                                        form: [("name", "grace"), ("password", "guess \(attempt)")])
                    #expect(RawHTTP.status(answer) == 401)
                }
                let limited = try await RawHTTP.post(port: port, from: "127.0.0.2", "/login",
                                                     form: [("name", "grace"), ("password", "compiler pioneer")])
                #expect(RawHTTP.status(limited) == 429)
                let owner = try await RawHTTP.post(port: port, from: "127.0.0.3", "/login",
                                                   form: [("name", "grace"), ("password", "compiler pioneer")])
                #expect(RawHTTP.status(owner) == 303)
            }
        }
    }
}
