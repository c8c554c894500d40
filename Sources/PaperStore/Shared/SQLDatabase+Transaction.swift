import SQLKit

extension SQLDatabase {
    /// Runs `body` between `begin` and COMMIT on this (single-connection) database, rolling back
    /// when it throws. `begin` differs by engine: SQLite takes its write lock up front.
    func inTransaction<T: Sendable>(begin: SQLQueryString = "BEGIN", _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw(begin).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
