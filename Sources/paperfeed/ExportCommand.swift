import ArgumentParser
import Foundation
import PaperCore
import PaperIngest

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every stored paper to standard output as JSON lines (PaperFeed's own format).",
        discussion: "A paper listed on several days is written once per listing day; importing the file gives the same store.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withStore { repository, _ in
            let output = FileHandle.standardOutput
            var cursor: PaperID?
            while true {
                let page = try await repository.papers(after: cursor, limit: 1_000)
                guard let last = page.last else { break }
                let listings = try await repository.listingDays(ids: page.map(\.id))
                for paper in page {
                    output.write(try PaperLines.encode(paper))
                    // A paper listed again later is written again with that day, as its sources had it.
                    for day in listings[paper.id] ?? [] where day != paper.listedOn {
                        var relisted = paper
                        relisted.listedOn = day
                        output.write(try PaperLines.encode(relisted))
                    }
                }
                cursor = last.id
            }
        }
    }
}
