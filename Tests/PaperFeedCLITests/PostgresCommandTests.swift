import Foundation
import Testing

/// The command line against a real PostgreSQL (scripts/test.sh starts one).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PAPERFEED_TEST_POSTGRES_URL"] != nil,
                "needs PAPERFEED_TEST_POSTGRES_URL: run scripts/test.sh"))
struct PostgresCommandTests {
    let base = ProcessInfo.processInfo.environment["PAPERFEED_TEST_POSTGRES_URL"] ?? ""

    func url(password: String? = nil, database: String? = nil, port: Int? = nil) -> String {
        var components = URLComponents(string: base)!
        if let password { components.password = password }
        if let database { components.path = "/" + database }
        if let port { components.port = port }
        return components.string!
    }

    @Test func connectionProblemsGetOneClearMessage() throws {
        let cli = CLI()
        for (location, message) in [
            (url(password: "wrong"), "refused the user name or password"),
            (url(database: "no_such_database"), "the database does not exist"),
            (url(port: 1), "cannot reach the server"),
        ] {
            let result = try cli.run("stats", "--db", location)
            #expect(result.status == 1)
            #expect(result.errors.contains(message), "\(result.errors)")
            #expect(!result.errors.contains("wrong@"), "passwords never appear in messages")
        }
    }

    @Test func copyMovesAnInstanceFromSQLiteToPostgreSQL() throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let seed = CLI.shared.appendingPathComponent("seed/hf-papers-page.txt").path
        #expect(try cli.run("import", seed).status == 0)
        let copy = try cli.run("copy", "--from", cli.database, "--to", base)
        #expect(copy.status == 0, "\(copy.errors)")
        #expect(copy.output.contains("Copied 120 papers"))
        #expect(copy.output.contains("To:   PostgreSQL"))
        let again = try cli.run("copy", "--from", cli.database, "--to", base)
        #expect(again.status == 0)
        let search = try cli.run("search", "discriminative", "--db", base, "--limit", "3")
        #expect(search.output.contains("matching papers"))
    }
}
