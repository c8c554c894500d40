import BenchmarkSupport
import Foundation
import Logging
import PaperCore
import PaperIngest
import PaperSearch
import PaperStore
import TestSupport

/// How soon a harvested paper can be found: small harvests into a store that `serve` would be
/// running, each page's last paper probed from the moment the harvester committed its page
/// until keyword search (a word only that paper has) and semantic search (its title, in the
/// top 10) return it. Semantic search needs its vector, which `EmbeddingService` stores at its
/// next turn (every `embedInterval`, as `serve` runs it, on one core); each round starts at a
/// seeded random moment of that interval, so the rounds sample the wait fairly.
struct FreshnessRounds {
    var rounds = 5
    var pagesPerRound = 2
    var pageSize = 25
    /// Papers harvested (and embedded) before the rounds, so that searches have a corpus.
    var base = 1_000
    var embedInterval: Duration = .seconds(60)

    /// One probed paper: committed with its page, then found.
    struct Sample {
        /// Commit to the first keyword search that returned it.
        var keyword: Duration?
        /// Commit to the first semantic search that returned it; `nil` when it never did.
        var meaning: Duration?
    }

    /// A paper to look for.
    struct Probe: Sendable {
        var id: PaperID
        /// A word no other paper has, added to its abstract.
        var word: String
        /// Its title in plain words, as someone would type it.
        var title: String
    }

    /// The pages the rounds harvest and the papers they look for.
    struct Plan: Sendable {
        var routes: [String: [LocalHTTPServer.Response]]
        /// A probe per page, a list per round.
        var probes: [[Probe]]
    }

    /// Runs the rounds of `plan` on `store` (empty); prints a line a round.
    func run(store: any PaperDatabase, embedder: (any SentenceEmbedder)?, plan: Plan) async throws -> [Sample] {
        try await LocalHTTPServer.serving(plan.routes) { server in
            try await run(store: store, embedder: embedder, server: server, probes: plan.probes)
        }
    }

    private func run(store: any PaperDatabase, embedder: (any SentenceEmbedder)?, server: LocalHTTPServer,
                     probes: [[Probe]]) async throws -> [Sample] {
        let harvester = ArxivHarvester(configuration: .init(
            endpoint: server.baseURL + "/oai", metadataPrefix: "arXiv", sets: ["cs"], politeness: HarvestThroughput.politeness,
            firstDays: nil
        ), store: store)
        _ = try await harvester.run()
        let semantic = embedder.map { SemanticSearch(embedder: $0, vectors: store) }
        let searcher = PaperSearcher(repository: store, semantic: semantic)
        var logger = Logger(label: "harvest-bench")
        logger.logLevel = .warning
        let service = semantic.map {
            EmbeddingService(pipeline: EmbeddingPipeline(papers: store, embedder: $0.embedder, index: $0), jobs: store,
                             node: "bench", interval: embedInterval, logger: logger)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let service { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            if let embedder { try await waitForVectors(store, model: embedder.modelName) }
            var random = SeededRandom(seed: 11)
            var samples: [Sample] = []
            for round in 0..<rounds {
                try await Task.sleep(for: .milliseconds(Int64(Double(random.uniform()) * embedInterval.seconds * 1000)))
                let found = try await measureRound(harvester, probes: probes[round], searcher: searcher)
                print("  round \(round + 1): " + found.map(Self.describe).joined(separator: "; "))
                samples += found
            }
            return samples
        }
    }

    /// The base list, then one list a round, each starting at the watermark the one before leaves
    /// (its datestamp), made from `records`; the probes of each round, a page each.
    func plan(_ records: inout SnapshotRecords) -> Plan {
        let first = Day("2030-01-01")!
        var routes = OAIList(&records, first: 0, count: base, pageSize: max(base, 1), set: "cs",
                             datestamp: first.description, from: nil).routes
        var probes: [[Probe]] = []
        for round in 0..<rounds {
            let start = base + round * pagesPerRound * pageSize
            let list = OAIList(&records, first: start, count: pagesPerRound * pageSize, pageSize: pageSize, set: "cs",
                               datestamp: first.adding(days: round + 1).description,
                               from: first.adding(days: round).description) { index, record in
                record["abstract"] = (record["abstract"] as? String ?? "") + " Probe " + Self.word(index) + "."
            }
            routes.merge(list.routes) { _, new in new }
            probes.append(stride(from: pageSize - 1, to: list.records.count, by: pageSize).map { offset in
                let record = list.records[offset]
                let title = record.title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
                return Probe(id: PaperID(rawValue: record.id), word: Self.word(start + offset),
                             title: String(title).split(separator: " ").joined(separator: " "))
            })
        }
        return Plan(routes: routes, probes: probes)
    }

    /// Harvests one round's list, probing each page's paper from its commit on.
    private func measureRound(_ harvester: ArxivHarvester, probes: [Probe], searcher: PaperSearcher) async throws -> [Sample] {
        let (commits, commit) = AsyncStream.makeStream(of: (page: Int, at: ContinuousClock.Instant).self)
        return try await withThrowingTaskGroup(of: Sample?.self) { group in
            group.addTask {
                defer { commit.finish() }
                let reports = try await harvester.run { commit.yield((page: $0.pages, at: .now)) }
                if let failed = reports.first(where: \.failed) { throw BenchFailure("harvest stopped: \(failed.errors.last ?? "?")") }
                return nil
            }
            for await (page, at) in commits where page <= probes.count {
                let probe = probes[page - 1]
                group.addTask { try await sample(probe, committedAt: at, searcher: searcher) }
            }
            return try await group.reduce(into: [Sample]()) { if let sample = $1 { $0.append(sample) } }
        }
    }

    /// Searches for `probe` until each search finds it.
    private func sample(_ probe: Probe, committedAt: ContinuousClock.Instant, searcher: PaperSearcher) async throws -> Sample {
        let keyword = try await Self.firstFound(since: committedAt, every: .milliseconds(2), within: .seconds(60)) {
            try await Self.finds(searcher, probe.word, .keyword, probe.id)
        }
        guard searcher.semantic != nil else { return Sample(keyword: keyword) }
        let meaning = try await Self.firstFound(since: committedAt, every: .milliseconds(50), within: embedInterval + .seconds(600)) {
            try await Self.finds(searcher, probe.title, .semantic, probe.id)
        }
        return Sample(keyword: keyword, meaning: meaning)
    }

    private static func finds(_ searcher: PaperSearcher, _ text: String, _ mode: SearchMode, _ id: PaperID) async throws -> Bool {
        let outcome = try await searcher.search(try QueryParser.parse(text), mode: mode, limit: 10, offset: 0)
        return outcome.page.hits.contains { $0.paper.id == id }
    }

    /// The time from `since` to the first `found()` that is true, asked every `every`; `nil`
    /// when it is still false after `within`.
    private static func firstFound(since: ContinuousClock.Instant, every: Duration, within: Duration,
                                   _ found: () async throws -> Bool) async throws -> Duration? {
        while ContinuousClock.now - since < within {
            if try await found() { return ContinuousClock.now - since }
            try await Task.sleep(for: every)
        }
        return nil
    }

    /// Waits until every stored paper has a vector (the base, embedded by the service).
    private func waitForVectors(_ store: any PaperDatabase, model: String) async throws {
        while true {
            let coverage = try await store.vectorCoverage(model: model)
            if coverage.embedded >= coverage.papers { return }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// A made-up word for record `index`: `zq` and its index in letters (`zqbaf`).
    static func word(_ index: Int) -> String {
        var letters = ""
        var rest = index
        repeat {
            letters.append(Character(UnicodeScalar(UInt8(97 + rest % 26))))
            rest /= 26
        } while rest > 0
        return "zq" + letters
    }

    private static func describe(_ sample: Sample) -> String {
        "keyword " + (sample.keyword.map(milliseconds) ?? "not found") + ", meaning " + (sample.meaning.map(milliseconds) ?? "—")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = duration.seconds * 1000
        return ms < 1000 ? String(format: "%.1f ms", ms) : String(format: "%.1f s", ms / 1000)
    }
}
