import PaperCore
import SQLKit

/// The `PaperRepository`; keyword search is the engine's own. Reads that show papers (by id,
/// the cursor walk, listings, search) attach generated summaries where Hugging Face's are missing.
extension SQLPaperStore {
    func upsert(_ papers: [Paper]) async throws -> UpsertCounts {
        let batch = PaperUpsert.Batch(papers)
        return try await transaction { try await PaperUpsert.run(batch, on: $0) }
    }

    func paper(_ id: PaperID) async throws -> Paper? {
        try await read { try await PaperQueries.paper(id, on: $0) }
    }

    func paper(doi: String) async throws -> Paper? {
        try await read { db in
            let id = try await db.select().column("id").from("papers")
                .where(SQLFunction("lower", args: SQLColumn("doi")), .equal, SQLBind(doi.lowercased()))
                .where("hidden", .equal, 0).orderBy("seq").limit(1).first(decodingColumn: "id", as: String.self)
            guard let id else { return nil }
            return try await PaperQueries.paper(PaperID(rawValue: id), on: db)
        }
    }

    func papers(ids: [PaperID]) async throws -> [Paper] {
        try await read { try await PaperQueries.papers(ids: ids, on: $0) }
    }

    func papers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await read { db in
            try await SummaryQueries.attach(to: PaperQueries.papers(after: id, limit: limit, includeHidden: false, on: db), on: db)
        }
    }

    func storedPapers(after id: PaperID?, limit: Int) async throws -> [Paper] {
        try await read { try await PaperQueries.papers(after: id, limit: limit, includeHidden: true, on: $0) }
    }

    func listing(_ query: ListingQuery) async throws -> ListingPage {
        try await read { db in
            var page = switch query.basis {
            case .curated: try await ListingQueries.listing(query, on: db)
            case .appeared: try await AppearedQueries.listing(query, on: db)
            }
            page.papers = try await SummaryQueries.attach(to: page.papers, on: db)
            return page
        }
    }

    func appearedPaperIDs(days: ClosedRange<Day>, limit: Int) async throws -> [PaperID] {
        try await read { try await AppearedQueries.ids(days: days, limit: limit, on: $0) }
    }

    func listingDays(ids: [PaperID]) async throws -> [PaperID: [Day]] {
        try await read { try await ListingQueries.listingDays(ids: ids, on: $0) }
    }

    func latestListingDay(_ basis: ListingBasis, category: ArxivCategory?) async throws -> Day? {
        try await read { db in
            switch basis {
            case .curated: try await ListingQueries.latestDay(category, on: db)
            case .appeared: try await AppearedQueries.latestDay(category, on: db)
            }
        }
    }

    func nearbyListingDays(_ day: Day, _ basis: ListingBasis, category: ArxivCategory?) async throws -> NearbyDays {
        try await read { db in
            switch basis {
            case .curated: try await ListingQueries.nearbyDays(day, category, on: db)
            case .appeared: try await AppearedQueries.nearbyDays(day, category, on: db)
            }
        }
    }

    func search(_ query: SearchQuery, limit: Int, offset: Int) async throws -> SearchPage {
        let engine = self.engine
        return try await read { db in
            let page = if query.text != nil {
                try await engine.keywordSearch(query, limit: limit, offset: offset, on: db)
            } else {
                try await PaperQueries.filterOnly(query, limit: limit, offset: offset, on: db)
            }
            return try await SummaryQueries.attach(to: page, on: db)
        }
    }

    func statistics() async throws -> StoreStatistics {
        try await read { try await PaperQueries.statistics(on: $0) }
    }

    func paperCount() async throws -> Int {
        try await read { try await PaperQueries.count(on: $0) }
    }
}
