import Foundation
import PaperCore
import SQLKit

/// New papers of one arXiv category, by the day their first version appeared, dialect-neutral.
/// A paper's categories are stored space-separated; the match is on whole names (`cs.CL`
/// does not match `cs.CLx`), or on the archive's prefix for a whole archive (`cs` → `cs.*`).
/// The day range is read through the `published_at` index, then matched paper by paper.
enum CategoryQueries {
    static func listing(_ category: ArxivCategory, _ query: ListingQuery, on db: any SQLDatabase) async throws -> ListingPage {
        func filtered<B: SQLPredicateBuilder>(_ builder: B) -> B {
            var builder = builder.where(matches(category)).where("hidden", .equal, 0)
            if let days = query.days {
                builder = builder.where("published_at", .greaterThanOrEqual, seconds(days.lowerBound))
                    .where("published_at", .lessThan, seconds(days.upperBound.adding(days: 1)))
            }
            return builder
        }
        var select = filtered(db.select().columns(PaperRow.shownColumns()).from("papers"))
        switch query.order {
        case .upvotes: select = select.orderBy(PaperRow.shownUpvotes, SQLDirection.descending).orderBy("published_at", .descending)
        case .newest: select = select.orderBy("published_at", .descending)
        }
        let rows = try await select.orderBy("id").limit(query.limit).offset(query.offset).all(decoding: PaperRow.self)
        let total = try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers"))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return ListingPage(papers: try rows.map { try $0.paper() }, total: total)
    }

    static func latestDay(_ category: ArxivCategory, on db: any SQLDatabase) async throws -> Day? {
        try await day(SQLFunction("max", args: SQLColumn("published_at")), category, on: db) { $0 }
    }

    static func nearbyDays(_ day: Day, _ category: ArxivCategory, on db: any SQLDatabase) async throws -> NearbyDays {
        let before = try await self.day(SQLFunction("max", args: SQLColumn("published_at")), category, on: db) {
            $0.where("published_at", .lessThan, seconds(day))
        }
        let after = try await self.day(SQLFunction("min", args: SQLColumn("published_at")), category, on: db) {
            $0.where("published_at", .greaterThanOrEqual, seconds(day.adding(days: 1)))
        }
        return NearbyDays(before: before, after: after)
    }

    private static func day(_ aggregate: SQLFunction, _ category: ArxivCategory, on db: any SQLDatabase,
                            _ narrow: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Day? {
        let select = narrow(db.select().column(aggregate, as: "at").from("papers").where(matches(category)).where("hidden", .equal, 0))
        return try await select.first()?.decode(column: "at", as: Int64?.self).map { Day(Date(timeIntervalSince1970: Double($0))) }
    }

    /// `' ' || categories || ' '` contains ` name ` (or ` archive.` for a whole archive).
    private static func matches(_ category: ArxivCategory) -> any SQLExpression {
        let padded = SQLQueryString("(' ' || categories || ' ')")
        return SQLBinaryExpression(padded, .like, SQLBind(category.isArchive ? "% \(category.name).%" : "% \(category.name) %"))
    }

    private static func seconds(_ day: Day) -> Int64 { Int64(day.start.timeIntervalSince1970) }
}
