import Foundation
import HummingbirdTesting
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore
import PaperWeb
import TestSupport

/// A real SQLite store with three real days of Hugging Face papers (2026-08-19 to 08-21) and the
/// 120 seed papers, built once per test process and shared read-only by the web tests.
enum WebFixture {
    static let store: Task<any PaperDatabase, any Error> = Task {
        let store = try await PaperDatabases.openSQLite(path: TemporaryDatabase.sqlite().location)
        let days = RepositoryPaths.hfDays
        _ = try await Importer(repository: store).run(paths: [
            days.appendingPathComponent("2026-08-19.json").path,
            days.appendingPathComponent("2026-08-20.json").path,
            days.appendingPathComponent("2026-08-21.json").path,
            RepositoryPaths.seedPage.path,
        ])
        return store
    }

    /// "Now" for the tests: the day after the last listing, so trending is stable.
    static let now = Day("2026-08-22")!.start.addingTimeInterval(9 * 3600)

    /// Runs `test` against the application built the way `serve` builds it.
    /// Through the router, or (`live`) through a real HTTP server on a free loopback port.
    static func withApp<T: Sendable>(
        repository: (any PaperRepository)? = nil, semantic: SemanticSearch? = nil,
        configuration: WebConfiguration = WebConfiguration(host: "127.0.0.1", port: 0, publicURL: "http://papers.test"),
        clock: any WallClock = FixedClock(now), live: Bool = false,
        _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let repository: any PaperRepository = if let repository { repository } else { try await store.value }
        // The shared store has a community (so pages show log-in links); a test's own
        // repository may not.
        let dependencies = WebDependencies(repository: repository, community: repository as? any CommunityDatabase,
                                           semantic: semantic, clock: clock)
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies)
        return try await app.test(live ? .live : .router, test)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A store of its own for a test that writes, removed afterwards.
func withStore<T>(_ papers: [Paper], _ body: (any PaperDatabase) async throws -> T) async throws -> T {
    try await withTemporaryStore { store in
        _ = try await store.upsert(papers)
        return try await body(store)
    }
}
