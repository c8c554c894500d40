import Foundation
import PaperCore
import SQLKit

/// The part of the `SubscriptionStore` that keeps personal digests from listing a paper twice.
extension SQLPaperStore {
    func reservePersonalItems(_ items: [PersonalDigestItem], for delivery: DigestDelivery, userID: Int) async throws
        -> [PersonalDigestItem] {
        try await transaction { db in
            let last = try await db.select().column(SQLFunction("max", args: SQLColumn("position")), as: "last")
                .from("digest_personal_items").where("delivery_id", .equal, delivery.id)
                .first()?.decode(column: "last", as: Int?.self) ?? nil
            for (offset, item) in items.enumerated() {
                // A paper tied to any delivery of this user already (this one included) stays where it is.
                try await db.insert(into: "digest_personal_items")
                    .columns("user_id", "paper_id", "delivery_id", "section", "reason", "position")
                    .values(SQLBind(userID), SQLBind(item.paperID.rawValue), SQLBind(delivery.id), SQLBind(item.section.rawValue),
                            SQLBind(item.reason), SQLBind((last ?? -1) + 1 + offset))
                    .ignoringConflicts(with: ["user_id", "paper_id"]).run()
            }
            return try await db.select().columns("paper_id", "section", "reason").from("digest_personal_items")
                .where("delivery_id", .equal, delivery.id).orderBy("position").all().compactMap { row in
                    guard let section = PersonalDigestItem.Section(rawValue: try row.decode(column: "section", as: String.self)) else {
                        return nil
                    }
                    return PersonalDigestItem(paperID: PaperID(rawValue: try row.decode(column: "paper_id", as: String.self)),
                                              section: section, reason: try row.decode(column: "reason", as: String.self))
                }
        }
    }
}
