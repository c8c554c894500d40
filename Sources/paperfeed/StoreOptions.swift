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
        try await Settings.load(overrides: [Setting.db.rawValue: db.map(ConfigContent.string)]).database
    }

    /// Opens the store at `location`, runs `body` with it and closes it again, also when `body`
    /// throws; with a message for the operator when it cannot be opened.
    static func withStore<T>(_ location: String, isolation: isolated (any Actor)? = #isolation,
                             _ body: (any PaperDatabase) async throws -> T) async throws -> T {
        do {
            return try await PaperDatabases.withStore(location) { database in
                if !database.migratedNow.isEmpty { StandardError.write(migrationLine(database.migratedNow) + "\n") }
                return try await body(database)
            }
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// Whether `location` names an SQLite file that does not exist yet (opening would create it).
    static func isMissingFile(_ location: String) -> Bool {
        !location.contains("://") && !FileManager.default.fileExists(atPath: location)
    }

    /// What opening the store did to its schema, for the log.
    static func migrationLine(_ steps: [SchemaStep]) -> String {
        guard let last = steps.last else { return "Schema: up to date (step \(SchemaStep.latest))." }
        return "Schema: applied \(steps.count == 1 ? "step" : "\(steps.count) steps") (\(steps.map(\.description).joined(separator: ", "))); "
            + "now at step \(last.number)."
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
