import Foundation
import PaperCore
import PaperStore
import PostgresKit

/// The database engines the contract tests run against: SQLite always, PostgreSQL when
/// `PAPERFEED_TEST_POSTGRES_URL` names a server, and PostgreSQL with pgvector when
/// `PAPERFEED_TEST_PGVECTOR_URL` does (scripts/test.sh starts both and sets them).
enum Engine: String, CaseIterable, Sendable {
    case sqlite, postgres, pgvector

    static let postgresURL = ProcessInfo.processInfo.environment["PAPERFEED_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let pgvectorURL = ProcessInfo.processInfo.environment["PAPERFEED_TEST_PGVECTOR_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: [Engine] { allCases.filter { $0 == .sqlite || $0.serverURL != nil } }

    var serverURL: String? {
        switch self {
        case .sqlite: nil
        case .postgres: Self.postgresURL
        case .pgvector: Self.pgvectorURL
        }
    }
}

/// A fresh, empty store of `engine`, removed after `body`: a temporary SQLite file, or a new
/// PostgreSQL database created for the test and dropped afterwards.
func withTemporaryStore<T>(_ engine: Engine = .sqlite, _ body: (any PaperDatabase) async throws -> T) async throws -> T {
    let location: String
    var cleanup: () async -> Void
    switch engine {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-test-\(UUID().uuidString)")
        location = folder.appendingPathComponent("papers.sqlite").path
        cleanup = { try? FileManager.default.removeItem(at: folder) }
    case .postgres, .pgvector:
        let base = try require(engine.serverURL)
        let name = "paperfeed_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresAdmin.run("CREATE DATABASE \(name)", on: base)
        location = PostgresAdmin.url(base, database: name)
        cleanup = { try? await PostgresAdmin.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: base) }
    }
    do {
        let result = try await PaperDatabases.withStore(location, body)
        await cleanup()
        return result
    } catch {
        await cleanup()
        throw error
    }
}

struct MissingSetting: Error {}
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingSetting() }
    return value
}

/// Creates and drops test databases through the server's maintenance database.
enum PostgresAdmin {
    static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }

    static func run(_ statement: String, on base: String) async throws {
        let components = URLComponents(string: base)!
        let configuration = PostgresClient.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!,
            password: components.password, database: "postgres", tls: .disable)
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: statement))
            group.cancelAll()
        }
    }
}

func makePaper(
    _ id: String, title: String, abstract: String = "An abstract.", authors: [String] = ["Ada Lovelace"],
    categories: [String] = ["cs.LG"], version: Int? = nil, published: String? = nil, listed: String? = nil,
    upvotes: Int = 0
) -> Paper {
    Paper(id: PaperID(rawValue: id), version: version, title: title, abstract: abstract,
          authors: authors.map { Author(name: $0) }, categories: categories,
          publishedAt: published.flatMap { Day($0)?.start }, listedOn: listed.flatMap { Day($0) },
          upvotes: upvotes, source: .huggingFace)
}
