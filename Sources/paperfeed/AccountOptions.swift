import ArgumentParser
import PaperCore
import PaperStore

/// `--db` and `--name`, for the `user` commands that act on one existing account.
struct AccountOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: "The account's user name (upper or lower case alike).")
    var name: String

    /// Opens the store and runs `body` with the account named `--name`; an unknown name is an
    /// error for the operator, not a crash.
    func withAccount<T>(isolation: isolated (any Actor)? = #isolation,
                        _ body: (any PaperDatabase, User) async throws -> T) async throws -> T {
        try await store.withStore { database, _ in
            guard let user = try await database.user(named: name) else { throw CommandFailure("No account named '\(name)'.") }
            return try await body(database, user)
        }
    }
}
