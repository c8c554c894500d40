import SQLKit

/// When each job finished (milliseconds since 1970), so that a run queueing work again leaves alone what a run started
/// alongside it finished (two nodes importing the same files read each file once).
struct RecordWhenJobsFinish: Migration {
    let number = 8
    let name = "record when jobs finish"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.alter(table: "jobs").column("finished_at", type: .bigint).run()
    }
}
