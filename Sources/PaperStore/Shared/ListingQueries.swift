import PaperCore
import SQLKit

/// The daily feed's queries, dialect-neutral.
enum ListingQueries {
    static func listing(_ query: ListingQuery, on db: any SQLDatabase) async throws -> ListingPage {
        func filtered<B: SQLPredicateBuilder>(_ builder: B) -> B {
            var builder = builder.where("listed_on", .isNot, SQLLiteral.null)
            if let days = query.days {
                builder = builder.where("listed_on", .greaterThanOrEqual, days.lowerBound.description)
                    .where("listed_on", .lessThanOrEqual, days.upperBound.description)
            }
            if let submitter = query.submitter { builder = builder.where("submitter_name", .equal, submitter) }
            return builder
        }
        var select = filtered(db.select().columns(PaperRow.columns.map { SQLColumn($0) }).from("papers"))
        switch query.order {
        case .upvotes:
            select = select.orderBy("upvotes", .descending).orderBy("listed_on", .descending)
        case .newest:
            select = select.orderBy("listed_on", .descending).orderBy("published_at", .descending)
        }
        let rows = try await select.orderBy("id").limit(query.limit).offset(query.offset).all(decoding: PaperRow.self)
        let total = try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return ListingPage(papers: try rows.map { try $0.paper() }, total: total)
    }

    static func latestDay(on db: any SQLDatabase) async throws -> Day? {
        try await db.select().column(SQLFunction("max", args: SQLColumn("listed_on")), as: "day").from("papers")
            .first()?.decode(column: "day", as: String?.self).flatMap { Day($0) }
    }

    static func nearbyDays(_ day: Day, on db: any SQLDatabase) async throws -> NearbyDays {
        let before = try await db.select().column(SQLFunction("max", args: SQLColumn("listed_on")), as: "day")
            .from("papers").where("listed_on", .lessThan, day.description)
            .first()?.decode(column: "day", as: String?.self).flatMap { Day($0) }
        let after = try await db.select().column(SQLFunction("min", args: SQLColumn("listed_on")), as: "day")
            .from("papers").where("listed_on", .greaterThan, day.description)
            .first()?.decode(column: "day", as: String?.self).flatMap { Day($0) }
        return NearbyDays(before: before, after: after)
    }
}
