import ArgumentParser
import Foundation
import PaperStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the SQLite database to a file, also while serve or an import writes.",
        discussion: """
            The copy is one SQLite file (VACUUM INTO: one snapshot, compacted), written under a temporary name \
            beside FILE and given its name only once it passes SQLite's integrity check, so a crash never leaves \
            half a backup. The database (--db) must exist; it is not created. On PostgreSQL it prints the pg_dump command to use instead and exits with status 1.
            """)

    @Option(name: .long, help: ArgumentHelp("The backup file to write.", valueName: "file"), completion: .file())
    var to: String

    @Flag(name: .long, help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let database = try await store.databasePath()
        let report = try await refusingPlainly { try await DatabaseBackup.backup(database, to: to, replacing: force) }
        print("Backed up \(database) to \(report.file): \(report.counts) (\(report.megabytes), schema \(report.schemaVersion)).")
        print("The copy opens and passes SQLite's integrity check; restore it with: paperfeed restore --from \(report.file)")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put an SQLite backup in place of the database (stop serve first).",
        discussion: """
            Checks that FILE is an intact PaperFeed database no newer than this paperfeed, refuses a database \
            another process has open, and one that holds papers or accounts unless --force; then moves the copy \
            into place in one step and brings its schema up to date. On PostgreSQL it prints the pg_restore \
            command to use instead and exits with status 1.
            """)

    @Option(name: .long, help: ArgumentHelp("The backup file to restore.", valueName: "file"), completion: .file())
    var from: String

    @Flag(name: .long, help: "Replace a database that holds papers or accounts.")
    var force = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let database = try await store.databasePath()
        let report = try await refusingPlainly { try await DatabaseBackup.restore(from, to: database, replacing: force) }
        print("Restored \(from) to \(database): \(report.counts) (\(report.megabytes), schema \(report.schemaVersion)).")
    }
}

/// Runs `body`, turning a refusal into the operator's message and exit status 1.
private func refusingPlainly<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as BackupError {
        throw CommandFailure(error.description)
    } catch let error as StoreError {
        throw CommandFailure(error.description)
    }
}

extension BackupReport {
    var megabytes: String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}
