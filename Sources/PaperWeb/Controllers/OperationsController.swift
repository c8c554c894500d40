import Foundation
import Hummingbird
import PaperCore
import Prometheus

/// `/health` for load balancers and monitors, `/metrics` for Prometheus, `/static/…` for CSS
/// and JS, and `/api/openapi.json`.
struct OperationsController<Context: VisitorRequestContext> {
    let status: ServiceStatus.Sources
    let metrics: PrometheusCollectorRegistry
    let assets: StaticAssets
    /// A monitor polling fast must not be the slowest page: the store is asked at most once a
    /// second, by one request, and everyone else gets that answer.
    let healthCache = ResponseCache(lifetime: .seconds(1))

    func register(on router: Router<Context>) {
        router.get("/health") { _, context in
            do {
                return try await healthCache.response(for: "/health") {
                    try BodyResponse.json(try await status.gather(), headers: [.cacheControl: "no-store"])
                }
            } catch {
                context.logger.error("health check failed: \(error)")
                return try BodyResponse.json(["status": "unavailable"], status: .serviceUnavailable)
            }
        }
        router.get("/metrics") { _, _ in
            StatusGauges(registry: metrics).record(try await status.gather())
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
}

/// The service status as Prometheus gauges, beside the request metrics swift-metrics records.
struct StatusGauges {
    let registry: PrometheusCollectorRegistry

    func record(_ status: ServiceStatus) {
        gauge("paperfeed_info", "This instance: version, database engine and embedding model (always 1)",
              ["version": status.version, "database": status.database ?? "unknown",
               "model": status.semanticSearch?.model ?? "none"]).set(1.0)
        gauge("paperfeed_papers", "Papers in the store").set(Double(status.papers))
        if let semantic = status.semanticSearch {
            gauge("paperfeed_papers_embedded", "Papers with a vector of the embedding model").set(Double(semantic.embedded))
            gauge("paperfeed_vector_index_loading", "1 while stored vectors are still being read into memory")
                .set(semantic.indexLoading == nil ? 0.0 : 1.0)
        }
        if let outbox = status.outbox {
            for (state, count) in [("queued", outbox.queued), ("sending", outbox.sending), ("failed", outbox.failed)] {
                gauge("paperfeed_digest_outbox", "Unfinished digest deliveries by state", ["state": state]).set(Double(count))
            }
        }
        for source in status.harvest ?? [] {
            gauge("paperfeed_harvest_last_success_seconds", "When each harvested source last succeeded (Unix time; 0: never)",
                  ["source": source.state.source]).set(source.state.lastSuccessAt?.timeIntervalSince1970 ?? 0)
            gauge("paperfeed_harvest_failing", "1 when a source's last harvest failed or none succeeded for a day",
                  ["source": source.state.source]).set(source.failing ? 1.0 : 0.0)
        }
    }

    private func gauge(_ name: String, _ help: String, _ labels: KeyValuePairs<String, String> = [:]) -> Gauge {
        // The full name is given as the metric's name; no unit is added to it.
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        return labels.isEmpty ? registry.makeGauge(descriptor: descriptor)
            : registry.makeGauge(descriptor: descriptor, labels: labels.map { ($0.key, $0.value) })
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
