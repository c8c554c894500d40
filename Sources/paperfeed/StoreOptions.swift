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

    /// Opens the store at `location`, with a message for the operator when it cannot.
    static func open(_ location: String) async throws -> any PaperDatabase {
        do {
            return try await PaperDatabases.open(location)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the store, runs `body` with it and closes it again, also when `body` throws.
    func withStore<T>(_ body: (any PaperDatabase, String) async throws -> T) async throws -> T {
        let path = try await databasePath()
        let store = try await Self.open(path)
        do {
            let result = try await body(store, path)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// A failure ArgumentParser prints as `Error: <message>`, exiting with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
