import ArgumentParser
import Configuration
import Foundation
import PaperStore

/// The `--db` option every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An SQLite file (created if missing) or a postgres://user:password@host:port/database URL (default: $PAPERFEED_DB, else paperfeed.sqlite)."))
    var db: String?

    /// The database path: the option, else the environment or `.env` (see `Settings`).
    func databasePath() async throws -> String {
        try await Settings.load(overrides: ["paperfeed.db": db.map(ConfigContent.string)]).database
    }

    /// Opens the store at `location`, runs `body` with it and closes it again, also when `body`
    /// throws; with a message for the operator when it cannot be opened.
    static func withStore<T>(_ location: String, isolation: isolated (any Actor)? = #isolation,
                             _ body: (any PaperDatabase) async throws -> T) async throws -> T {
        do {
            return try await PaperDatabases.withStore(location, body)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the store `--db` names, runs `body` with it and its location, and closes it.
    func withStore<T>(isolation: isolated (any Actor)? = #isolation,
                      _ body: (any PaperDatabase, String) async throws -> T) async throws -> T {
        let path = try await databasePath()
        return try await Self.withStore(path) { try await body($0, path) }
    }
}

/// A failure ArgumentParser prints as `Error: <message>`, exiting with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
