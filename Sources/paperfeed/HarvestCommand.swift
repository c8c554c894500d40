import ArgumentParser
import Configuration
import Foundation
import PaperCore
import PaperIngest

struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest",
        abstract: "Fetch new papers from arXiv (OAI-PMH) and Hugging Face's daily papers, once.",
        discussion: """
            Each source resumes where its last run stopped: arXiv from the newest datestamp of its last \
            complete list (or the resumption token of an unfinished one), Hugging Face from the last day \
            fetched; a source never harvested starts 3 days back (--from reaches further). Hugging Face \
            fetches the last --refresh-days days again to refresh their upvotes, comments and stars. \
            Every page is committed with the position after it, so a killed harvest resumes without losing \
            or repeating anything. Exits with status 1 when a source could not be harvested to the end.
            """
    )

    @Option(name: .long, help: "A source to harvest: arxiv or hf (repeatable; default: both).")
    var source: [String] = []

    @Option(name: .long, help: "Start at this day (YYYY-MM-DD) instead of where the last harvest stopped.")
    var from: String?

    @Option(name: .long, help: "Stop at this day (YYYY-MM-DD; default: today).")
    var until: String?

    @Option(name: .customLong("set"), help: "An arXiv OAI-PMH set: cs, math, physics:hep-th (repeatable; default: $PAPERFEED_ARXIV_SETS, else cs).")
    var sets: [String] = []

    @Option(name: .long, help: "Keep only arXiv papers of these categories, e.g. \"cs.CL cs.LG cs.CV\" (default: $PAPERFEED_ARXIV_CATEGORIES, else all of the sets).")
    var categories: String?

    @Option(name: .long, help: "The arXiv metadata format: arXiv, or arXivRaw (with version history).")
    var metadataPrefix: String = "arXiv"

    @Option(name: .long, help: "The arXiv OAI-PMH endpoint (default: $PAPERFEED_ARXIV_OAI_URL, else https://oaipmh.arxiv.org/oai).")
    var arxivURL: String?

    @Option(name: .long, help: "The Hugging Face site root (default: $PAPERFEED_HF_URL, else https://huggingface.co).")
    var hfURL: String?

    @Option(name: .long, help: "Seconds between two requests to a source (default: 3 for arXiv, 1 for Hugging Face).")
    var interval: Double?

    @Option(name: .long, help: "Days up to the last one harvested that Hugging Face is asked for again.")
    var refreshDays: Int = 3

    @OptionGroup var store: StoreOptions

    func validate() throws {
        for name in source where !HarvestSetup.sourceNames.contains(name) {
            throw ValidationError("Unknown source '\(name)'. Use arxiv or hf.")
        }
        for (name, day) in [("--from", from), ("--until", until)] {
            if let day, Day(day) == nil || day.count != 10 { throw ValidationError("\(name) takes a day, YYYY-MM-DD, not '\(day)'.") }
        }
        guard ["arXiv", "arXivRaw"].contains(metadataPrefix) else {
            throw ValidationError("--metadata-prefix is arXiv or arXivRaw, not '\(metadataPrefix)'.")
        }
        if let interval, !(0...600).contains(interval) { throw ValidationError("--interval is between 0 and 600 seconds.") }
        guard (1...60).contains(refreshDays) else { throw ValidationError("--refresh-days is between 1 and 60.") }
    }

    func run() async throws {
        let settings = try await Settings.load(overrides: [
            Setting.db.rawValue: store.db.map(ConfigContent.string),
            Setting.arxivOAIURL.rawValue: arxivURL.map(ConfigContent.string),
            Setting.huggingFaceURL.rawValue: hfURL.map(ConfigContent.string),
            Setting.arxivCategories.rawValue: categories.map(ConfigContent.string),
        ])
        let sources = source.isEmpty ? HarvestSetup.sourceNames : source
        let reports = try await store.withStore { database, _ in
            var reports: [HarvestReport] = []
            let setup = HarvestSetup(settings: settings, sets: sets, metadataPrefix: metadataPrefix, interval: interval,
                                     refreshDays: refreshDays)
            if sources.contains("arxiv") {
                let harvester = ArxivHarvester(configuration: setup.arxiv, store: database)
                reports += try await harvester.run(from: from, until: until, progress: { HarvestCommand.printPage($0) })
            }
            if sources.contains("hf") {
                let harvester = HFDailyHarvester(configuration: setup.huggingFace, store: database)
                reports.append(try await harvester.run(from: from.flatMap { Day($0) }, until: until.flatMap { Day($0) },
                                                       progress: { HarvestCommand.printPage($0) }))
            }
            return reports
        }
        reports.forEach(HarvestSummary.print)
        if reports.contains(where: \.failed) { throw ExitCode.failure }
    }

    /// One line per committed page, so that a log shows how far a harvest got.
    static func printPage(_ report: HarvestReport) {
        StandardOutput.line("\(report.source): page \(report.pages) committed, \(report.records.formatted()) records so far, "
            + "watermark \(report.watermark ?? "none")")
    }
}

/// The lines printed for each source when a harvest ends.
enum HarvestSummary {
    static func print(_ report: HarvestReport) {
        let c = report.counts
        let outcome = report.failed ? "stopped" : "done"
        Swift.print("\(report.source) \(outcome): \(report.pages) pages, \(report.records.formatted()) records; "
            + "new: \(c.inserted.formatted()), updated: \(c.updated.formatted()), unchanged: \(c.unchanged.formatted()), "
            + "skipped: \((report.skipped.count + c.older).formatted()), outside the categories: \(report.filtered.formatted()), "
            + "deleted: \(report.deleted.formatted()), errors: \(report.errors.count); watermark \(report.watermark ?? "none")")
        for skip in report.skipped.prefix(20) { Swift.print("  skipped \(skip)") }
        if report.skipped.count > 20 { Swift.print("  … and \(report.skipped.count - 20) more skipped") }
        for error in report.errors { Swift.print("  error: \(error)") }
    }
}
