import SQLKit

/// Where each harvested source stands (watermark, pending resumption token) and how its last
/// runs went; one row per source. Times are seconds since 1970.
struct CreateHarvestState: Migration {
    let number = 9
    let name = "create harvest state"

    func prepare(on db: any SQLDatabase, dialect: any SchemaDialect) async throws {
        try await db.create(table: "harvest_state")
            .column("source", type: .text, .primaryKey(autoIncrement: false))
            .column("watermark", type: .text)
            .column("resumption_token", type: .text)
            .column("pending_watermark", type: .text)
            .column("last_success_at", type: .bigint)
            .column("last_error", type: .text)
            .column("last_error_at", type: .bigint)
            .run()
    }
}
