import Foundation
import PaperCore
@testable import PaperStore
import SQLKit
import TestSupport
import Testing

/// Opening a store brings its schema up to this binary's steps, says which it applied, and
/// refuses a database a newer PaperFeed wrote; on every available engine.
@Suite struct StoreSchemaTests {
    @Test(arguments: DatabaseEngine.available) func aNewDatabaseGetsEveryStepOnceAndReportsThem(engine: DatabaseEngine) async throws {
        try await withTemporaryDatabase(engine) { database in
            #expect(try await PaperDatabases.schemaStatus(database.location).pending == SchemaStep.all)
            let first = try await PaperDatabases.withStore(database.location) { $0.migratedNow }
            #expect(first == SchemaStep.all)
            let again = try await PaperDatabases.withStore(database.location) { $0.migratedNow }
            #expect(again.isEmpty)
            let status = try await PaperDatabases.schemaStatus(database.location)
            #expect(status.pending.isEmpty && status.unknown.isEmpty && status.current == SchemaStep.latest)
        }
    }

    @Test(arguments: DatabaseEngine.available) func readingTheStatusChangesNothing(engine: DatabaseEngine) async throws {
        try await withTemporaryDatabase(engine) { database in
            try await PaperDatabases.withStore(database.location) { store in
                try await Self.execute("DELETE FROM schema_migrations WHERE number = \(SchemaStep.latest)", on: store)
            }
            let missing = try await PaperDatabases.schemaStatus(database.location)
            #expect(missing.pending == [SchemaStep.all.last!])
            #expect(try await PaperDatabases.schemaStatus(database.location) == missing)
        }
    }

    @Test(arguments: DatabaseEngine.available) func aDatabaseWithAStepThisBinaryDoesNotKnowIsRefusedUnchanged(engine: DatabaseEngine) async throws {
        try await withTemporaryDatabase(engine) { database in
            let newer = SchemaStep.latest + 1
            try await PaperDatabases.withStore(database.location) { store in
                _ = try await store.upsert([Paper(id: PaperID(rawValue: "2501.00001"), title: "Kept", abstract: "Kept as it was.",
                                                  authors: [Author(name: "A. Author")], source: .oaiPMH)])
                try await Self.execute("INSERT INTO schema_migrations (number, name) VALUES (\(newer), 'from the future')", on: store)
            }
            await #expect(throws: StoreError.self) {
                try await PaperDatabases.withStore(database.location) { _ in Issue.record("a newer database was opened") }
            }
            let status = try await PaperDatabases.schemaStatus(database.location)
            #expect(status.unknown == [newer])
            #expect(status.pending.isEmpty)
        }
    }

    static func execute(_ sql: String, on store: any PaperDatabase) async throws {
        try await #require(store as? SQLPaperStore).transaction { db in try await db.raw(SQLQueryString(sql)).run() }
    }
}
