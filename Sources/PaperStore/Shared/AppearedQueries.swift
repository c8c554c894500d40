import Foundation
import PaperCore
import SQLKit

/// Papers by the day their first version appeared (`ListingBasis.appeared`), of every category
/// or of one, dialect-neutral. The day range is read through the `published_at` index, then
/// the category matched paper by paper (`CategoryFilter`).
enum AppearedQueries {
    static func listing(_ query: ListingQuery, on db: any SQLDatabase) async throws -> ListingPage {
        func filtered<B: SQLPredicateBuilder>(_ builder: B) -> B {
            var builder = visible(builder, days: query.days)
            if !query.categories.isEmpty {
                if query.days == nil { builder = recent(builder) }
                builder = builder.where(SQLGroupExpression(CategoryFilter.matches(any: query.categories)))
            }
            return builder
        }
        var select = filtered(db.select().columns(PaperRow.shownColumns()).from("papers"))
        switch query.order {
        case .upvotes: select = select.orderBy(PaperRow.shownUpvotes, SQLDirection.descending).orderBy("published_at", .descending)
        case .newest: select = select.orderBy("published_at", .descending)
        }
        let rows = try await select.orderBy("id").limit(query.limit).offset(query.offset).all(decoding: PaperRow.self)
        let counted = filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers"))
        let total = try await ListingQueries.total(query, counted)
        return ListingPage(papers: try rows.map { try $0.paper() }, total: total)
    }

    /// The ids `listing` would list, newest first, read from the `published_at` index and the
    /// rows' ids only.
    static func ids(days: ClosedRange<Day>, limit: Int, on db: any SQLDatabase) async throws -> [PaperID] {
        try await visible(db.select().column("id").from("papers"), days: days)
            .orderBy("published_at", .descending).orderBy("id").limit(limit).all()
            .map { PaperID(rawValue: try $0.decode(column: "id", as: String.self)) }
    }

    static func latestDay(_ category: ArxivCategory?, on db: any SQLDatabase) async throws -> Day? {
        try await edge(.descending, category, on: db) { $0 }
    }

    static func nearbyDays(_ day: Day, _ category: ArxivCategory?, on db: any SQLDatabase) async throws -> NearbyDays {
        let before = try await edge(.descending, category, on: db) { $0.where("published_at", .lessThan, seconds(day)) }
        let after = try await edge(.ascending, category, on: db) {
            $0.where("published_at", .greaterThanOrEqual, seconds(day.adding(days: 1)))
        }
        return NearbyDays(before: before, after: after)
    }

    /// The day of the newest (`.descending`) or oldest visible paper in range: an ordered walk of
    /// the `published_at` index that stops at the first match, where `max()` with a filter
    /// would read every row.
    private static func edge(_ direction: SQLDirection, _ category: ArxivCategory?, on db: any SQLDatabase,
                             _ narrow: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Day? {
        var select = narrow(db.select().column("published_at").from("papers")
            .where("published_at", .isNot, SQLLiteral.null).where("hidden", .equal, 0))
        if let category { select = recent(select).where(CategoryFilter.matches(category)) }
        guard let row = try await select.orderBy("published_at", direction).limit(1).first() else { return nil }
        return Day(Date(timeIntervalSince1970: Double(try row.decode(column: "published_at", as: Int64.self))))
    }

    /// How many of the newest papers a category's listing without days (its feed) and its
    /// latest or nearby day look through: about three weeks of all of arXiv. A category is
    /// matched row by row, so a rare or empty one (`/feeds/cat/cs.XX.rss`) read every paper
    /// (48 s at a million papers) where it now reads these.
    static let categoryWindow = 20_000

    /// Only the newest `categoryWindow` papers: those that appeared no earlier than the paper
    /// that many places down the `published_at` index (read from the index alone; all dated
    /// papers when there are fewer). A bound of constant value, so the walk down the index
    /// stops there.
    private static func recent<B: SQLPredicateBuilder>(_ builder: B) -> B {
        builder.where(SQLQueryString("""
            published_at >= coalesce((SELECT published_at FROM papers WHERE published_at IS NOT NULL \
            ORDER BY published_at DESC LIMIT 1 OFFSET \(unsafeRaw: String(categoryWindow - 1))), -1)
            """))
    }

    /// Visible papers whose first version appeared on `days` (any day when `nil`).
    private static func visible<B: SQLPredicateBuilder>(_ builder: B, days: ClosedRange<Day>?) -> B {
        let builder = builder.where("hidden", .equal, 0)
        guard let days else { return builder }
        return builder.where("published_at", .greaterThanOrEqual, seconds(days.lowerBound))
            .where("published_at", .lessThan, seconds(days.upperBound.adding(days: 1)))
    }

    private static func seconds(_ day: Day) -> Int64 { Int64(day.start.timeIntervalSince1970) }
}
