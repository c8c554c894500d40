import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// RSS and Atom feeds: `/feeds/daily.{rss,atom}` (of one category with `?cat=`),
/// `/feeds/trending.{rss,atom}`, `/feeds/search.{rss,atom}?q=…` and a category's new papers on
/// arXiv, `/feeds/cat/cs.CL.{rss,atom}`.
struct FeedsController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let trending: TrendingFeed
    let searcher: PaperSearcher
    let siteName: String
    let site: SiteAddress
    let cache: ResponseCache

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/feeds/:name", query: ["q", "cat"], perVisitor: false) { request, context in
            let name = try context.parameters.require("name")
            let parts = name.split(separator: ".")
            guard parts.count == 2, let format = FeedFormat(rawValue: String(parts[1])) else {
                throw RequestError.notFound("Feeds end in .rss or .atom, e.g. /feeds/daily.rss.")
            }
            let document: FeedDocument
            switch parts[0] {
            case "daily": document = try await daily(name, request)
            case "trending": document = try await trending(name)
            case "search": document = try await search(name, request)
            default: throw RequestError.notFound("There are daily, trending and search feeds.")
            }
            return BodyResponse(contentType: format.contentType, body: document.rendered(format))
        }
        router.cachedGet(cache, "/feeds/cat/:name", perVisitor: false) { _, context in
            let name = try context.parameters.require("name")
            guard let format = FeedFormat.allCases.first(where: { name.hasSuffix("." + $0.rawValue) }),
                  let category = ArxivCategory(String(name.dropLast(format.rawValue.count + 1))) else {
                throw RequestError.notFound("Category feeds are /feeds/cat/<category>.rss or .atom, e.g. /feeds/cat/cs.CL.rss.")
            }
            let papers = try await repository.listing(ListingQuery(.appeared, categories: [category], order: .newest, limit: 100,
                                                                          countsTotal: false)).papers
            let document = self.document("\(siteName): new in \(category)", "The newest \(category) papers on arXiv.",
                                         page: "/papers/cat/\(category)", name: "cat/" + name, papers: papers,
                                         dating: .firstVersion)
            return BodyResponse(contentType: format.contentType, body: document.rendered(format))
        }
    }

    /// The newest papers of the daily feed, on the basis it follows (`PaperRepository.dailyFeed()`).
    private func daily(_ name: String, _ request: Request) async throws -> FeedDocument {
        let category = try ListingPagesController<Context>.filter(request)
        let basis = try await repository.dailyFeed().basis
        let papers = try await repository.listing(ListingQuery(basis, categories: category.map { [$0] } ?? [], order: .newest, limit: 100,
                                                                  countsTotal: false)).papers
        guard let category else {
            return document("\(siteName): daily papers", "The newest papers on the daily feed.", page: "/", name: name, papers: papers)
        }
        return document("\(siteName): daily papers in \(category)", "The newest \(category) papers on the daily feed.",
                        page: "/?cat=\(category)", name: name + "?cat=\(category)", papers: papers)
    }

    private func trending(_ name: String) async throws -> FeedDocument {
        let papers = try await trending.papers(limit: 50).map(\.paper)
        return document("\(siteName): trending papers", "Papers getting the most attention this week.",
                        page: "/papers/trending", name: name, papers: papers)
    }

    private func search(_ name: String, _ request: Request) async throws -> FeedDocument {
        guard let text = request.query("q") else { throw RequestError.badRequest("q is required: the words to search for") }
        let query: SearchQuery
        do {
            query = try QueryParser.parseLeniently(text).query
        } catch {
            throw RequestError.badRequest(error.description)
        }
        let papers = try await searcher.search(query, mode: .hybrid, limit: 50, offset: 0).page.hits.map(\.paper)
        let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return document("\(siteName): \(text)", "Papers matching \(text).",
                        page: "/papers?q=\(encoded)", name: name + "?q=\(encoded)", papers: papers)
    }

    private func document(_ title: String, _ description: String, page: String, name: String, papers: [Paper],
                          dating: FeedDocument.Dating = .listing) -> FeedDocument {
        FeedDocument(title: title, description: description, siteURL: site.absolute(""),
                     pageURL: site.absolute(page),
                     feedURL: site.absolute("/feeds/" + name), papers: papers,
                     updated: papers.compactMap(dating.date).max() ?? Date(timeIntervalSince1970: 0), dating: dating)
    }
}

enum FeedFormat: String, CaseIterable {
    case rss, atom
    var contentType: String { self == .rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8" }
}
