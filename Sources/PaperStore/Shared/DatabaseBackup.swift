import Foundation
import SQLKit

/// Backups of a whole instance, and restoring one. On SQLite a backup is one file, a consistent
/// snapshot taken while other processes write (see `SQLiteBackup`); on PostgreSQL the server's
/// own `pg_dump`/`pg_restore` are the tools, and these say how to use them (`PostgresBackupAdvice`).
public enum DatabaseBackup {
    /// Writes a consistent copy of the database at `location` to `file`, checks that the copy
    /// opens and is intact, and says what it holds. `file` appears only once it is complete; an
    /// existing `file` is replaced only when `replacing`.
    public static func backup(_ location: String, to file: String, replacing: Bool) async throws -> BackupReport {
        if isPostgres(location) { throw BackupError.postgres(try PostgresBackupAdvice.backup(location, to: file)) }
        return try await SQLiteBackup.backup(location, to: file, replacing: replacing)
    }

    /// Puts the backup `file` in place of the database at `location` and brings its schema up to
    /// date. Refuses a file that is not an intact PaperFeed database or is newer than this
    /// program, a database another process has open, and one that holds papers or accounts
    /// unless `replacing`.
    public static func restore(_ file: String, to location: String, replacing: Bool) async throws -> BackupReport {
        if isPostgres(location) { throw BackupError.postgres(try PostgresBackupAdvice.restore(file, to: location)) }
        return try await SQLiteBackup.restore(file, to: location, replacing: replacing)
    }

    /// What the SQLite backup (or database) `file` holds, after an integrity check.
    public static func inspect(_ file: String) async throws -> BackupReport {
        try await SQLiteBackup.inspect(file)
    }

    private static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }
}

/// What a backup holds.
public struct BackupReport: Sendable, Equatable {
    /// The backup file (or the restored database).
    public var file: String
    public var counts: DatabaseCounts
    /// The file's size in bytes.
    public var bytes: Int64
    /// The number of the newest migration applied to it.
    public var schemaVersion: Int
}

/// The rows an operator checks a backup by.
public struct DatabaseCounts: Sendable, Equatable, CustomStringConvertible {
    public var papers: Int
    public var users: Int
    public var vectors: Int
    public var subscribers: Int

    /// Counts the rows of `db`, a PaperFeed database whose tables are `existing` (one from
    /// before a table was added has none of it).
    static func read(on db: any SQLDatabase, tables existing: Set<String>) async throws -> DatabaseCounts {
        func count(_ table: String) async throws -> Int {
            guard existing.contains(table) else { return 0 }
            let row = try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(table).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return DatabaseCounts(papers: try await count("papers"), users: try await count("users"),
                              vectors: try await count("paper_vectors"), subscribers: try await count("subscribers"))
    }

    public var isEmpty: Bool { papers == 0 && users == 0 }

    public var description: String {
        [(papers, "paper"), (users, "user"), (vectors, "vector"), (subscribers, "subscriber")]
            .map { count, noun in "\(count.formatted()) \(noun)\(count == 1 ? "" : "s")" }.joined(separator: ", ")
    }
}

/// Why a backup or restore was refused, in words for the operator; nothing was changed.
public enum BackupError: Error, CustomStringConvertible {
    case missing(String)
    case exists(String)
    case notPaperFeed(String, reason: String)
    case damaged(String, report: String)
    case newerSchema(String, has: Int, knows: Int)
    case inUse(String)
    case notEmpty(String, DatabaseCounts)
    case liveDatabase(String)
    case failed(String, reason: String)
    /// The database is PostgreSQL; the text says what to run instead.
    case postgres(String)

    public var description: String {
        switch self {
        case let .missing(path): "\(path): no such file"
        case let .exists(path): "\(path) exists already; pass --force to replace it, or choose another name"
        case let .notPaperFeed(path, reason): "\(path) is not a PaperFeed database: \(reason)"
        case let .damaged(path, report): "\(path) failed SQLite's integrity check: \(report)"
        case let .newerSchema(path, has, knows):
            "\(path) has schema version \(has), newer than this paperfeed knows (\(knows)); restore it with a newer paperfeed"
        case let .inUse(path): "\(path) is open in another process (a running serve?); stop it first, then restore"
        case let .notEmpty(path, counts): "\(path) holds \(counts); pass --force to replace it"
        case let .liveDatabase(path):
            "\(path) has a write-ahead log beside it (\(path)-wal), so it is a live database, not a backup; make one with paperfeed backup"
        case let .failed(path, reason): "\(path): \(reason)"
        case let .postgres(advice): advice
        }
    }
}
