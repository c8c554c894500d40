import Foundation
import Logging
import SQLiteKit

/// An SQLite file handled as a whole: one plain connection of its own (outside any store's),
/// what it holds, SQLite's lock on it, and moving it into place so that a crash never leaves a
/// half-written file under the final name.
enum SQLiteFile {
    /// What a file that may be replaced holds.
    enum Contents {
        case paperFeed(DatabaseCounts)
        /// Something that is not a PaperFeed database (another program's, or not SQLite at all).
        case other
    }

    /// Runs `body` on a new connection to `path`, closed afterwards. `busyTimeout` also replaces
    /// SQLiteNIO's busy handler, which would wait for a lock forever.
    static func withConnection<T>(_ path: String, busyTimeout milliseconds: Int, isolation: isolated (any Actor)? = #isolation,
                                  _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: Logger(label: "paperfeed.backup"))
        do {
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(milliseconds))").run()
            let result = try await body(db)
            try await connection.close().get()
            return result
        } catch {
            try? await connection.close().get()
            throw error
        }
    }

    /// The names of the tables in `db`.
    static func tables(on db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
            .map { try $0.decode(column: "name", as: String.self) })
    }

    /// What `path` holds, read under SQLite's exclusive lock, which it cannot take while another
    /// process has the file open (in WAL mode every open connection keeps a shared lock). Leaves
    /// nothing in the file's write-ahead log, so that removing the log loses nothing.
    static func contentsWhenUnused(_ path: String) async throws -> Contents {
        do {
            return try await withConnection(path, busyTimeout: 1_000) { db in
                try await db.raw("PRAGMA locking_mode = EXCLUSIVE").run()
                do {
                    try await db.raw("BEGIN EXCLUSIVE").run()
                } catch let error as SQLiteError where isBusy(error) {
                    throw BackupError.inUse(path)
                }
                let names = try await tables(on: db)
                let contents: Contents = names.isSuperset(of: ["schema_migrations", "papers", "users"])
                    ? .paperFeed(try await DatabaseCounts.read(on: db, tables: names)) : .other
                try await db.raw("COMMIT").run()
                try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
                return contents
            }
        } catch let error as SQLiteError where error.reason == .notADatabase {
            return .other
        }
    }

    private static func isBusy(_ error: SQLiteError) -> Bool {
        [.busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked].contains(error.reason)
    }

    /// A name for a file being written beside `path`, hidden and marked as partial.
    static func partialPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8).lowercased())"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Whether `a` and `b` name the same file (through `..` or symbolic links too).
    static func samePath(_ a: String, _ b: String) -> Bool {
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return resolved(a) == resolved(b)
    }

    /// Creates the folder `path` is in, if missing.
    static func createFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The size of the file at `path`, or `nil` when there is none.
    static func size(of path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    /// Moves the complete file `partial` to `path` in one step, after writing it to disk: replacing
    /// what is there when `replacing`, else refusing if something is (`link` never replaces).
    static func install(_ partial: String, at path: String, replacing: Bool) throws {
        try sync(partial)
        if replacing {
            guard rename(partial, path) == 0 else { throw failure(path) }
        } else {
            guard link(partial, path) == 0 else {
                if errno == EEXIST { throw BackupError.exists(path) }
                throw failure(path)
            }
            unlink(partial)
        }
        try sync(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Removes the SQLite side files of `path` (its write-ahead log and shared memory index).
    static func removeSideFiles(of path: String) {
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Flushes the file or folder at `path` to disk.
    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(path) }
    }

    private static func failure(_ path: String) -> BackupError {
        .failed(path, reason: String(cString: strerror(errno)))
    }
}
