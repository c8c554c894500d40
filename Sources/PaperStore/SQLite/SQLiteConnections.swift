import Foundation
import Logging
import NIOPosix
import SQLiteKit

/// The open connections to one SQLite file: one writer whose transactions run one at a time,
/// and a few readers that run concurrently beside it (WAL mode).
final class SQLiteConnections: Sendable {
    let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteReader]
    private let writeLock = AsyncLock()

    private init(path: String, writer: SQLiteConnection, readers: [SQLiteReader]) {
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating if needed) the database file at `path`.
    static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteConnections {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var opened: [SQLiteConnection] = []
        do {
            let writer = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
            opened.append(writer)
            // WAL lets readers proceed during a write; it is a property of the file, set once.
            try await writer.sql().raw("PRAGMA journal_mode = WAL").run()
            try await configure(writer, cacheMegabytes: 64)
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), threadPool: pool, logger: logger,
                                                             on: MultiThreadedEventLoopGroup.singleton.any())
                opened.append(reader)
                try await configure(reader, cacheMegabytes: 16)
            }
        } catch {
            for connection in opened { try? await Self.close(connection) }
            throw error
        }
        let writer = opened.removeFirst()
        return SQLiteConnections(path: path, writer: writer, readers: opened.map(SQLiteReader.init))
    }

    /// The threads every query of every connection runs on, each query from its first step to
    /// its last row. NIO's shared pool has one thread per core: on two cores, two long reads in
    /// the background (the counts, the vector index's load, the embedding service's look for
    /// papers without vectors, each seconds from a cold disk at millions of papers) held both,
    /// and the first page waited for them (33 s at 2.7 million papers). One thread per
    /// connection of a store, and a few to spare, so a query waits only for its own
    /// connection. The threads mostly wait for the disk, so more than the cores is right.
    /// Lives as long as the process, like NIO's own singletons.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        return pool
    }()

    /// The writer keeps a 64 MB page cache, for FTS5's merges during imports; each reader 16 MB.
    /// No file is memory-mapped: mapped pages count in the server's resident memory (0.9 GB of
    /// them after the scale benchmark's searches at 2.7 million papers, beside a 1.5 GB vector
    /// index), while pages read with `pread` stay in the kernel's page cache, which gives them
    /// back under pressure and costs a copy per page.
    private static func configure(_ connection: SQLiteConnection, cacheMegabytes: Int) async throws {
        let db = connection.sql(queryLogLevel: nil)
        // NORMAL in WAL mode: a process crash never loses a committed transaction.
        let pragmas = [
            "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON",
            "PRAGMA cache_size = -\(cacheMegabytes * 1024)", "PRAGMA mmap_size = 0", "PRAGMA temp_store = MEMORY",
            "PRAGMA secure_delete = OFF", "PRAGMA wal_autocheckpoint = 10000",
        ]
        for pragma in pragmas {
            try await db.raw(SQLQueryString(pragma)).run()
        }
    }

    /// A connection for queries that only read: of the readers with the fewest statements
    /// running or waiting, one at random (so that a quiet store spreads its reads too).
    var reader: any SQLDatabase {
        let least = readers.map(\.load).min()
        guard let chosen = readers.filter({ $0.load == least }).randomElement() else { return writer.sql(queryLogLevel: nil) }
        return chosen.database
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = writer.sql(queryLogLevel: nil)
        return try await writeLock.withLock {
            do {
                return try await db.inTransaction(begin: "BEGIN IMMEDIATE", body)
            } catch let error as SQLiteError where error.message.contains("within a transaction") {
                // Under the lock no transaction of ours is open, unless a failed one's ROLLBACK
                // was refused (SQLite refuses while one of its statements is still being read)
                // and left the writer inside it: every later write would fail (seen under load
                // in the digest lease test). The BEGIN failed, so `body` has not run: end the
                // stale transaction and begin again.
                try? await db.raw("ROLLBACK").run()
                return try await db.inTransaction(begin: "BEGIN IMMEDIATE", body)
            }
        }
    }

    /// Closes every connection; the store is unusable afterwards. Closes in a cancelled task too.
    func close() async throws {
        for reader in readers {
            try await reader.close()
        }
        try await Self.close(writer)
    }

    /// Closes `connection` even when the calling task is cancelled: SQLiteNIO's async `close()`
    /// then throws without closing, and a connection released open stops a debug build with an
    /// assertion (a test past its time limit brought the whole test run down that way).
    static func close(_ connection: SQLiteConnection) async throws {
        try await connection.close().get()
    }
}
