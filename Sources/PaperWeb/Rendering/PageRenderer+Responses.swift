import HTTPTypes
import Hummingbird
import PaperCore

/// A page that says one thing: "check your inbox", "you are unsubscribed".
struct NoticePage {
    let heading: String
    let message: String
    var linkURL: String? = nil
    var linkText: String? = nil
}

extension PageRenderer {
    /// `template` rendered for the visitor as a response of its own, never cached (forms and
    /// notices carry the visitor's CSRF token and name).
    func page(_ template: String, _ model: Any, title: String, visitor: Visitor,
              status: HTTPResponse.Status = .ok) -> Response {
        let html = render(template, model, chrome: PageChrome(title: title), visitor: visitor)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func notice(_ notice: NoticePage, visitor: Visitor, status: HTTPResponse.Status = .ok) -> Response {
        page("notice", notice, title: notice.heading, visitor: visitor, status: status)
    }
}
