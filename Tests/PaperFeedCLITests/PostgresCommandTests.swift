import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The command line against a real PostgreSQL (scripts/test.sh starts one), each test on a
/// database of its own: the server's default one may hold a schema from another checkout.
@Suite(.enabled(if: DatabaseEngine.postgresURL != nil,
                "needs PAPERFEED_TEST_POSTGRES_URL: run scripts/test.sh"))
struct PostgresCommandTests {
    let base = DatabaseEngine.postgresURL ?? ""

    func url(password: String? = nil, database: String? = nil, port: Int? = nil) -> String {
        var components = URLComponents(string: base)!
        if let password { components.password = password }
        if let database { components.path = "/" + database }
        if let port { components.port = port }
        return components.string!
    }

    @Test func connectionProblemsGetOneClearMessage() async throws {
        let cli = CLI()
        for (location, message) in [
            (url(password: "wrong"), "refused the user name or password"),
            (url(database: "no_such_database"), "the database does not exist"),
            (url(port: 1), "cannot reach the server"),
        ] {
            let result = try await cli.run("stats", "--db", location)
            #expect(result.status == 1)
            #expect(result.errors.contains(message), "\(result.errors)")
            #expect(!result.errors.contains("wrong@"), "passwords never appear in messages")
        }
    }

    @Test func copyMovesAnInstanceFromSQLiteToPostgreSQL() async throws {
        try await withTemporaryDatabase(.postgres) { try await copyMovesAnInstance(to: $0.location) }
    }

    private func copyMovesAnInstance(to base: String) async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let seed = RepositoryPaths.seedPage.path
        #expect(try await cli.run("import", seed).status == 0)
        let copy = try await cli.run("copy", "--from", cli.database, "--to", base)
        #expect(copy.status == 0, "\(copy.errors)")
        #expect(copy.output.contains("Copied 120 papers"))
        #expect(copy.output.contains("To:   PostgreSQL"))
        let again = try await cli.run("copy", "--from", cli.database, "--to", base)
        #expect(again.status == 0)
        let search = try await cli.run("search", "discriminative", "--db", base, "--limit", "3")
        #expect(search.output.contains("matching papers"))
    }

    @Test func twoNodesImportingTheSameFilesStoreEachPaperOnce() async throws {
        try await withTemporaryDatabase(.postgres) { try await twoNodesImport(into: $0.location) }
    }

    private func twoNodesImport(into base: String) async throws {
        let cli = CLI()
        let folder = RepositoryPaths.shared.appendingPathComponent("data/hf-daily-papers").path
        let first = try cli.start(["import", folder, "--db", base])
        let second = try cli.start(["import", folder, "--db", base])
        // Each file is a job: between them the two nodes read the 444 readable files once.
        let outputs = [try await CLI.finish(first).output, try await CLI.finish(second).output]
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        let filesRead = outputs.compactMap { output in
            output.firstMatch(of: /records from ([0-9,]+) files/).map { Int($0.1.replacingOccurrences(of: ",", with: "")) ?? -1 }
        }
        #expect(filesRead.count == 2 && filesRead.reduce(0, +) == 444, "\(outputs)")
        let stats = try await cli.run("stats", "--db", base)
        #expect(stats.output.contains("hf:       7,971"), "\(stats.output)")
    }

    @Test func twoServeProcessesShareOneDatabase() async throws {
        try await withTemporaryDatabase(.postgres) { try await twoServeProcessesShare($0.location) }
    }

    private func twoServeProcessesShare(_ base: String) async throws {
        let cli = CLI()
        let nodes = try (0..<2).map { _ in try cli.start(["serve", "--port", "0", "--db", base]) }
        defer { nodes.forEach { $0.terminate() } }
        let urls = try await ServerOutput.baseURLs(of: nodes)
        #expect(urls[0] != urls[1])
        let seed = RepositoryPaths.seedPage.path
        #expect(try await cli.run("import", seed, "--db", base).status == 0)
        for url in urls {
            let (data, response) = try await URLSession.shared.data(from: URL(string: url + "api/papers/search?q=UniFormerV2&mode=keyword")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self).contains("UniFormerV2: Spatiotemporal Learning"))
        }
        for node in nodes {
            node.terminate()
            node.waitUntilExit()
            #expect(node.terminationStatus == 0, "SIGTERM shuts down gracefully")
        }
    }
}

/// Reads a `serve` process's standard output until it says where it runs.
enum ServerOutput {
    struct NotStarted: Error { let output: String }

    /// Each node's address, in order.
    static func baseURLs(of processes: [ChildProcess]) async throws -> [String] {
        var urls: [String] = []
        for process in processes { urls.append(try await baseURL(of: process)) }
        return urls
    }

    /// The reads block the calling thread, as `CLI.finish` explains.
    static func baseURL(of process: ChildProcess) async throws -> String {
        try await startup(of: process).url
    }

    /// Whether `/health` (of the server at `base`, ending in `/`) says the vector index is still loading.
    static func indexIsLoading(_ base: String) async throws -> Bool {
        let (health, _) = try await URLSession.shared.data(from: URL(string: base + "health")!)
        let semantic = (try JSONSerialization.jsonObject(with: health) as? [String: Any])?["semanticSearch"] as? [String: Any]
        return semantic?["indexLoading"] != nil
    }

    /// The server's address and everything it printed up to it.
    static func startup(of process: ChildProcess) async throws -> (url: String, output: String) {
        let handle = process.standardOutput
        var text = ""
        while let chunk = try handle.read(upToCount: 1), !chunk.isEmpty {
            text += String(decoding: chunk, as: UTF8.self)
            if text.hasSuffix("\n"), let line = text.split(separator: "\n").last, line.hasPrefix("PaperFeed is running at ") {
                return (String(line.dropFirst("PaperFeed is running at ".count)), text)
            }
        }
        throw NotStarted(output: text)
    }
}
