import Foundation
@testable import PaperStore
import SQLKit
import Testing
import TestSupport

/// Upgrades as an operator sees them: `migrate --dry-run` lists the steps and changes nothing,
/// opening applies them with a line saying so, and a database from a newer PaperFeed is refused.
@Suite struct MigrateCommandTests {
    @Test func aDryRunListsTheMissingStepsAndOpeningAppliesThemWithALogLine() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let missing = try #require(SchemaStep.all.last)
        let fresh = try await cli.run("migrate", "--dry-run")
        #expect(fresh.output.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: cli.database), "a dry run must not create the database")

        let created = try await cli.run("migrate")
        #expect(created.status == 0)
        #expect(created.errors.contains("Schema: applied \(SchemaStep.all.count) steps"))
        try await forgetStep(missing.number, in: cli.database)

        let dryRun = try await cli.run("migrate", "--dry-run")
        #expect(dryRun.status == 0)
        #expect(dryRun.output.contains("would apply 1:\n  \(missing)"))
        #expect(try await cli.run("migrate", "--dry-run").output == dryRun.output, "the dry run changed the database")
    }

    @Test func aDatabaseFromANewerPaperFeedIsRefusedByEveryCommand() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        #expect(try await cli.run("migrate").status == 0)
        try await execute("INSERT INTO schema_migrations (number, name) VALUES (\(SchemaStep.latest + 1), 'from the future')",
                          in: cli.database)
        for command in [["migrate"], ["migrate", "--dry-run"], ["stats"], ["serve", "--port", "0"]] {
            let refused = try await cli.run(command, input: nil)
            #expect(refused.status != 0, "\(command) opened a newer database")
            #expect(refused.errors.contains("written by a newer PaperFeed"), "\(command): \(refused.errors)")
        }
    }

    private func forgetStep(_ number: Int, in path: String) async throws {
        try await execute("DELETE FROM schema_migrations WHERE number = \(number)", in: path)
    }

    /// Changes the schema's record behind the binary's back, as an older or newer one would have.
    private func execute(_ sql: String, in path: String) async throws {
        try await PaperDatabases.withStore(path) { store in
            try await #require(store as? SQLPaperStore).transaction { db in try await db.raw(SQLQueryString(sql)).run() }
        }
    }
}
