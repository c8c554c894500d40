import Foundation
import Hummingbird

/// Redirects after form posts and to the log-in page, and the checks that keep them on this site.
enum Redirect {
    /// 303 See Other to `path`: the answer to a form post.
    static func to(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    /// `next` if it is a path on this site, else `fallback`: never an open redirect. Browsers
    /// drop tabs and line breaks and read a backslash as `/`, so `/<tab>/evil.example` would
    /// leave the site: the path must be one `/` followed by something else, with no control
    /// character, white space or backslash anywhere.
    static func safePath(_ next: String?, fallback: String = "/") -> String {
        guard let next, next.utf8.first == UInt8(ascii: "/"), next.utf8.count <= 2_048,
              !next.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\"
                  || $0.properties.isWhitespace || $0.properties.generalCategory == .format }) else { return fallback }
        let second = next.utf8.dropFirst().first
        guard second != UInt8(ascii: "/") else { return fallback }
        return next
    }

    /// The log-in page's address, coming back to `next` afterwards.
    static func loginPath(next: String) -> String {
        "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
    }

    /// A redirect to the log-in page, coming back to `next` afterwards.
    static func toLogin(next: String) -> Response {
        to(loginPath(next: next))
    }

    /// The path of the page a form was posted from, when it was this site's.
    static func referringPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer) else { return nil }
        let path = url.path.isEmpty ? "/" : url.path
        return safePath(path + (url.query.map { "?" + $0 } ?? ""), fallback: "/")
    }
}
