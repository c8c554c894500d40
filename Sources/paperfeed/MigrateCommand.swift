import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema, then exit (every command also does this on open).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withStore { database, _ in
            print("Schema up to date: \(database.summary)")
        }
    }
}
