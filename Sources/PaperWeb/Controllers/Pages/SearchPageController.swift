import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `/papers?q=…`: keyword search with highlighted terms and pages of 20.
struct SearchPageController<Context: RequestContext> {
    let services: WebServices
    static var pageSize: Int { 20 }

    func register(on router: Router<Context>) {
        router.get("/papers") { request, _ in try await search(request) }
    }

    private func search(_ request: Request) async throws -> BodyResponse {
        let text = request.query("q") ?? ""
        let page = try request.integer("p", default: 0, in: 0...500)
        let feedQuery = "?q=" + (text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")
        var chrome = PageChrome(title: text.isEmpty ? "Search" : "\(text) – search", query: text,
                                rssURL: "/feeds/search.rss" + feedQuery, atomURL: "/feeds/search.atom" + feedQuery)
        guard !text.isEmpty else {
            chrome.rssURL = nil
            chrome.atomURL = nil
            return .html(services.renderer.render("search", SearchPageModel(query: ""), chrome: chrome))
        }
        let query: SearchQuery
        do {
            query = try QueryParser.parse(text)
        } catch {
            let model = SearchPageModel(query: text, error: error.description)
            return .html(services.renderer.render("search", model, chrome: chrome), status: .badRequest)
        }
        let result = try await services.repository.search(query, limit: Self.pageSize, offset: page * Self.pageSize)
        let cards = result.hits.enumerated().map { index, hit in
            PaperCard(hit.paper, rank: page * Self.pageSize + index + 1, highlighting: query.positiveWords, withSnippet: true)
        }
        let model = SearchPageModel(query: text, cards: cards, total: result.total,
                                    olderPageURL: (page + 1) * Self.pageSize < result.total ? feedQuery + "&p=\(page + 1)" : nil,
                                    newerPageURL: page > 0 ? feedQuery + "&p=\(page - 1)" : nil)
        return .html(services.renderer.render("search", model, chrome: chrome))
    }
}

/// Templates see stored properties only (Mustache reads them by reflection).
struct SearchPageModel {
    let query: String
    let error: String?
    let cards: [PaperCard]
    let total: Int
    let olderPageURL: String?
    let newerPageURL: String?
    let searched: Bool
    let noResults: Bool

    init(query: String, error: String? = nil, cards: [PaperCard] = [], total: Int = 0,
         olderPageURL: String? = nil, newerPageURL: String? = nil) {
        self.query = query
        self.error = error
        self.cards = cards
        self.total = total
        self.olderPageURL = olderPageURL
        self.newerPageURL = newerPageURL
        searched = !query.isEmpty && error == nil
        noResults = searched && cards.isEmpty
    }
}
