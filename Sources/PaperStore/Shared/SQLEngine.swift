import Foundation
import PaperCore
import SQLKit

/// What differs between the database engines. `SQLPaperStore` writes every port once over
/// SQLKit and asks its engine only for these: connections and transactions, row locking,
/// full-text search, schema introspection, identity sequences and in-database vector search.
/// `SQLiteEngine` (in `SQLite/`) and `PostgresEngine` (in `Postgres/`) are the two.
protocol SQLEngine: Sendable {
    /// Which engine and where, for start-up messages (never with a password).
    var summary: String { get }

    /// The engine's name for monitors: `sqlite` or `postgresql`.
    var name: String { get }

    /// Where the database is, for messages (never with a password).
    var location: String { get }

    /// Applies pending migrations (and the engine's own set-up, such as pgvector's column) and
    /// returns the steps applied; `run()` is already running.
    func migrate() async throws -> [SchemaStep]

    /// Where the schema stands, changing nothing; `run()` is already running.
    func schemaStatus() async throws -> SchemaStatus

    /// A failure of the engine's in words for the operator.
    func describe(_ error: any Error) -> String

    /// Runs `body` on a connection for reading.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// What a claiming `SELECT` appends so that concurrent claimers skip each other's rows.
    var claimLockClause: SQLQueryString { get }

    /// After rows were inserted with explicit ids (a copy), makes new rows of `tables` get ids
    /// above them (PostgreSQL's identity sequences do not notice; SQLite's rowids do).
    func continueIdentities(after tables: [String], on db: any SQLDatabase) async throws

    /// One page of ranked keyword matches for `query` (which has text) among visible papers.
    func keywordSearch(_ query: SearchQuery, limit: Int, offset: Int, on db: any SQLDatabase) async throws -> SearchPage

    /// The columns of `table` as the database has them, in table order.
    func columns(of table: String, on db: any SQLDatabase) async throws -> [TableColumn]

    /// Whether the database searches vectors itself (PostgreSQL with pgvector).
    var searchesVectors: Bool { get }

    /// Called inside the transaction that stored `vectors`, for a copy the engine keeps itself.
    func didStore(_ vectors: [PaperVector], model: String, on db: any SQLDatabase) async throws

    /// The `limit` vectors of `model` nearest `vector`; only called when `searchesVectors`.
    func nearestVectors(to vector: [Float], model: String, limit: Int, on db: any SQLDatabase) async throws
        -> [(id: PaperID, score: Float)]

    /// Runs what the engine needs in the background (PostgreSQL's connection pool) until the
    /// task is cancelled; returns at once when there is nothing.
    func run() async

    /// Closes the connections; the engine is unusable afterwards.
    func close() async throws
}

/// A column of a table as the database describes it.
struct TableColumn: Sendable, Equatable {
    var name: String
    /// Stored as an integer (else as text).
    var isInteger: Bool
    var isNullable: Bool
}
