import Foundation
import PaperCore
import SQLKit

/// The `JobQueue`, each operation one transaction; the engine adds only the row locking that
/// claims need on PostgreSQL (`claimLockClause`).
extension SQLPaperStore {
    func enqueue(kind: String, key: String, payload: String, now: Date) async throws {
        let time = Int64(now.timeIntervalSince1970)
        let finishedBefore = Self.milliseconds(now)
        try await transaction { db in
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
                    SQLBinaryExpression(SQLColumn("finished_at"), .lessThan, SQLBind(finishedBefore)))))
                .run()
        }
    }

    func claim(kind: String, node: String, lease: Duration, now: Date) async throws -> Job? {
        let time = Int64(now.timeIntervalSince1970)
        let leaseEnd = time + lease.components.seconds
        let lockClause = engine.claimLockClause
        return try await transaction { db in
            try await db.raw("""
                UPDATE jobs SET state = 'running', node = \(bind: node), available_at = \(bind: leaseEnd), attempts = attempts + 1
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE kind = \(bind: kind) AND available_at <= \(bind: time) AND state IN ('queued', 'running')
                    ORDER BY id LIMIT 1\(lockClause)
                )
                RETURNING id, kind, key, payload, attempts, node
                """).first(decoding: JobRow.self)?.job
        }
    }

    func runningJobs(kind: String) async throws -> [Job] {
        try await read { db in
            try await db.select().columns("id", "kind", "key", "payload", "attempts", "node").from("jobs")
                .where("kind", .equal, kind).where("state", .equal, "running").orderBy("id")
                .all(decoding: JobRow.self).map(\.job)
        }
    }

    func renew(_ job: Job, lease: Duration, now: Date) async throws -> Bool {
        let leaseEnd = Int64(now.timeIntervalSince1970) + lease.components.seconds
        return try await whileHeld(job) { $0.set("available_at", to: leaseEnd) }
    }

    @discardableResult
    func complete(_ job: Job, now: Date) async throws -> Bool {
        let finished = Self.milliseconds(now)
        return try await whileHeld(job) {
            $0.set("state", to: "done").set("node", to: SQLLiteral.null).set("finished_at", to: finished)
        }
    }

    @discardableResult
    func release(_ job: Job, retryAt: Date, error: String) async throws -> Bool {
        let available = Int64(retryAt.timeIntervalSince1970)
        return try await whileHeld(job) {
            $0.set("state", to: "queued").set("node", to: SQLLiteral.null).set("available_at", to: available).set("last_error", to: error)
        }
    }

    @discardableResult
    func removeFinished(kind: String, before: Date) async throws -> Int {
        let finishedBefore = Self.milliseconds(before)
        return try await transaction { db in
            try await db.raw("""
                DELETE FROM jobs WHERE kind = \(bind: kind) AND state = 'done' AND finished_at < \(bind: finishedBefore)
                RETURNING id
                """).all().count
        }
    }

    /// Updates `job`'s row with `change` only while the claim `job` stands (same node, same
    /// attempt, still running): a node whose lease was taken over changes nothing. Whether it ran.
    private func whileHeld(_ job: Job, _ change: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> Bool {
        guard let node = job.node else { return false }
        return try await transaction { db in
            let rows = try await change(db.update("jobs")).where("id", .equal, job.id).where("state", .equal, "running")
                .where("node", .equal, node).where("attempts", .equal, job.attempts)
                .returning("id").all()
            return !rows.isEmpty
        }
    }

    /// `finished_at` is in milliseconds: a run that starts right after another finished must
    /// still count as later.
    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// A `jobs` row as the queue reads it.
private struct JobRow: Decodable {
    var id: Int
    var kind: String
    var key: String
    var payload: String
    var attempts: Int
    var node: String?

    var job: Job { Job(id: id, kind: kind, key: key, payload: payload, attempts: attempts, node: node) }
}
