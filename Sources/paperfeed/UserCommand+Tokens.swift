import ArgumentParser
import Foundation
import PaperAccounts
import PaperCore

extension UserCommand {
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a personal API token for an account and print it (once: only its hash is kept).",
            discussion: """
                Scripts and huggingface_hub send it as "Authorization: Bearer TOKEN" \
                (HfApi(endpoint=URL, token=TOKEN)) to act as the account: its collections, GET /api/whoami-v2. \
                List tokens with `paperfeed user tokens`, revoke one with `paperfeed user revoke-token`.
                """
        )

        @OptionGroup var account: AccountOptions

        @Option(help: "A label to tell the token apart (where it is used).")
        var tokenName = "cli"

        func run() async throws {
            let label = tokenName.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(label.count) else { throw CommandFailure("--token-name has 1 to 100 characters.") }
            try await account.withAccount { database, user in
                guard !user.isDisabled else {
                    throw CommandFailure("The account '\(user.name)' is disabled; enable it first: paperfeed user enable --name \(user.name)")
                }
                let made = try await PersonalTokens(tokens: database, clock: SystemClock()).issue(for: user, name: label)
                StandardError.write("API token \(made.token.id) “\(label)” for \(user.name); it is shown only now:\n")
                StandardOutput.line(made.secret)
            }
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an account's API tokens: id, label, created, last used and whether revoked (never the tokens)."
        )

        @OptionGroup var account: AccountOptions

        func run() async throws {
            try await account.withAccount { database, user in
                let tokens = try await database.apiTokens(userID: user.id)
                guard !tokens.isEmpty else { return StandardOutput.line("\(user.name) has no API tokens.") }
                func time(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "never" }
                let rows = [["ID", "NAME", "CREATED", "LAST USED", "REVOKED"]] + tokens.map {
                    [String($0.id), $0.name, time($0.createdAt), time($0.lastUsedAt), $0.revokedAt.map { $0.formatted(.iso8601) } ?? "no"]
                }
                for line in List.table(rows) { StandardOutput.line(line) }
            }
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-token",
            abstract: "Revoke one of an account's API tokens by its id (`paperfeed user tokens` lists them)."
        )

        @OptionGroup var account: AccountOptions

        @Option(help: "The token's id.")
        var id: Int

        func run() async throws {
            try await account.withAccount { database, user in
                guard let token = try await database.revokeAPIToken(id: id, userID: user.id, now: SystemClock().now()) else {
                    throw CommandFailure("\(user.name) has no API token with the id \(id).")
                }
                StandardOutput.line("Revoked API token \(token.id) “\(token.name)” of \(user.name); requests with it now get 401.")
            }
        }
    }
}
