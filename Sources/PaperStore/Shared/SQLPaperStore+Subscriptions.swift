import Foundation
import PaperCore
import SQLKit

/// A `subscribers` row.
struct SubscriberRow: Decodable {
    var id: Int
    var email: String
    var frequency: String
    var state: String
    var token: String
    var user_id: Int?
    var categories: String

    static let columns = ["id", "email", "frequency", "state", "token", "user_id", "categories"]
    var subscriber: Subscriber {
        Subscriber(id: id, email: email, frequency: DigestFrequency(rawValue: frequency) ?? .daily,
                   state: Subscriber.State(rawValue: state) ?? .pending, token: token, userID: user_id,
                   categories: categories.split(separator: " ").compactMap { ArxivCategory(String($0)) })
    }

    static func text(_ categories: [ArxivCategory]) -> String { categories.map(\.name).joined(separator: " ") }
}

/// The `SubscriptionStore`: digest subscribers and the outbox of digests to send.
extension SQLPaperStore {
    func subscribe(email: String, frequency: DigestFrequency, categories: [ArxivCategory], userID: Int?, confirmed: Bool,
                   token: String, now: Date) async throws -> Subscriber {
        try await transaction { db in
            let time = Int64(now.timeIntervalSince1970)
            let categories = SubscriberRow.text(categories)
            try await db.insert(into: "subscribers")
                .columns("email", "email_key", "frequency", "categories", "state", "token", "user_id", "updated_at")
                .values(SQLBind(email), SQLBind(email.lowercased()), SQLBind(frequency.rawValue), SQLBind(categories),
                        SQLBind(confirmed ? "confirmed" : "pending"), SQLBind(token), userID.map { SQLBind($0) } ?? SQLLiteral.null,
                        SQLBind(time))
                .ignoringConflicts(with: ["email_key"]).run()
            var update = db.update("subscribers").set("frequency", to: frequency.rawValue).set("categories", to: categories)
                .set("updated_at", to: time).where("email_key", .equal, email.lowercased())
            if let userID { update = update.set("user_id", to: userID) }
            if confirmed {
                update = update.set("state", to: "confirmed")
            } else {
                // Anyone can type an address: a confirmed subscription changes only by its link.
                update = update.where("state", .notEqual, "confirmed")
            }
            try await update.run()
            // An address that had unsubscribed must confirm again before mail goes to it.
            if !confirmed {
                try await db.update("subscribers").set("state", to: "pending")
                    .where("email_key", .equal, email.lowercased()).where("state", .equal, "unsubscribed").run()
            }
            return try await Self.subscriberRow(where: "email_key", is: email.lowercased(), on: db)!.subscriber
        }
    }

    func subscriber(token: String) async throws -> Subscriber? {
        try await read { try await Self.subscriberRow(where: "token", is: token, on: $0)?.subscriber }
    }

    func subscriber(userID: Int) async throws -> Subscriber? {
        try await read { try await Self.subscriberRow(where: "user_id", is: userID, on: $0)?.subscriber }
    }

    func changeFrequency(token: String, to frequency: DigestFrequency, now: Date) async throws -> Subscriber? {
        try await transaction { db in
            try await db.update("subscribers").set("frequency", to: frequency.rawValue)
                .set("updated_at", to: Int64(now.timeIntervalSince1970)).where("token", .equal, token).run()
            return try await Self.subscriberRow(where: "token", is: token, on: db)?.subscriber
        }
    }

    func subscriberCount(frequency: DigestFrequency, state: Subscriber.State) async throws -> Int {
        try await read { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("subscribers")
                .where("frequency", .equal, frequency.rawValue).where("state", .equal, state.rawValue)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func setSubscriberState(token: String, to state: Subscriber.State, now: Date) async throws -> Subscriber? {
        try await transaction { db in
            try await db.update("subscribers").set("state", to: state.rawValue).set("updated_at", to: Int64(now.timeIntervalSince1970))
                .where("token", .equal, token).run()
            return try await Self.subscriberRow(where: "token", is: token, on: db)?.subscriber
        }
    }

    func planDigest(frequency: DigestFrequency, period: String, now: Date) async throws -> Int {
        try await transaction { db in
            // One row per (subscriber, period) whoever plans it: the unique index drops repeats.
            let rows = try await db.raw("""
                INSERT INTO digest_outbox (subscriber_id, period, state, available_at, attempts)
                SELECT id, \(bind: period), 'queued', \(bind: Int64(now.timeIntervalSince1970)), 0 FROM subscribers
                WHERE state = 'confirmed' AND frequency = \(bind: frequency.rawValue)
                ON CONFLICT (subscriber_id, period) DO NOTHING
                RETURNING id
                """).all()
            return rows.count
        }
    }

    func claimDelivery(node: String, lease: Duration, now: Date) async throws -> DigestDelivery? {
        let lockClause = engine.claimLockClause
        return try await transaction { db in
            let time = Int64(now.timeIntervalSince1970)
            while true {
                // A `sending` row whose lease ran out belongs to a node that died mid-send.
                guard let row = try await db.raw("""
                    UPDATE digest_outbox SET state = 'sending', node = \(bind: node),
                        available_at = \(bind: time + lease.components.seconds), attempts = attempts + 1
                    WHERE id = (
                        SELECT id FROM digest_outbox
                        WHERE state IN ('queued', 'sending') AND available_at <= \(bind: time)
                        ORDER BY id LIMIT 1\(lockClause)
                    )
                    RETURNING id, subscriber_id, period, attempts
                    """).first() else { return nil }
                let id = try row.decode(column: "id", as: Int.self)
                let subscriber = try await Self.subscriberRow(where: "id", is: try row.decode(column: "subscriber_id", as: Int.self), on: db)
                guard let subscriber else {
                    // Its subscriber is gone: nothing to send, and the next delivery may still be due.
                    try await db.update("digest_outbox").set("state", to: "skipped").set("node", to: SQLLiteral.null)
                        .set("finished_at", to: time).where("id", .equal, id).run()
                    continue
                }
                return DigestDelivery(id: id, subscriber: subscriber.subscriber,
                                      period: try row.decode(column: "period", as: String.self),
                                      attempts: try row.decode(column: "attempts", as: Int.self), node: node)
            }
        }
    }

    func renewDelivery(_ delivery: DigestDelivery, lease: Duration, now: Date) async throws -> Bool {
        try await whileHeld(delivery) {
            $0.set("available_at", to: Int64(now.timeIntervalSince1970) + lease.components.seconds)
        }
    }

    @discardableResult
    func finishDelivery(_ delivery: DigestDelivery, sent: Bool, now: Date) async throws -> Bool {
        try await whileHeld(delivery) {
            $0.set("state", to: sent ? "sent" : "skipped").set("node", to: SQLLiteral.null)
                .set("finished_at", to: Int64(now.timeIntervalSince1970))
        }
    }

    @discardableResult
    func retryDelivery(_ delivery: DigestDelivery, retryAt: Date, error: String) async throws -> Bool {
        try await whileHeld(delivery) {
            $0.set("state", to: "queued").set("node", to: SQLLiteral.null)
                .set("available_at", to: Int64(retryAt.timeIntervalSince1970)).set("last_error", to: error)
        }
    }

    @discardableResult
    func failDelivery(_ delivery: DigestDelivery, error: String) async throws -> Bool {
        try await whileHeld(delivery, then: { db in
            // Never sent: its papers may go in the user's next digest.
            try await db.delete(from: "digest_personal_items").where("delivery_id", .equal, delivery.id).run()
        }) {
            $0.set("state", to: "failed").set("node", to: SQLLiteral.null).set("last_error", to: error)
        }
    }

    /// Applies `change` to the delivery's row only while `delivery`'s claim stands (same node,
    /// same attempt, still sending), then `then` in the same transaction; whether it did.
    private func whileHeld(_ delivery: DigestDelivery,
                           then: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in },
                           _ change: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> Bool {
        try await transaction { db in
            let rows = try await change(db.update("digest_outbox")).where("id", .equal, delivery.id)
                .where("state", .equal, "sending").where("node", .equal, delivery.node)
                .where("attempts", .equal, delivery.attempts).returning("id").all()
            guard !rows.isEmpty else { return false }
            try await then(db)
            return true
        }
    }

    func deliveryBacklog() async throws -> DeliveryBacklog {
        try await read { db in
            let rows = try await db.select().column("state").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("digest_outbox").where("state", .in, ["queued", "sending", "failed"]).groupBy("state").all()
            var backlog = DeliveryBacklog()
            for row in rows {
                let count = try row.decode(column: "n", as: Int.self)
                switch try row.decode(column: "state", as: String.self) {
                case "queued": backlog.queued = count
                case "sending": backlog.sending = count
                default: backlog.failed = count
                }
            }
            return backlog
        }
    }

    func deliveryCounts(period: String) async throws -> [String: Int] {
        try await read { db in
            let rows = try await db.select().column("state").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("digest_outbox").where("period", .equal, period).groupBy("state").all()
            return Dictionary(uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "state", as: String.self), try $0.decode(column: "n", as: Int.self))
            })
        }
    }

    func periodsWithUnsentDeliveries() async throws -> [String] {
        try await read { db in
            try await db.select().distinct().column("period").from("digest_outbox")
                .where("state", .in, ["queued", "sending", "failed"]).orderBy("period").all()
                .map { try $0.decode(column: "period", as: String.self) }
        }
    }

    static func subscriberRow(where column: String, is value: some Encodable & Sendable, on db: any SQLDatabase) async throws -> SubscriberRow? {
        try await db.select().columns(SubscriberRow.columns).from("subscribers").where(SQLColumn(column), .equal, SQLBind(value))
            .first(decoding: SubscriberRow.self)
    }
}
