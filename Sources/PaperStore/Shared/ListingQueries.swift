import PaperCore
import SQLKit

/// The curated feed's queries (`ListingBasis.curated`: the days papers were put on it), dialect-neutral.
enum ListingQueries {
    static func listing(_ query: ListingQuery, on db: any SQLDatabase) async throws -> ListingPage {
        // A paper is in the listing when any of its listing days is in range (it may have two).
        var listings = db.select().column("paper_id").from("paper_listings")
        if let days = query.days {
            listings = listings.where("day", .greaterThanOrEqual, days.lowerBound.description)
                .where("day", .lessThanOrEqual, days.upperBound.description)
        }
        if let submitter = query.submitter { listings = listings.where("submitter_name", .equal, submitter) }
        let listed = SQLGroupExpression(listings.select)
        func filtered<B: SQLPredicateBuilder>(_ builder: B) -> B {
            let builder = builder.where(SQLColumn("id"), .in, listed).where("hidden", .equal, 0)
            guard !query.categories.isEmpty else { return builder }
            return builder.where(SQLGroupExpression(CategoryFilter.matches(any: query.categories)))
        }
        var select = filtered(db.select().columns(PaperRow.shownColumns()).from("papers"))
        switch query.order {
        case .upvotes:
            select = select.orderBy(PaperRow.shownUpvotes, SQLDirection.descending).orderBy("listed_on", .descending)
        case .newest:
            select = select.orderBy("listed_on", .descending).orderBy("published_at", .descending)
        }
        let rows = try await select.orderBy("id").limit(query.limit).offset(query.offset).all(decoding: PaperRow.self)
        let counted = filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("papers"))
        let total = try await ListingQueries.total(query, counted)
        var papers = try rows.map { try $0.paper() }
        if let days = query.days {
            // A paper listed again shows the day, and who submitted it that day, within the period asked for.
            let latest = try await latestListings(ids: papers.map(\.id), in: days, on: db)
            for index in papers.indices {
                guard let listing = latest[papers[index].id], listing.day != papers[index].listedOn else { continue }
                papers[index].listedOn = listing.day
                if let name = listing.submitter, name != papers[index].submitter?.name {
                    papers[index].submitter = Submitter(name: name)
                }
            }
        }
        return ListingPage(papers: papers, total: total)
    }

    /// The listing's size, read by `counted` (a `count(*) AS n` over the listing's papers), when
    /// `query` asks for it; both bases count this way.
    static func total(_ query: ListingQuery, _ counted: SQLSelectBuilder) async throws -> Int? {
        guard query.countsTotal else { return nil }
        return try await counted.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Each paper's latest listing within `days`: the day and who put it there.
    private static func latestListings(ids: [PaperID], in days: ClosedRange<Day>, on db: any SQLDatabase) async throws
        -> [PaperID: (day: Day, submitter: String?)] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var paper_id: String
            var day: String
            var submitter_name: String?
        }
        let rows = try await db.select().column("paper_id").column("day").column("submitter_name").from("paper_listings")
            .where("paper_id", .in, ids.map(\.rawValue))
            .where("day", .greaterThanOrEqual, days.lowerBound.description).where("day", .lessThanOrEqual, days.upperBound.description)
            .orderBy("day").all(decoding: Row.self)
        return rows.reduce(into: [:]) { latest, row in
            if let day = Day(row.day) { latest[PaperID(rawValue: row.paper_id)] = (day, row.submitter_name) }
        }
    }

    static func listingDays(ids: [PaperID], on db: any SQLDatabase) async throws -> [PaperID: [Day]] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var paper_id: String
            var day: String
        }
        let rows = try await db.select().column("paper_id").column("day").from("paper_listings")
            .where("paper_id", .in, ids.map(\.rawValue)).orderBy("day").all(decoding: Row.self)
        return rows.reduce(into: [:]) { days, row in
            if let day = Day(row.day) { days[PaperID(rawValue: row.paper_id), default: []].append(day) }
        }
    }

    static func latestDay(_ category: ArxivCategory?, on db: any SQLDatabase) async throws -> Day? {
        try await edge("max", category, on: db) { $0 }
    }

    static func nearbyDays(_ day: Day, _ category: ArxivCategory?, on db: any SQLDatabase) async throws -> NearbyDays {
        let before = try await edge("max", category, on: db) { $0.where("day", .lessThan, day.description) }
        let after = try await edge("min", category, on: db) { $0.where("day", .greaterThan, day.description) }
        return NearbyDays(before: before, after: after)
    }

    /// The latest (`max`) or earliest (`min`) listing day in range, of papers of `category` when given.
    private static func edge(_ aggregate: String, _ category: ArxivCategory?, on db: any SQLDatabase,
                             _ narrow: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Day? {
        var select = narrow(db.select().column(SQLFunction(aggregate, args: SQLColumn("day")), as: "day").from("paper_listings"))
        if let category {
            let papers = db.select().column("id").from("papers").where(CategoryFilter.matches(category))
            select = select.where(SQLColumn("paper_id"), .in, SQLGroupExpression(papers.select))
        }
        return try await select.first()?.decode(column: "day", as: String?.self).flatMap { Day($0) }
    }
}
