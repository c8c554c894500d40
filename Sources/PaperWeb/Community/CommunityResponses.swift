import Foundation
import HTTPTypes
import Hummingbird
import PaperCore
import PaperMail

/// Redirects and small pages shared by the community controllers.
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

/// A page that says one thing: "check your inbox", "you are unsubscribed".
struct NoticePage {
    let heading: String
    let message: String
    var linkURL: String? = nil
    var linkText: String? = nil
}

extension WebServices {
    /// Renders `template` for the visitor.
    func page(_ template: String, _ model: Any, title: String, visitor: Visitor,
              status: HTTPResponse.Status = .ok) -> Response {
        let html = renderer.render(template, model, chrome: PageChrome(title: title), visitor: visitor)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func notice(_ notice: NoticePage, visitor: Visitor, status: HTTPResponse.Status = .ok) -> Response {
        page("notice", notice, title: notice.heading, visitor: visitor, status: status)
    }

    /// The logged-in user, or a 403 for pages that need one and cannot redirect.
    func requireUser(_ visitor: Visitor) throws -> User {
        guard let user = visitor.user else { throw RequestError.forbidden("Log in first.") }
        return user
    }

    func requireAdmin(_ visitor: Visitor) throws -> User {
        guard let user = visitor.user, user.isAdmin else { throw RequestError.forbidden("Only admins can do this.") }
        return user
    }

    /// Sends a one-part email from the site; a failure becomes a 503 page that says so.
    func sendMail(to address: String, subject: String, text: String) async throws {
        guard let mailer else {
            throw RequestError(status: .serviceUnavailable,
                               message: "This server cannot send email: no SMTP server is configured (see the README, “Email”).")
        }
        let from = MailAddress(configuration.mailFrom, name: configuration.siteName)
        do {
            try await mailer.send(MailMessage(from: from, to: MailAddress(address), subject: subject, textBody: text))
        } catch {
            logger.error("Could not send email: \(error)")
            throw RequestError(status: .serviceUnavailable, message: "The email could not be sent just now; please try again in a few minutes.")
        }
    }
}
