import NIOCore
import SQLiteKit
import Synchronization

/// A reader connection that runs one statement at a time.
///
/// SQLiteNIO hands each statement of a connection to its thread pool on its own, so two
/// statements of one connection can be stepped at once; the later one then reads inside the
/// earlier one's read transaction (its WAL snapshot) and can miss what was committed between
/// them: a page right after sign-up once found no session. Here a statement waits for the
/// statement before it on the same connection, and `SQLiteConnections.reader` gives each
/// statement the connection with the fewest waiting, so a long count holds up only its own.
final class SQLiteReader: Sendable {
    private let connection: SQLiteConnection
    private let turn = AsyncLock()
    private let statements = Atomic<Int>(0)

    init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Statements running or waiting on this connection.
    var load: Int { statements.load(ordering: .relaxed) }

    var database: any SQLDatabase { OneAtATime(reader: self, base: connection.sql(queryLogLevel: nil)) }

    func close() async throws {
        try await SQLiteConnections.close(connection)
    }

    fileprivate func run(_ statement: @Sendable () async throws -> Void) async throws {
        statements.add(1, ordering: .relaxed)
        defer { statements.subtract(1, ordering: .relaxed) }
        try await turn.withLock(statement)
    }

    /// The connection's `SQLDatabase`, each statement run in its turn.
    private struct OneAtATime: SQLDatabase {
        let reader: SQLiteReader
        let base: any SQLDatabase

        var logger: Logger { base.logger }
        var eventLoop: any EventLoop { base.eventLoop }
        var version: (any SQLDatabaseReportedVersion)? { base.version }
        var dialect: any SQLDialect { base.dialect }
        var queryLogLevel: Logger.Level? { base.queryLogLevel }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            let promise = eventLoop.makePromise(of: Void.self)
            promise.completeWithTask { try await execute(sql: query, onRow) }
            return promise.futureResult
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            try await reader.run { try await base.execute(sql: query, onRow) }
        }
    }
}
