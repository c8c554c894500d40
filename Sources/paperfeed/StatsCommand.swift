import ArgumentParser
import PaperCore

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print what the database holds.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (stats, path) = try await store.withStore { store, path in (try await store.statistics(), path) }
        print("database:   \(path)")
        print("papers:     \(stats.papers.formatted())")
        for source in PaperSource.allCases {
            guard let count = stats.papersBySource[source] else { continue }
            print("  \(source.rawValue):".padding(toLength: 12, withPad: " ", startingAt: 0) + count.formatted())
        }
        print("with code:  \(stats.withCode.formatted())")
        if let first = stats.firstListed, let last = stats.lastListed {
            print("listed:     \(first) to \(last)")
        }
    }
}
