import ArgumentParser
import PaperCore
import PaperSearch

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the stored papers and print rank, id and title.",
        discussion: """
            Any of the words may match; papers with all of them come first. AND requires both \
            sides; use "quotes" for phrases, word* for prefixes, OR, NOT or -word, parentheses, \
            and the fields title:, abstract:, author:, cat: (e.g. cat:cs.CV) and year: (year:2024 \
            or year:2020-2023).
            """
    )

    @Argument(help: "The query, e.g. 'author:\"Kaiming He\" diffusion year:2025'.")
    var query: String

    @Option(name: .long, help: "How many results to print (1–1000).")
    var limit: Int = 20

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
    }

    func run() async throws {
        let parsed: SearchQuery
        do {
            let read = try QueryParser.parseLeniently(query)
            if let notice = read.notice { StandardError.write(notice + "\n") }
            parsed = read.query
        } catch {
            throw CommandFailure("Cannot search for '\(query)': \(error)")
        }
        try await store.withStore { repository, path in
            let page = try await repository.search(parsed, limit: limit, offset: 0)
            guard !page.hits.isEmpty else {
                let empty = try await repository.isEmpty()
                print(empty ? "The database \(path) is empty: run `paperfeed import --demo` first."
                            : "No papers match '\(query)'.")
                return
            }
            let idWidth = page.hits.map(\.paper.id.rawValue.count).max() ?? 10
            for (rank, hit) in page.hits.enumerated() {
                let id = hit.paper.id.rawValue.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                print("\(String(rank + 1).leftPadded(to: 3))  \(id)  \(hit.paper.title)")
            }
            let total = page.moreThanTotal ? "more than \(page.total)" : "\(page.total)"
            if let all = page.totalWithAllWords, all < page.total {
                print("\(page.hits.count) of \(total) papers matching some of the words (\(all) all of them, ranked first)")
            } else {
                print("\(page.hits.count) of \(total) matching papers")
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
