import Foundation
import PaperCore
import PaperSearch

/// What a monitor needs to know about a running instance, gathered in one pass for `/health`
/// (as JSON) and `/metrics` (as gauges).
struct ServiceStatus: Encodable, Sendable {
    let status: String
    let version: String
    /// The database engine (`sqlite`, `postgresql`), when the caller named it.
    let database: String?
    let papers: Int
    /// `nil` when semantic search is off (no model).
    let semanticSearch: Semantic?
    /// The digest outbox's unfinished deliveries; `nil` without the community features.
    let outbox: DeliveryBacklog?
    /// Each harvested source's position, last success and last error: a source failing for
    /// days shows here rather than silently. `nil` when the store keeps no harvest state.
    let harvest: [Source]?

    struct Semantic: Encodable, Sendable {
        let model: String
        /// Papers with a stored vector of `model`; the rest are being embedded.
        let embedded: Int
        /// While `serve` reads the stored vectors into memory (searches by meaning see only
        /// those read so far); absent once loaded.
        let indexLoading: Loading?
    }

    struct Loading: Encodable, Sendable {
        let loaded: Int
        /// Absent while the stored vectors are still being counted.
        let total: Int?
        /// "vector index loading: N of M", for people reading the JSON.
        let message: String

        init?(_ semantic: SemanticSearch) {
            guard let progress = semantic.loading else { return nil }
            loaded = progress.loaded
            total = progress.total
            message = "vector index loading: \(progress)"
        }
    }

    /// A harvested source's state, with times as ISO 8601 in the JSON.
    struct Source: Encodable, Sendable {
        let state: HarvestState
        /// The last harvest failed, or none succeeded for a day.
        let failing: Bool

        init(_ state: HarvestState, now: Date) {
            self.state = state
            failing = state.isFailing(now: now)
        }

        enum CodingKeys: String, CodingKey { case source, watermark, lastSuccessAt, lastError, lastErrorAt, failing }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(state.source, forKey: .source)
            try container.encodeIfPresent(state.watermark, forKey: .watermark)
            try container.encodeIfPresent(state.lastSuccessAt?.formatted(.iso8601), forKey: .lastSuccessAt)
            try container.encodeIfPresent(state.lastError, forKey: .lastError)
            try container.encodeIfPresent(state.lastErrorAt?.formatted(.iso8601), forKey: .lastErrorAt)
            try container.encode(failing, forKey: .failing)
        }
    }

    /// Where the figures come from; each optional part is left out when the instance lacks it.
    /// The paper and vector counts are kept and counted again in the background at most every
    /// 30 seconds (`BackgroundCount`), so a monitor's requests never wait for a count but the first.
    struct Sources: Sendable {
        let harvests: (any HarvestStateStore)?
        let semantic: SemanticSearch?
        let subscriptions: (any SubscriptionStore)?
        let databaseEngine: String?
        let clock: any WallClock
        /// The papers, when there is no `semantic` to count them with its vectors.
        private let papers: BackgroundCount<Int>

        init(repository: any PaperRepository, harvests: (any HarvestStateStore)?, semantic: SemanticSearch?,
             subscriptions: (any SubscriptionStore)?, databaseEngine: String?, clock: any WallClock) {
            (self.harvests, self.semantic, self.subscriptions) = (harvests, semantic, subscriptions)
            (self.databaseEngine, self.clock) = (databaseEngine, clock)
            papers = BackgroundCount { try await repository.paperCount() }
        }

        func gather() async throws -> ServiceStatus {
            let coverage = try await semantic?.counts.value()
            let paperCount = if let coverage { coverage.papers } else { try await papers.value() ?? 0 }
            let now = clock.now()
            return ServiceStatus(
                status: "ok", version: PaperFeedVersion.current, database: databaseEngine,
                papers: paperCount,
                semanticSearch: semantic.map { Semantic(model: $0.embedder.modelName, embedded: coverage?.embedded ?? 0,
                                                         indexLoading: Loading($0)) },
                outbox: try await subscriptions?.deliveryBacklog(),
                harvest: try await harvests?.harvestStates().map { Source($0, now: now) })
        }
    }
}
