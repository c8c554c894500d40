import Foundation
import Hummingbird
import PaperCore
import Prometheus

/// `/health` for load balancers, `/metrics` for Prometheus, `/static/…` for CSS and JS,
/// and `/api/openapi.json`.
struct OperationsController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    /// Where each harvested source stands, shown on `/health`; `nil` when nothing is harvested.
    let harvests: (any HarvestStateStore)?
    let metrics: PrometheusCollectorRegistry
    let assets: StaticAssets
    let papersGauge: Gauge
    let healthCache = ResponseCache(lifetime: .seconds(1))

    init(repository: any PaperRepository, harvests: (any HarvestStateStore)?, metrics: PrometheusCollectorRegistry,
         assets: StaticAssets) {
        self.repository = repository
        self.harvests = harvests
        self.metrics = metrics
        self.assets = assets
        papersGauge = metrics.makeGauge(name: "paperfeed_papers", help: "Papers in the store")
    }

    func register(on router: Router<Context>) {
        // A monitor polling fast must not be the slowest page: the store is asked at most once
        // a second, by one request, and everyone else gets that answer.
        router.get("/health") { _, context in
            do {
                return try await healthCache.response(for: "/health") {
                    let sources = try await harvests?.harvestStates().map(Health.Source.init)
                    return try BodyResponse.json(Health(status: "ok", papers: try await repository.statistics().papers,
                                                        harvest: sources), headers: [.cacheControl: "no-store"])
                }
            } catch {
                context.logger.error("health check failed: \(error)")
                return try BodyResponse.json(Health(status: "unavailable", papers: nil, harvest: nil), status: .serviceUnavailable)
            }
        }
        router.get("/metrics") { _, _ in
            papersGauge.set(Double(try await repository.statistics().papers))
            return BodyResponse(contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.emitToString())
        }
        router.get("/static/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let asset = assets.files[name] else { throw RequestError.notFound("No file \(name).") }
            return BodyResponse(contentType: asset.contentType, body: asset.body,
                                extraHeaders: [.cacheControl: "public, max-age=3600"])
        }
        router.get("/favicon.ico") { _, _ in
            Response(status: .movedPermanently, headers: [.location: "/static/icon.svg"])
        }
        router.get("/api/openapi.json") { _, _ in
            BodyResponse(contentType: "application/json; charset=utf-8", body: assets.openAPI)
        }
    }

    struct Health: Encodable {
        let status: String
        let papers: Int?
        /// Each harvested source's position, last success and last error: a source failing
        /// for days shows here rather than silently.
        let harvest: [Source]?

        struct Source: Encodable {
            let source: String
            let watermark: String?
            let lastSuccessAt: String?
            let lastError: String?
            let lastErrorAt: String?

            init(_ state: HarvestState) {
                source = state.source
                watermark = state.watermark
                lastSuccessAt = state.lastSuccessAt.map { $0.formatted(.iso8601) }
                lastError = state.lastError
                lastErrorAt = state.lastErrorAt.map { $0.formatted(.iso8601) }
            }
        }
    }
}

/// The CSS, JavaScript and OpenAPI document shipped with PaperWeb, read once at start.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let contentType: String
        let body: String
    }
    let files: [String: Asset]
    let openAPI: String

    static func load() throws -> StaticAssets {
        guard let root = Bundle.module.resourceURL else { throw PageRenderer.RendererError.missingTemplates }
        let folder = root.appendingPathComponent("static")
        var files: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8"
                : name.hasSuffix(".js") ? "text/javascript; charset=utf-8"
                : name.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            files[name] = Asset(contentType: type, body: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        let openAPI = try String(contentsOf: root.appendingPathComponent("openapi.json"), encoding: .utf8)
        return StaticAssets(files: files, openAPI: openAPI)
    }
}
