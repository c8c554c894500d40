import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// One person's browser over the router test client: keeps the cookies the site sets, sends
/// them back, reads the CSRF token from the last page it loaded and posts forms with it.
/// It follows no redirect: tests assert each `Location` themselves.
struct Browser {
    /// Which CSRF token a form post carries.
    enum CSRF {
        /// The token of the last page loaded (`<meta name="csrf-token">`), as a real form does.
        case fromPage
        /// No token at all.
        case none
        /// This token, whatever the cookie says.
        case forged(String)
    }

    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The token the last page embedded, once a page has been loaded.
    private(set) var pageCSRFToken: String?
    /// The last response, for its body and headers.
    private(set) var last: TestResponse?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// Loads a page (or any GET resource) with this browser's cookies.
    @discardableResult
    mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// Posts an `application/x-www-form-urlencoded` form. With `.fromPage` it loads `/` first when
    /// no page has been loaded yet, as a person always sees a page before its form.
    @discardableResult
    mutating func post(_ uri: String, form: [(String, String)] = [], csrf: CSRF = .fromPage,
                       headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = form
        switch csrf {
        case .fromPage:
            if pageCSRFToken == nil { try await get("/") }
            fields.append(("csrf", pageCSRFToken ?? ""))
        case .none:
            break
        case let .forged(token):
            fields.append(("csrf", token))
        }
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// Sends a JSON body, as a script in the page would, with this browser's cookies and `headers`
    /// (no CSRF token unless `headers` has one).
    @discardableResult
    mutating func send(json: String, to uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await send(uri, method: method, headers: headers, body: ByteBuffer(string: json))
    }

    /// Posts a `multipart/form-data` body of text `fields` (a file's content is a field too),
    /// with the last page's CSRF token among them.
    @discardableResult
    mutating func postMultipart(_ uri: String, fields: [(String, String)]) async throws -> TestResponse {
        if pageCSRFToken == nil { try await get("/") }
        let boundary = "----paperfeed-test-boundary"
        var body = ""
        for (name, value) in fields + [("csrf", pageCSRFToken ?? "")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).bib\"\r\n"
            body += "Content-Type: application/octet-stream\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await send(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                              body: ByteBuffer(string: body))
    }

    /// Forgets the cookies, as a private window would.
    mutating func clearCookies() {
        cookies = [:]
        pageCSRFToken = nil
    }

    private mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields,
                               body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for setCookie in response.headers[values: .setCookie] { remember(setCookie) }
        if let token = Self.csrfToken(in: response.text) { pageCSRFToken = token }
        last = response
        return response
    }

    private mutating func remember(_ setCookie: String) {
        let parts = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let expired = parts.contains { $0.lowercased() == "max-age=0" }
        if value.isEmpty || expired { cookies[name] = nil } else { cookies[name] = value }
    }

    /// The content of `<meta name="csrf-token" content="…">`, if the page has one.
    static func csrfToken(in page: String) -> String? {
        guard let meta = page.range(of: "<meta name=\"csrf-token\" content=\"") else { return nil }
        let rest = page[meta.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }
}

extension TestResponse {
    /// The `Location` header of a redirect.
    var location: String? { headers[.location] }

    /// The `Set-Cookie` header that sets the cookie `name`, in full.
    func setCookie(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}
