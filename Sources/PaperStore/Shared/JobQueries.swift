import Foundation
import PaperCore
import SQLKit

/// The dialect-neutral part of the job queue; claiming is the engines' own (`SQLiteJobs`,
/// `PostgresJobs`), since only PostgreSQL has `FOR UPDATE SKIP LOCKED`.
enum JobQueries {
    static func enqueue(kind: String, key: String, payload: String, now: Date, on db: any SQLDatabase) async throws {
        let time = Int64(now.timeIntervalSince1970)
        try await db.insert(into: "jobs")
            .columns("kind", "key", "payload", "state", "available_at", "attempts")
            .values(SQLBind(kind), SQLBind(key), SQLBind(payload), SQLBind("queued"), SQLBind(time), SQLBind(0))
            .ignoringConflicts(with: ["kind", "key"])
            .run()
        try await db.update("jobs")
            .set("state", to: "queued").set("available_at", to: time).set("attempts", to: 0).set("payload", to: payload)
            .where("kind", .equal, kind).where("key", .equal, key).where("state", .equal, "done")
            .where(SQLGroupExpression(SQLBinaryExpression(
                SQLBinaryExpression(SQLColumn("finished_at"), .is, SQLLiteral.null), .or,
                SQLBinaryExpression(SQLColumn("finished_at"), .lessThan, SQLBind(milliseconds(now))))))
            .run()
    }

    static func running(kind: String, on db: any SQLDatabase) async throws -> [Job] {
        try await db.select().columns("id", "kind", "key", "payload", "attempts", "node").from("jobs")
            .where("kind", .equal, kind).where("state", .equal, "running").orderBy("id").all().map { row in
                Job(id: try row.decode(column: "id", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
                    key: try row.decode(column: "key", as: String.self), payload: try row.decode(column: "payload", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self), node: try row.decode(column: "node", as: String?.self))
            }
    }

    static func complete(_ job: Job, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await held(job, db.update("jobs").set("state", to: "done").set("node", to: SQLLiteral.null)
            .set("finished_at", to: milliseconds(now)))
    }

    static func renew(_ job: Job, lease: Duration, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await held(job, db.update("jobs").set("available_at", to: Int64(now.timeIntervalSince1970) + lease.components.seconds))
    }

    /// Runs `update` on `job`'s row only while the claim `job` stands (same node, same attempt,
    /// still running): a node whose lease was taken over changes nothing. Whether it ran.
    private static func held(_ job: Job, _ update: SQLUpdateBuilder) async throws -> Bool {
        guard let node = job.node else { return false }
        let rows = try await update.where("id", .equal, job.id).where("state", .equal, "running")
            .where("node", .equal, node).where("attempts", .equal, job.attempts)
            .returning("id").all()
        return !rows.isEmpty
    }

    /// `finished_at` is in milliseconds: a run that starts right after another finished must
    /// still count as later.
    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func release(_ job: Job, retryAt: Date, error: String, on db: any SQLDatabase) async throws -> Bool {
        try await held(job, db.update("jobs").set("state", to: "queued").set("node", to: SQLLiteral.null)
            .set("available_at", to: Int64(retryAt.timeIntervalSince1970)).set("last_error", to: error))
    }

    /// The claim statement both engines share but for the row-locking clause PostgreSQL adds.
    static func claim(kind: String, node: String, lease: Duration, now: Date, lockClause: SQLQueryString,
                      on db: any SQLDatabase) async throws -> Job? {
        let time = Int64(now.timeIntervalSince1970)
        let leaseEnd = time + lease.components.seconds
        struct Row: Decodable {
            var id: Int
            var kind: String
            var key: String
            var payload: String
            var attempts: Int
            var node: String?
        }
        let row = try await db.raw("""
            UPDATE jobs SET state = 'running', node = \(bind: node), available_at = \(bind: leaseEnd), attempts = attempts + 1
            WHERE id = (
                SELECT id FROM jobs
                WHERE kind = \(bind: kind) AND available_at <= \(bind: time) AND state IN ('queued', 'running')
                ORDER BY id LIMIT 1\(lockClause)
            )
            RETURNING id, kind, key, payload, attempts, node
            """).first(decoding: Row.self)
        return row.map { Job(id: $0.id, kind: $0.kind, key: $0.key, payload: $0.payload, attempts: $0.attempts, node: $0.node) }
    }
}
