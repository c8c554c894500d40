import Foundation
import PaperCore
import SQLKit

/// A `harvest_state` row.
struct HarvestStateRow: Codable {
    var source: String
    var watermark: String?
    var resumption_token: String?
    var pending_watermark: String?
    var last_success_at: Int64?
    var last_error: String?
    var last_error_at: Int64?

    static let columns = ["source", "watermark", "resumption_token", "pending_watermark",
                          "last_success_at", "last_error", "last_error_at"]

    init(_ state: HarvestState) {
        source = state.source
        watermark = state.watermark
        resumption_token = state.resumptionToken
        pending_watermark = state.pendingWatermark
        last_success_at = state.lastSuccessAt.map(Self.seconds)
        last_error = state.lastError
        last_error_at = state.lastErrorAt.map(Self.seconds)
    }

    var state: HarvestState {
        HarvestState(
            source: source, watermark: watermark, resumptionToken: resumption_token, pendingWatermark: pending_watermark,
            lastSuccessAt: last_success_at.map(Self.date), lastError: last_error, lastErrorAt: last_error_at.map(Self.date)
        )
    }

    /// Whole seconds, held within ±10^12 so that no date (a clock gone wrong) can trap.
    static func seconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        return seconds.isFinite ? Int64(max(-1e12, min(1e12, seconds))) : 0
    }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: Double(seconds)) }
}

/// The `HarvestStateStore`: each source's position, written with the page it covers.
extension SQLPaperStore {
    func harvestState(_ source: String) async throws -> HarvestState? {
        try await read { db in
            try await db.select().columns(HarvestStateRow.columns.map { SQLColumn($0) }).from("harvest_state")
                .where("source", .equal, source).first(decoding: HarvestStateRow.self)?.state
        }
    }

    func harvestStates() async throws -> [HarvestState] {
        try await read { db in
            try await db.select().columns(HarvestStateRow.columns.map { SQLColumn($0) }).from("harvest_state")
                .orderBy("source").all(decoding: HarvestStateRow.self).map(\.state)
        }
    }

    func commitHarvestPage(_ papers: [Paper], state: HarvestState) async throws -> UpsertCounts {
        let batch = PaperUpsert.Batch(papers)
        return try await transaction { db in
            let counts = papers.isEmpty ? UpsertCounts() : try await PaperUpsert.run(batch, on: db)
            try await Self.write(HarvestStateRow(state), on: db)
            return counts
        }
    }

    func recordHarvestFailure(source: String, message: String, at: Date) async throws {
        try await transaction { db in
            try await Self.ensureRow(source, on: db)
            try await db.update("harvest_state")
                .set("last_error", to: message)
                .set("last_error_at", to: HarvestStateRow.seconds(at))
                .where("source", .equal, source)
                .run()
        }
    }

    /// Replaces the row of `row.source`, creating it first when missing (an insert that ignores
    /// the conflict, then an update: the same two statements on both engines).
    private static func write(_ row: HarvestStateRow, on db: any SQLDatabase) async throws {
        try await ensureRow(row.source, on: db)
        try await db.update("harvest_state")
            .set(model: row, with: PaperUpsert.rowEncoder)
            .where("source", .equal, row.source)
            .run()
    }

    private static func ensureRow(_ source: String, on db: any SQLDatabase) async throws {
        try await db.insert(into: "harvest_state").columns("source").values(SQLBind(source))
            .ignoringConflicts(with: ["source"]).run()
    }
}
