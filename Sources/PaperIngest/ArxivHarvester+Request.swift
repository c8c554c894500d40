import Foundation
import PaperCore

extension ArxivHarvester {
    /// `{endpoint}?verb=ListRecords&metadataPrefix=…[&set=…][&from=…][&until=…]`.
    func listURL(set: String?, from: String?, until: String?) -> String {
        var query = ["verb=ListRecords", "metadataPrefix=\(Self.encoded(configuration.metadataPrefix))"]
        if let set { query.append("set=\(Self.encoded(set))") }
        if let from { query.append("from=\(Self.encoded(from))") }
        if let until { query.append("until=\(Self.encoded(until))") }
        return endpoint + "?" + query.joined(separator: "&")
    }

    /// `{endpoint}?verb=ListRecords&resumptionToken=…`: a token stands alone (OAI-PMH §3.5).
    func resumeURL(_ token: String) -> String {
        endpoint + "?verb=ListRecords&resumptionToken=\(Self.encoded(token))"
    }

    private var endpoint: String {
        var endpoint = configuration.endpoint
        while endpoint.hasSuffix("/") || endpoint.hasSuffix("?") { endpoint.removeLast() }
        return endpoint
    }

    /// One page, read: an OAI error response is thrown as `OAIError`; a failure to get an
    /// answer, an error status or a document that is not an OAI-PMH response as `HarvestStopped`.
    func fetchPage(_ url: String) async throws -> OAIPage {
        let answer: HTTPAnswer
        do {
            answer = try await http.get(url, accept: "text/xml")
        } catch let failure as PoliteHTTPClient.Failure {
            throw HarvestStopped("\(Self.shown(url)): \(failure)")
        }
        guard (200..<300).contains(answer.status) else {
            throw HarvestStopped("\(Self.shown(url)): HTTP \(answer.status)")
        }
        do {
            return try OAIPMHParser.parse(answer.body)
        } catch let error as DocumentError {
            throw HarvestStopped("\(Self.shown(url)): \(error.reason)")
        }
    }

    /// A datestamp as the next `from=`: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (OAI-PMH's two
    /// granularities), else `nil`; a record's header is untrusted like the rest of it.
    static func datestamp(_ text: String) -> String? {
        guard let day = Day(text) else { return nil }
        if text.count == 10 { return day.description }
        let time = text.dropFirst(10)
        let pattern = /T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z/
        return time.wholeMatch(of: pattern) != nil ? day.description + time : nil
    }

    /// A query value with everything but RFC 3986's unreserved characters escaped (`|` and `:`
    /// in tokens and sets included).
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: ArxivAPIClient.queryValueAllowed) ?? value
    }

    /// A URL for messages: long resumption tokens cut short.
    static func shown(_ url: String) -> String {
        url.count > 160 ? String(url.prefix(157)) + "…" : url
    }
}
