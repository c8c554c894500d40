import Foundation
import HTTPTypes
import Hummingbird
import PaperCore

/// A complete response body held in memory, with a strong ETag computed from its bytes, so that
/// `ConditionalGETMiddleware` can answer a matching `If-None-Match` with 304.
/// The bytes and headers are made once, so a cached response is served without copying.
struct BodyResponse: ResponseGenerator {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
    /// A page shared through the cache, cut at each CSRF placeholder (`nil` when it has none):
    /// filling in a visitor's token is then a copy of the bytes, not a search and replace.
    let csrfTemplate: CSRFTemplate?

    init(status: HTTPResponse.Status = .ok, contentType: String, body: String, extraHeaders: HTTPFields = [:]) {
        var headers = extraHeaders
        headers[.contentType] = contentType
        if status == .ok, headers[.eTag] == nil { headers[.eTag] = ETag.of(body) }
        self.status = status
        self.headers = headers
        self.body = ByteBuffer(string: body)
        csrfTemplate = contentType.hasPrefix("text/html") ? CSRFTemplate(body, placeholder: Self.csrfPlaceholder) : nil
    }

    private init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
        csrfTemplate = nil
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// Stands for the visitor's CSRF token in a page shared through the cache. Templates write
    /// the token unescaped (it is URL-safe base64, checked when read from the cookie), and
    /// everything a person or an import wrote is escaped, so `<` never comes from user content:
    /// a comment cannot contain the marker and have the reader's token filled into it.
    static let csrfPlaceholder = "<paperfeed-csrf>"

    /// Roughly what this response holds in memory: the body, its cut copy, the headers.
    var memorySize: Int {
        body.readableBytes + (csrfTemplate?.memorySize ?? 0)
            + headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count } + 128
    }

    /// The response with the CSRF placeholder replaced by `token` (pages only; others unchanged).
    /// Its ETag stays the shared page's, made weak: visitors' copies differ only in their own
    /// token, so a cookie-less client (a crawler, a link checker) still gets 304s.
    func fillingCSRFToken(_ token: String) -> BodyResponse {
        guard let csrfTemplate else { return self }
        var headers = self.headers
        if let etag = headers[.eTag], !etag.hasPrefix("W/") { headers[.eTag] = "W/" + etag }
        return BodyResponse(status: status, headers: headers, body: csrfTemplate.filled(with: token))
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> BodyResponse {
        BodyResponse(status: status, contentType: "text/html; charset=utf-8", body: body)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> BodyResponse {
        BodyResponse(status: status, contentType: "application/json; charset=utf-8",
                     body: String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self), extraHeaders: headers)
    }
}

enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Sorted keys: the same value always gives the same bytes, and so the same ETag.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// Strong entity tags from FNV-1a 64 over the body: cheap, stable across processes and nodes.
enum ETag {
    static func of(_ body: String) -> String {
        "\"" + String(fnv1a64(body), radix: 16) + "-" + String(body.utf8.count, radix: 16) + "\""
    }
}

extension HTTPField.Name {
    /// RFC 8288 web linking, for `rel="next"` pagination.
    static let link = HTTPField.Name("Link")!
    /// The mode a search ran in: `keyword` when semantic search was asked for but is off.
    static let searchMode = HTTPField.Name("X-Search-Mode")!
    /// `words` when a search's text was read as plain words rather than syntax (`QueryParser.parseLeniently`).
    static let searchReadAs = HTTPField.Name("X-Search-Read-As")!
    /// `N of M` while the vector index is loading: results by meaning come from N papers' vectors.
    static let vectorIndexLoading = HTTPField.Name("X-Vector-Index-Loading")!
}
