import SQLKit

/// Background jobs, claimed with a lease so each runs once across nodes.
struct CreateJobs: Migration {
    let number = 4
    let name = "create jobs"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "jobs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("key", type: .text, .notNull)
            .column("payload", type: .text, .notNull)
            // queued, running or done; `available_at` is when a queued job may be claimed, and
            // for a running one when its lease ends.
            .column("state", type: .text, .notNull)
            .column("available_at", type: .bigint, .notNull)
            .column("attempts", type: .bigint, .notNull, .default(0))
            .column("node", type: .text)
            .column("last_error", type: .text)
            .unique("kind", "key")
            .run()
        try await db.create(index: "jobs_claim").on("jobs").column("kind").column("state").column("available_at").run()
    }
}
