import SQLKit

/// One numbered step of the schema, run once per database in order of `number`.
protocol Migration: Sendable {
    /// The step's position; never reused or renumbered once released.
    var number: Int { get }
    /// A short description recorded with the step.
    var name: String { get }
    /// Applies the step inside the migration's transaction.
    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws
}

/// The schema steps that differ between database engines (full-text indexes, mostly).
protocol SchemaDialect: Sendable {
    /// Creates the full-text index over papers' title, abstract, author names and categories.
    func createPaperFullTextIndex(on db: any SQLDatabase) async throws
    /// Stores the full-text data ranking reads for every match where reading it costs least.
    func keepFullTextVectorInline(on db: any SQLDatabase) async throws
    /// Indexes title and abstract word for word (stop words kept), when the full-text index
    /// drops words that a query may be made of alone.
    func indexPlainWords(on db: any SQLDatabase) async throws
    /// Whether the table `name` exists (so that reading the schema's state changes nothing).
    func hasTable(_ name: String, on db: any SQLDatabase) async throws -> Bool
}

/// Every migration, in order. New steps are appended, never inserted.
let allMigrations: [any Migration] = [
    CreatePapers(),
    CreatePaperFullTextIndex(),
    CreatePaperVectors(),
    CreateJobs(),
    CreatePaperListings(),
    CreateCommunity(),
    IndexHiddenPapersOnly(),
    RecordWhenJobsFinish(),
    CreateHarvestState(),
    CreatePaperSummaries(),
    AddSubscriberCategories(),
    AddUserDisabled(),
    IndexPaperDOIs(),
    CreateLibrary(),
    KeepSearchVectorInline(),
    IndexPlainWords(),
    CreateFollows(),
    CreatePersonalDigestItems(),
    CreateFollowedAccounts(),
]

/// Applies the migrations a database has not seen yet and records each in `schema_migrations`.
struct Migrator {
    let db: any SQLDatabase
    let dialect: any SchemaDialect
    /// Runs `body` in one transaction on one connection.
    let transaction: @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void

    /// Where the database stands, without changing it.
    func status() async throws -> SchemaStatus {
        try await Self.status(on: db, dialect: dialect)
    }

    /// Where the database `db` stands, without changing it.
    static func status(on db: any SQLDatabase, dialect: any SchemaDialect) async throws -> SchemaStatus {
        guard try await dialect.hasTable("schema_migrations", on: db) else { return SchemaStatus(applied: []) }
        return SchemaStatus(applied: try await db.select().column("number").from("schema_migrations")
            .all().map { try $0.decode(column: "number", as: Int.self) })
    }

    /// Applies the steps the database lacks, each in its own transaction, and returns them.
    /// Refuses (`StoreError.newerSchema`) a database that has steps this binary does not know:
    /// a newer PaperFeed wrote it, and this one would misread it.
    @discardableResult
    func migrate() async throws -> [SchemaStep] {
        let status = try await status()
        try status.requireKnownSteps()
        try await db.create(table: "schema_migrations")
            .ifNotExists()
            .column("number", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .run()
        for step in status.pending {
            let migration = allMigrations.first { $0.number == step.number }!
            let dialect = self.dialect
            try await transaction { db in
                try await migration.prepare(on: db, dialect: dialect)
                try await db.insert(into: "schema_migrations")
                    .columns("number", "name")
                    .values(migration.number, migration.name)
                    .run()
            }
        }
        return status.pending
    }
}
