import SQLKit

/// How the dialect-neutral queries reach a database: reads on any connection, writes in one
/// transaction. Both stores provide it, and the community, account and subscription stores
/// are written once against it.
public protocol SQLAccess: Sendable {
    /// Runs `body` on a connection for reading.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// What a claiming `SELECT` appends so that concurrent claimers skip each other's rows
    /// (` FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on SQLite, whose writes are serial).
    var claimLockClause: SQLQueryString { get }
    /// After rows were inserted with explicit ids (a copy), makes new rows of `tables` get ids
    /// above them (PostgreSQL's identity sequences do not notice; SQLite's rowids do).
    func continueIdentities(after tables: [String]) async throws
}
