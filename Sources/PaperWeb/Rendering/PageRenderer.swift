import Foundation
import Mustache
import PaperAccounts

/// Renders the Mustache templates bundled with PaperWeb. Templates escape `{{values}}`;
/// only fields named `…HTML`, built by `RichText`, are inserted raw with `{{{…}}}`.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let siteName: String

    static func load(siteName: String) async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw RendererError.missingTemplates
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory), siteName: siteName)
    }

    /// Renders `template` with `model`; the layout reads `site`, `title` and the feed links.
    func render(_ template: String, _ model: Any, chrome: PageChrome, visitor: Visitor) -> String {
        let context = PageContext(site: siteName, chrome: chrome, visitor: VisitorView(visitor), page: model)
        return library.render(context, withTemplate: template) ?? "template \(template) is missing"
    }

    enum RendererError: Error, CustomStringConvertible {
        case missingTemplates
        var description: String { "the web templates are missing from this build" }
    }
}

/// What the layout shows around every page.
struct PageChrome {
    var title: String
    var query: String = ""
    var rssURL: String?
    var atomURL: String?
    var description: String?
}

/// The object every template renders: the site, the chrome, and the page's own model.
struct PageContext {
    let site: String
    let chrome: PageChrome
    let visitor: VisitorView
    let page: Any
}

/// What templates know of the visitor: the header's account links and every form's CSRF token.
struct VisitorView {
    let loggedIn: Bool
    let name: String?
    let isAdmin: Bool
    let csrf: String

    init(_ visitor: Visitor) {
        loggedIn = visitor.user != nil
        name = visitor.user?.name
        isAdmin = visitor.user?.isAdmin ?? false
        // Written unescaped by the templates: only a well-formed token or the cache's marker.
        let token = visitor.csrfToken
        csrf = token == BodyResponse.csrfPlaceholder || SecureTokens.isWellFormed(token) ? token : ""
    }
}
