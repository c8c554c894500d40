import ArgumentParser
import Foundation
import PaperCore
import PaperIngest

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every stored paper to standard output as JSON lines (PaperFeed's own format).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withStore { repository, _ in
            let output = FileHandle.standardOutput
            var cursor: PaperID?
            while true {
                let page = try await repository.papers(after: cursor, limit: 1_000)
                guard let last = page.last else { break }
                for paper in page { output.write(try PaperLines.encode(paper)) }
                cursor = last.id
            }
        }
    }
}
