import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `/papers?q=…`: keyword search with highlighted terms and pages of 20.
struct SearchPageController<Context: VisitorRequestContext> {
    let searcher: PaperSearcher
    /// What the page says when semantic search is off: how to turn it on.
    let semanticOffReason: String
    let renderer: PageRenderer
    let marks: CardMarks
    let cache: ResponseCache
    static var pageSize: Int { 20 }

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/papers", query: ["q", "mode", "p"]) { request, context in try await search(request, context) }
    }

    private func search(_ request: Request, _ context: Context) async throws -> BodyResponse {
        let text = request.query("q") ?? ""
        let page = try request.integer("p", default: 0, in: 0...500)
        let mode = try SearchModeParameter.parse(request)
        let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let feedQuery = "?q=" + encoded
        var chrome = PageChrome(title: text.isEmpty ? "Search" : "\(text) – search", query: text,
                                rssURL: "/feeds/search.rss" + feedQuery, atomURL: "/feeds/search.atom" + feedQuery)
        let notice: String? = searcher.semantic == nil ? semanticOffReason : mode == .keyword ? nil : Self.loadingNotice(searcher.semantic)
        guard !text.isEmpty else {
            chrome.rssURL = nil
            chrome.atomURL = nil
            let answering = searcher.semantic == nil ? SearchMode.keyword : mode
            let model = SearchPageModel(query: "", mode: mode, notice: notice,
                                        count: ResultCount(total: 0, withAllWords: nil, mode: answering))
            return .html(renderer.render("search", model, chrome: chrome,
                                                     visitor: context.visitor))
        }
        let query: SearchQuery
        let readAs: String?
        do {
            (query, readAs) = try QueryParser.parseLeniently(text)
        } catch {
            let model = SearchPageModel(query: text, mode: mode, notice: notice, error: error.description)
            return .html(renderer.render("search", model, chrome: chrome, visitor: context.visitor), status: .badRequest)
        }
        let outcome = try await searcher.search(query, mode: mode, limit: Self.pageSize, offset: page * Self.pageSize)
        var cards = outcome.page.hits.enumerated().map { index, hit in
            PaperCard(hit.paper, rank: page * Self.pageSize + index + 1, highlighting: query.positiveWords, withSnippet: true,
                      match: hit.match)
        }
        let hidden = try await marks.mark(&cards, for: context.visitor)
        let base = feedQuery + "&mode=\(mode.rawValue)"
        let notices = [readAs, notice].compactMap { $0 }
        var model = SearchPageModel(query: text, mode: mode, notice: notices.isEmpty ? nil : notices.joined(separator: " "), cards: cards,
                                    count: ResultCount(page: outcome.page, mode: outcome.mode), olderPageURL: (page + 1) * Self.pageSize < outcome.page.total ? base + "&p=\(page + 1)" : nil,
                                    newerPageURL: page > 0 ? base + "&p=\(page - 1)" : nil)
        model.totalLabel = CardMarks.label(model.totalLabel, hidden: hidden)
        return .html(renderer.render("search", model, chrome: chrome, visitor: context.visitor))
    }
}

extension SearchPageController {
    /// What the page says while `serve` is still reading stored vectors into memory: results by
    /// meaning then come only from the papers loaded so far.
    static func loadingNotice(_ semantic: SemanticSearch?) -> String? {
        guard let progress = semantic?.loading else { return nil }
        return "The vector index is still loading (\(progress.papers)): "
            + "results by meaning come only from those loaded so far; keyword results are complete."
    }
}

/// The `mode` parameter of the search page and API: keyword, semantic or hybrid (the default).
enum SearchModeParameter {
    static func parse(_ request: Request) throws -> SearchMode {
        guard let text = request.query("mode") else { return .hybrid }
        guard let mode = SearchMode(rawValue: text) else {
            throw RequestError.badRequest("mode must be keyword, semantic or hybrid, not '\(text)'")
        }
        return mode
    }
}

/// The search page's model; templates read it by name (`MustacheLookups.swift`), so a new
/// property must be added there too.
struct SearchPageModel {
    let query: String
    let encodedQuery: String
    let modes: [ModeLink]
    /// The mode asked for, kept by "Save this search".
    let modeValue: String
    let notice: String?
    let error: String?
    let cards: [PaperCard]
    let total: Int
    var totalLabel: String
    /// What the count leaves out, e.g. how many of the papers have all the words.
    let totalNote: String?
    /// How the query is read, for the mode that answers it.
    let help: String
    let olderPageURL: String?
    let newerPageURL: String?
    let searched: Bool
    let noResults: Bool
    /// The results as BibTeX, RIS and CSL-JSON files.
    let downloads: [DownloadLink]

    init(query: String, mode: SearchMode, notice: String?, error: String? = nil, cards: [PaperCard] = [],
         total: Int = 0, count: ResultCount? = nil, olderPageURL: String? = nil, newerPageURL: String? = nil) {
        self.query = query
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        encodedQuery = encoded
        modes = SearchMode.allCases.map { ModeLink(mode: $0, current: mode, encodedQuery: encoded) }
        modeValue = mode.rawValue
        self.notice = notice
        self.error = error
        self.cards = cards
        let count = count ?? ResultCount(total: total, withAllWords: nil, mode: mode)
        self.total = count.total
        totalLabel = count.label
        totalNote = count.note
        help = Self.help(semantic: count.mode == .semantic)
        self.olderPageURL = olderPageURL
        self.newerPageURL = newerPageURL
        searched = !query.isEmpty && error == nil
        noResults = searched && cards.isEmpty
        downloads = searched && !cards.isEmpty ? SearchExportController<AppRequestContext>.links(query: query, mode: mode) : []
    }
}

extension SearchPageModel {
    static func help(semantic: Bool) -> String {
        semantic
            ? "Finds papers by meaning: describe what you are looking for in your own words. author:, cat:, year:2024 and -word filter the results."
            : "Papers with more of the words rank first, those with all of them before the rest; common words like \"how\" or \"the\" are left out. Use \"quotes\" for phrases, AND to require a word, word* for prefixes, OR, -word to exclude, and author:, cat:, title:, year:2024 or year:2020-2023."
    }
}

/// The count above the results, said as the mode that found them means it.
struct ResultCount {
    let total: Int
    let withAllWords: Int?
    let mode: SearchMode
    /// More papers match than `total` (counting stopped there).
    let moreThanTotal: Bool

    init(total: Int, withAllWords: Int?, mode: SearchMode, moreThanTotal: Bool = false) {
        self.total = total
        self.withAllWords = withAllWords
        self.mode = mode
        self.moreThanTotal = moreThanTotal
    }

    init(page: SearchPage, mode: SearchMode) {
        self.init(total: page.total, withAllWords: page.totalWithAllWords, mode: mode, moreThanTotal: page.moreThanTotal)
    }

    private var papers: String {
        if moreThanTotal { return "More than \(total) papers" }
        return total == 1 ? "1 paper" : "\(total) papers"
    }

    var label: String {
        let one = total == 1 && !moreThanTotal
        switch mode {
        case .semantic: return "\(papers) nearest in meaning to"
        case .hybrid: return "\(papers) found by their words or their meaning for"
        case .keyword:
            guard let withAllWords else { return one ? "1 paper matches" : "\(papers) match" }
            if withAllWords == total { return one ? "1 paper matches all the words of" : "\(papers) match all the words of" }
            return one ? "1 paper matches some of the words of" : "\(papers) match some of the words of"
        }
    }

    var note: String? {
        guard mode == .keyword, let withAllWords, withAllWords < total else { return nil }
        switch withAllWords {
        case 0: return "(none has all of them)"
        case 1: return "(the one with all of them first)"
        default: return "(the \(withAllWords) with all of them first)"
        }
    }
}

/// One of the keyword / semantic / hybrid switches above the results.
struct ModeLink {
    let name: String
    let url: String
    let current: Bool

    init(mode: SearchMode, current: SearchMode, encodedQuery: String) {
        name = mode.rawValue.capitalized
        url = "/papers?q=\(encodedQuery)&mode=\(mode.rawValue)"
        self.current = mode == current
    }
}
