import ArgumentParser
import Foundation
import PaperIngest
import PaperCore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import papers from files or folders, or the bundled demo papers.",
        discussion: """
            Formats: hf (Hugging Face daily_papers JSON), atom (arXiv API), oai (OAI-PMH: arXiv, \
            arXivRaw, oai_dc), snapshot (arXiv metadata JSON lines), seed (title/abstract text). \
            Importing the same data again changes nothing; a newer arXiv version replaces an older one. \
            Several nodes importing the same files at once (over one PostgreSQL) split them: each file is read once.
            """
    )

    @Argument(help: "Files or folders to import.", completion: .file())
    var paths: [String] = []

    @Option(name: .long, help: "The format of every file: auto, \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "auto"

    @Flag(name: .long, help: "Import the demo papers bundled with PaperFeed.")
    var demo = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard demo || !paths.isEmpty else { throw ValidationError("Name files or folders to import, or pass --demo.") }
        guard format == "auto" || ImportFormat(rawValue: format) != nil else {
            throw ValidationError("Unknown format '\(format)'. Use auto, \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let progress = ProgressLine()
        let report = try await store.withStore { repository, _ in
            let importer = Importer(repository: repository)
            do {
                if demo { return try await DemoDataset.load(into: repository, progress: progress.update).report }
                // Each file is a job: nodes importing the same files at once split them.
                let shared = SharedImport(importer: importer, jobs: repository, node: JobNode.current)
                return try await shared.run(paths: paths, format: ImportFormat(rawValue: format), progress: progress.update)
            } catch let error as ImportError {
                throw CommandFailure(error.description)
            }
        }
        progress.finish()
        let source = demo ? "the bundled demo dataset" : "\(report.filesRead) files"
        ImportSummary(report: report, elapsed: progress.elapsed, source: source).print()
        if report.filesRead == 0 && !report.failedFiles.isEmpty {
            throw ExitCode.failure
        }
    }
}
