import ArgumentParser
import Foundation
import PaperCore
import PaperSearch
import PaperSummaries

struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed every paper that has no vector from the current model yet.",
        discussion: """
            Then makes a one-sentence summary and keyphrases, marked as generated, for each embedded paper without \
            Hugging Face's (PAPERFEED_SUMMARIES=off leaves them out). Resumable: vectors and summaries are stored \
            batch by batch, so a second run continues where the first stopped. `serve` does the same in the background.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    func run() async throws {
        let settings = try await Settings.load(overrides: [:])
        let summarizes = try settings.generatesSummaries()
        let embedder = try model.require(settings)
        try await store.withStore { database, _ in
            let progress = ProgressLine()
            let embedded = try await EmbeddingPipeline(papers: database, embedder: embedder, index: nil).run { step in
                let seconds = max(step.elapsed.seconds, 0.001)
                let rate = Double(step.done) / seconds
                let eta = rate > 0 ? Int(Double(step.total - step.done) / rate) : 0
                progress.show("\(step.done.formatted())/\(step.total.formatted()) papers · \(String(format: "%.1f", rate))/s · ETA \(eta / 60)m\(eta % 60)s")
            }
            progress.finish()
            let coverage = try await database.vectorCoverage(model: embedder.modelName)
            print("Embedded \(embedded.formatted()) papers in \(String(format: "%.1f", progress.elapsed.seconds)) s; "
                + "\(coverage.embedded.formatted()) of \(coverage.papers.formatted()) have vectors from \(embedder.modelName).")
            guard summarizes else { return }
            let summaryProgress = ProgressLine()
            let summarized = try await SummaryPipeline(store: database, summarizer: PaperSummarizer(embedder: embedder)).run(progress: { done in
                let rate = Double(done) / max(summaryProgress.elapsed.seconds, 0.001)
                summaryProgress.show("\(done.formatted()) papers summarized · \(String(format: "%.1f", rate))/s")
            })
            summaryProgress.finish()
            print("Summarized \(summarized.formatted()) papers without Hugging Face's summary or keywords "
                + "in \(String(format: "%.1f", summaryProgress.elapsed.seconds)) s.")
        }
    }
}
