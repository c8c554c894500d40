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
]

/// Applies the migrations a database has not seen yet and records each in `schema_migrations`.
struct Migrator {
    let db: any SQLDatabase
    let dialect: any SchemaDialect
    /// Runs `body` in one transaction on one connection.
    let transaction: @Sendable (@escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void

    /// The numbers of the applied migrations after the run.
    @discardableResult
    func migrate() async throws -> [Int] {
        try await db.create(table: "schema_migrations")
            .ifNotExists()
            .column("number", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .run()
        let applied = Set(try await db.select().column("number").from("schema_migrations")
            .all().map { try $0.decode(column: "number", as: Int.self) })
        for migration in allMigrations.sorted(by: { $0.number < $1.number }) where !applied.contains(migration.number) {
            let dialect = self.dialect
            try await transaction { db in
                try await migration.prepare(on: db, dialect: dialect)
                try await db.insert(into: "schema_migrations")
                    .columns("number", "name")
                    .values(migration.number, migration.name)
                    .run()
            }
        }
        return allMigrations.map(\.number)
    }
}
