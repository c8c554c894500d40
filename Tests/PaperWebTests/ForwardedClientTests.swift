import Foundation
import PaperAccounts
import PaperCore
import PaperStore
@testable import PaperWeb
import Testing
import TestSupport

/// Behind a reverse proxy, rate limits count the visitor the proxy names, not the proxy; a
/// visitor who is not a trusted proxy cannot choose their address with the header.
@Suite struct ForwardedClientTests {
    @Test func theClientIsTheRightmostAddressNoTrustedProxyAdded() {
        let trusted: Set = ["10.0.0.5", "127.0.0.1"]
        #expect(ForwardedClientMiddleware<AppRequestContext>.client(["198.51.100.9, 203.0.113.7"], trusted: trusted) == "203.0.113.7")
        #expect(ForwardedClientMiddleware<AppRequestContext>.client(["203.0.113.7, 10.0.0.5"], trusted: trusted) == "203.0.113.7")
        #expect(ForwardedClientMiddleware<AppRequestContext>.client(["198.51.100.9", "203.0.113.7"], trusted: trusted) == "203.0.113.7")
        #expect(ForwardedClientMiddleware<AppRequestContext>.client([" , "], trusted: trusted) == nil)
        #expect(ForwardedClientMiddleware<AppRequestContext>.client([], trusted: trusted) == nil)
    }

    @Test(.hangGuard)
    func limitsCountTheForwardedVisitorOnlyWhenTheProxyIsTrusted() async throws {
        try await withStore(CommunityFixture.papers) { store in
            _ = try await store.createUser(name: "grace", email: "grace@example.org",
                                           passwordHash: try await Passwords(cost: 4).hash("compiler pioneer"), isAdmin: false,
                                           now: WebFixture.now)
            var configuration = CommunityFixture.configuration
            configuration.trustedProxies = ["127.0.0.2"]
            try await CommunityFixture.withApp(store: store, configuration: configuration, live: true) { client in
                let port = try #require(client.port)
                func login(from source: String, forwardedFor: String, password: String) async throws -> Int {
                    RawHTTP.status(try await RawHTTP.post(port: port, from: source, "/login",
                                                          form: [("name", "grace"), ("password", password)],
                                                          headers: "X-Forwarded-For: \(forwardedFor)\r\n"))
                }
                // Through the trusted proxy: a guesser at 203.0.113.7 is limited, the owner at
                // 203.0.113.8 (the same proxy) is not.
                for attempt in 1...10 {
                    #expect(try await login(from: "127.0.0.2", forwardedFor: "203.0.113.7", password: "guess \(attempt)") == 401)
                }
                #expect(try await login(from: "127.0.0.2", forwardedFor: "203.0.113.7", password: "compiler pioneer") == 429)
                #expect(try await login(from: "127.0.0.2", forwardedFor: "203.0.113.8", password: "compiler pioneer") == 303)

                // From an untrusted peer the header is ignored: a new address per guess gains nothing.
                for attempt in 1...10 {
                    #expect(try await login(from: "127.0.0.4", forwardedFor: "198.51.100.\(attempt)", password: "guess \(attempt)") == 401)
                }
                #expect(try await login(from: "127.0.0.4", forwardedFor: "198.51.100.99", password: "compiler pioneer") == 429)
            }
        }
    }
}
