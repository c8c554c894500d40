import Foundation
import PaperAccounts
import PaperCore
import PaperStore
import Testing
import TestSupport

/// `paperfeed user token | tokens | revoke-token`: a token is printed once and kept as a hash.
@Suite struct TokenCommandTests {
    @Test func aTokenIsPrintedOnceListedWithoutItsSecretAndRevokedById() async throws {
        let cli = UserCommandTests.operatorCLI()
        defer { cli.removeDatabase() }
        try await UserCommandTests().create("ada", on: cli)
        #expect(try await cli.run("user", "tokens", "--name", "ada").output == "ada has no API tokens.\n")

        let made = try await cli.run("user", "token", "--name", "ADA", "--token-name", "laptop")
        #expect(made.status == 0, "\(made.errors)")
        let secret = made.output.trimmingCharacters(in: .newlines)
        #expect(secret.hasPrefix("pf_") && !secret.contains("\n"), "the token alone on standard output: \(made.output)")
        #expect(made.errors.contains("“laptop” for ada"))

        let listed = try await cli.run("user", "tokens", "--name", "ada")
        #expect(!listed.output.contains(secret))
        let row = try #require(listed.output.split(separator: "\n").dropFirst().first?.split(separator: " ").map(String.init))
        #expect(row.count == 5 && row[1] == "laptop" && row[3] == "never" && row[4] == "no", "\(listed.output)")

        let user = try await PaperDatabases.withStore(cli.database) { store in
            try await store.apiTokenUser(tokenHash: SecureTokens.hash(secret), now: Date())?.user.name
        }
        #expect(user == "ada", "the store keeps the hash of the printed token")

        let revoked = try await cli.run("user", "revoke-token", "--name", "ada", "--id", row[0])
        #expect(revoked.status == 0 && revoked.output.contains("Revoked API token \(row[0]) “laptop” of ada"), "\(revoked.errors)")
        let again = try await cli.run("user", "revoke-token", "--name", "ada", "--id", "999")
        #expect(again.status != 0 && again.errors.contains("no API token with the id 999"))
        #expect(try await cli.run("user", "tokens", "--name", "ada").output.contains("Z"), "revoked at a time")
        let gone = try await PaperDatabases.withStore(cli.database) { store in
            try await store.apiTokenUser(tokenHash: SecureTokens.hash(secret), now: Date())?.user.name
        }
        #expect(gone == nil)
    }
}
