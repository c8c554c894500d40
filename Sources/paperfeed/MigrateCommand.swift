import ArgumentParser
import Foundation
import PaperStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema, then exit (every command also does this on open).",
        discussion: """
            Each schema step runs once, in its own transaction; several nodes sharing one PostgreSQL take turns. \
            A database written by a newer PaperFeed (with steps this binary does not know) is refused, unchanged. \
            Back up first (paperfeed backup) when an upgrade brings new steps.
            """)

    @OptionGroup var store: StoreOptions

    @Flag(help: "List the steps that would run, and change nothing.")
    var dryRun = false

    func run() async throws {
        let location = try await store.databasePath()
        guard dryRun else {
            try await StoreOptions.withStore(location) { database in
                StandardOutput.line("Schema up to date (step \(SchemaStep.latest)): \(database.summary)")
            }
            return
        }
        if StoreOptions.isMissingFile(location) {
            StandardOutput.line("\(location) does not exist: opening it would create it with every step, 1 to \(SchemaStep.latest).")
            return
        }
        let status: SchemaStatus
        do {
            status = try await PaperDatabases.schemaStatus(location)
            try status.requireKnownSteps()
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        if status.pending.isEmpty {
            StandardOutput.line("Nothing to do: the schema is at step \(status.current), the newest this binary knows.")
            return
        }
        StandardOutput.line("The schema is at step \(status.current); opening it would apply \(status.pending.count):")
        for step in status.pending { StandardOutput.line("  \(step)") }
    }
}
