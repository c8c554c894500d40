import ArgumentParser
import Foundation
import PaperStore

/// The `--db` option every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Path of the SQLite database file (created if missing).",
        discussion: "Defaults to $PAPERFEED_DB, else paperfeed.sqlite in the current folder."))
    var db: String = ProcessInfo.processInfo.environment["PAPERFEED_DB"] ?? "paperfeed.sqlite"

    /// Opens the store at `path`, with a message for the operator when it cannot.
    static func open(_ path: String) async throws -> SQLitePaperStore {
        do {
            return try await SQLitePaperStore.open(path: path)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the store, runs `body` with it and closes it again, also when `body` throws.
    func withStore<T>(_ body: (SQLitePaperStore) async throws -> T) async throws -> T {
        let store = try await Self.open(db)
        do {
            let result = try await body(store)
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
