import Foundation
import Testing
import TestSupport

@Suite struct SearchCommandTests {
    @Test func discriminativeListsTheSeedPapersThatContainTheWordFirst() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let seed = RepositoryPaths.seedPage
        #expect(try await cli.run("import", seed.path).output.contains("new: 120,"))

        // After five header lines, the seed page alternates title and abstract lines.
        let lines = try String(contentsOf: seed, encoding: .utf8).split(separator: "\n")
            .filter { !$0.allSatisfy(\.isWhitespace) }.dropFirst(5).map(String.init)
        let containing = Set(stride(from: 0, to: lines.count - 1, by: 2).compactMap { index in
            (lines[index] + " " + lines[index + 1]).lowercased().contains("discriminative") ? lines[index] : nil
        })
        #expect(containing.count == 80)

        let result = try await cli.run("search", "discriminative", "--limit", "120")
        #expect(result.status == 0)
        let titles = result.output.split(separator: "\n").dropLast().map { line in
            // "  1  local-0123456789ab  Title"
            line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)[2].trimmingCharacters(in: .whitespaces)
        }
        #expect(Set(titles.prefix(containing.count)) == containing)
    }

    /// Text that is not valid syntax is searched as its words, with the reason on standard
    /// error; only a query with no words fails.
    @Test func badQuerySyntaxIsExplainedNotCrashedOn() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        for (query, message) in [
            ("\"unbalanced", "quotation mark is not closed"),
            ("video AND OR", "AND needs a search term"),
            ("title:", "title: needs a value"),
        ] {
            let result = try await cli.run("search", query)
            #expect(result.status == 0, "\(query)")
            #expect(result.errors.contains("Searched for the words alone: ") && result.errors.contains(message), "\(query): \(result.errors)")
        }
        let empty = try await cli.run("search", "\" - (")
        #expect(empty.status == 1)
        #expect(empty.errors.contains("The query is empty"))
    }

    @Test func anEmptyDatabaseSaysHowToFillIt() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        #expect(try await cli.run("search", "diffusion").output.contains("paperfeed import --demo"))
    }
}
