import Foundation
import SQLiteKit

/// Backups of an SQLite database with `VACUUM INTO`: it reads one snapshot (in WAL mode, beside
/// a `serve` or an import that keeps writing) and writes it compacted to a new file, which is
/// checked and only then given its final name.
enum SQLiteBackup {
    static func backup(_ database: String, to file: String, replacing: Bool) async throws -> BackupReport {
        guard FileManager.default.fileExists(atPath: database) else { throw BackupError.missing(database) }
        if !replacing && FileManager.default.fileExists(atPath: file) { throw BackupError.exists(file) }
        if SQLiteFile.samePath(database, file) {
            throw BackupError.failed(file, reason: "that is the database itself; choose another file")
        }
        try SQLiteFile.createFolder(of: file)
        let partial = SQLiteFile.partialPath(beside: file)
        do {
            try await describingFailures(of: database) {
                try await SQLiteFile.withConnection(database, busyTimeout: 30_000) { db in
                    guard try await SQLiteFile.tables(on: db).contains("schema_migrations") else {
                        throw BackupError.notPaperFeed(database, reason: "it has no schema_migrations table")
                    }
                    try await db.raw("VACUUM INTO \(bind: partial)").run()
                }
            }
            var report = try await inspect(partial, check: true)
            try SQLiteFile.install(partial, at: file, replacing: replacing)
            report.file = file
            return report
        } catch {
            unlink(partial)
            throw error
        }
    }

    static func restore(_ file: String, to database: String, replacing: Bool) async throws -> BackupReport {
        guard FileManager.default.fileExists(atPath: file) else { throw BackupError.missing(file) }
        if let log = SQLiteFile.size(of: file + "-wal"), log > 0 { throw BackupError.liveDatabase(file) }
        _ = try await inspect(file, check: true)
        try await checkTarget(database, replacing: replacing)
        try SQLiteFile.createFolder(of: database)
        let partial = SQLiteFile.partialPath(beside: database)
        do {
            try FileManager.default.copyItem(atPath: file, toPath: partial)
            // Again just before the move: a process may have opened it while the file was copied.
            try await checkTarget(database, replacing: replacing)
            SQLiteFile.removeSideFiles(of: database)
            try SQLiteFile.install(partial, at: database, replacing: true)
        } catch {
            unlink(partial)
            throw error
        }
        let store = try await PaperDatabases.openSQLite(path: database)
        try await store.close()
        return try await inspect(database, check: false)
    }

    /// What `file` holds, after SQLite's quick integrity check when `check`.
    static func inspect(_ file: String, check: Bool = true) async throws -> BackupReport {
        guard let bytes = SQLiteFile.size(of: file) else { throw BackupError.missing(file) }
        return try await describingFailures(of: file) {
            try await SQLiteFile.withConnection(file, busyTimeout: 30_000) { db in
                if check {
                    let problems = try await db.raw("PRAGMA quick_check").all()
                        .map { row in try row.decode(column: row.allColumns.first ?? "", as: String.self) }
                    guard problems == ["ok"] else {
                        throw BackupError.damaged(file, report: problems.prefix(3).joined(separator: "; "))
                    }
                }
                let tables = try await SQLiteFile.tables(on: db)
                guard tables.contains("schema_migrations") else {
                    throw BackupError.notPaperFeed(file, reason: "it has no schema_migrations table")
                }
                let schema = try await Migrator.status(on: db, dialect: SQLiteSchemaDialect())
                if let newest = schema.unknown.max() { throw BackupError.newerSchema(file, has: newest, knows: SchemaStep.latest) }
                let version = schema.current
                let counts = try await DatabaseCounts.read(on: db, tables: tables)
                return BackupReport(file: file, counts: counts, bytes: bytes, schemaVersion: version)
            }
        }
    }

    /// Refuses a target that another process has open, or that holds papers, accounts or
    /// anything but a PaperFeed database, unless `replacing`.
    private static func checkTarget(_ database: String, replacing: Bool) async throws {
        guard let size = SQLiteFile.size(of: database), size > 0 else { return }
        let contents = try await describingFailures(of: database) { try await SQLiteFile.contentsWhenUnused(database) }
        guard !replacing else { return }
        switch contents {
        case let .paperFeed(counts) where counts.isEmpty: return
        case let .paperFeed(counts): throw BackupError.notEmpty(database, counts)
        case .other: throw BackupError.exists(database)
        }
    }

    /// Runs `body`, putting SQLite's failures on `path` in words for the operator.
    private static func describingFailures<T>(of path: String, isolation: isolated (any Actor)? = #isolation,
                                              _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SQLiteError {
            switch error.reason {
            case .notADatabase: throw BackupError.notPaperFeed(path, reason: "it is not an SQLite database")
            case .corrupt: throw BackupError.damaged(path, report: error.message)
            default: throw BackupError.failed(path, reason: error.message)
            }
        }
    }
}
