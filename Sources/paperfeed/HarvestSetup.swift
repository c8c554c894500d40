import Foundation
import Logging
import PaperCore
import PaperIngest

/// Builds the harvesters the same way for `harvest` and `serve`.
struct HarvestSetup {
    static let sourceNames = ["arxiv", "hf"]

    let settings: Settings
    var sets: [String] = []
    var metadataPrefix = "arXiv"
    /// Seconds between two requests to a source; `nil` keeps each source's own politeness.
    var interval: Double?
    var refreshDays = 3

    var arxiv: ArxivHarvester.Configuration {
        var configuration = ArxivHarvester.Configuration(
            endpoint: settings.arxivOAIURL, metadataPrefix: metadataPrefix,
            sets: sets.isEmpty ? settings.arxivSets : sets, categories: settings.arxivCategories)
        if let interval { configuration.politeness.minimumInterval = .milliseconds(Int64(interval * 1000)) }
        return configuration
    }

    var huggingFace: HFDailyHarvester.Configuration {
        var configuration = HFDailyHarvester.Configuration(siteURL: settings.huggingFaceURL, refreshDays: refreshDays)
        if let interval { configuration.politeness.minimumInterval = .milliseconds(Int64(interval * 1000)) }
        return configuration
    }

    /// The service `serve` runs for `PAPERFEED_HARVEST`, or `nil` when it names no source.
    func service(store: any HarvestStateStore & JobQueue, clock: any WallClock, logger: Logger) throws -> HarvestService? {
        let names = settings.harvestSources
        guard !names.isEmpty else { return nil }
        if let unknown = names.first(where: { !Self.sourceNames.contains($0) }) {
            throw CommandFailure("PAPERFEED_HARVEST names arxiv and/or hf, not '\(unknown)'")
        }
        guard (1...10_080).contains(settings.harvestMinutes) else {
            throw CommandFailure("PAPERFEED_HARVEST_MINUTES must be from 1 to 10080, not \(settings.harvestMinutes)")
        }
        let (arxiv, huggingFace) = (self.arxiv, self.huggingFace)
        let sources: [HarvestService.Source] = names.map { name in
            switch name {
            case "arxiv":
                HarvestService.Source(name: name) {
                    try await ArxivHarvester(configuration: arxiv, store: store, clock: clock).run()
                }
            default:
                HarvestService.Source(name: name) {
                    [try await HFDailyHarvester(configuration: huggingFace, store: store, clock: clock).run()]
                }
            }
        }
        return HarvestService(sources: sources, jobs: store, interval: .seconds(60 * settings.harvestMinutes), clock: clock,
                              logger: logger)
    }
}
