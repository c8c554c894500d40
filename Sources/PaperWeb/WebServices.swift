import Foundation
import Hummingbird
import Logging
import PaperCore
import PaperSearch
import Prometheus

/// What the controllers share: the store (through its protocol), the clock, the renderer
/// and the configuration. Built once by `buildApplication`.
struct WebServices: Sendable {
    let repository: any PaperRepository
    let clock: any WallClock
    let renderer: PageRenderer
    let configuration: WebConfiguration
    let metrics: PrometheusCollectorRegistry
    let searcher: PaperSearcher
    let semanticOffReason: String
    let cache: ResponseCache
    let trending: TrendingFeed

    /// `path` as an absolute URL: under the configured public URL, else under the host the
    /// request was sent to.
    func absoluteURL(_ path: String, for request: Request) -> String {
        if let base = configuration.publicURL { return base + path }
        let host = request.head.authority ?? "\(configuration.host):\(configuration.port)"
        return "http://\(host)" + path
    }
}
