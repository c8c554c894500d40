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

    @Option(help: ArgumentHelp("Write the stored vectors of every paper to this file instead, in the compact form demo papers ship with (scripts/make-demo-data.sh).", valueName: "file"))
    var vectors: String?

    @Option(help: "The model whose vectors --vectors writes.")
    var model = "sentence-transformers/all-MiniLM-L6-v2"

    func run() async throws {
        if let vectors { return try await exportVectors(to: vectors) }
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

    /// `--vectors`: every paper's vector of `model`, 8-bit, with the text hashes that check it.
    private func exportVectors(to path: String) async throws {
        try await store.withStore { repository, _ in
            var papers: [Paper] = []
            var vectors: [PaperID: [Float]] = [:]
            var cursor: PaperID?
            while true {
                let page = try await repository.papers(after: cursor, limit: 1_000)
                guard let last = page.last else { break }
                papers += page
                for vector in try await repository.vectors(ids: page.map(\.id), model: model) { vectors[vector.id] = vector.vector }
                cursor = last.id
            }
            let dimensions = vectors.values.first?.count ?? 0
            let data = try DemoVectors.encode(model: model, dimensions: dimensions, papers: papers, vectors: vectors)
            try data.write(to: URL(fileURLWithPath: path))
            StandardError.write("Wrote \(vectors.count.formatted()) vectors of \(papers.count.formatted()) papers (\(data.count.formatted()) bytes) to \(path).\n")
        }
    }
}
