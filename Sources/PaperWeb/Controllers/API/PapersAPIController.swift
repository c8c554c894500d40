import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `GET /api/papers/{id}`, `/api/papers/search?q=&limit=` and `/api/papers?cursor=&limit=`.
struct PapersAPIController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let searcher: PaperSearcher
    let site: SiteAddress
    let cache: ResponseCache

    func register(on router: Router<Context>) {
        router.cachedGet(cache, "/api/papers", query: ["cursor", "limit"], perVisitor: false) { request, _ in try await all(request) }
        router.cachedGet(cache, "/api/papers/search", query: ["q", "mode", "limit"], perVisitor: false) { request, _ in try await search(request) }
        router.cachedGet(cache, "/api/papers/:id", perVisitor: false) { _, context in try await paper(try context.parameters.require("id")) }
        router.cachedGet(cache, "/api/papers/:id/similar", query: ["limit"], perVisitor: false) { request, context in
            try await similar(try context.parameters.require("id"), request)
        }
        router.cachedGet(cache, "/api/papers/:id/:number", perVisitor: false) { _, context in
            try await paper(try context.parameters.require("id") + "/" + context.parameters.require("number"))
        }
    }

    private func paper(_ id: String) async throws -> BodyResponse {
        try .json(HFJSON.PaperObject(try await PaperFinder.find(id, in: repository)))
    }

    private func search(_ request: Request) async throws -> BodyResponse {
        guard let text = request.query("q") else { throw RequestError.badRequest("q is required: the words to search for") }
        let limit = try request.integer("limit", default: 20, in: 1...120)
        let read: (query: SearchQuery, notice: String?)
        do {
            read = try QueryParser.parseLeniently(text)
        } catch {
            throw RequestError.badRequest(error.description)
        }
        let mode = try SearchModeParameter.parse(request)
        let outcome = try await searcher.search(read.query, mode: mode, limit: limit, offset: 0)
        var headers: HTTPFields = [.searchMode: outcome.mode.rawValue]
        if read.notice != nil { headers[.searchReadAs] = "words" }
        if outcome.mode != .keyword, let progress = searcher.semantic?.loading {
            headers[.vectorIndexLoading] = progress.description
        }
        return try .json(outcome.page.hits.map { HFJSON.Entry($0.paper) }, headers: headers)
    }

    /// Papers like the one named, by meaning when its vector is known, else by keywords.
    private func similar(_ id: String, _ request: Request) async throws -> BodyResponse {
        let limit = try request.integer("limit", default: 10, in: 1...50)
        let paper = try await PaperFinder.find(id, in: repository)
        return try .json(try await searcher.similar(to: paper, limit: limit).map(HFJSON.PaperObject.init))
    }

    /// Every paper in id order; `cursor` is the last id of the previous page.
    private func all(_ request: Request) async throws -> BodyResponse {
        let limit = try request.integer("limit", default: 50, in: 1...1_000)
        let cursor = request.query("cursor").map { PaperID(rawValue: $0) }
        let papers = try await repository.papers(after: cursor, limit: limit)
        var headers: HTTPFields = [:]
        if papers.count == limit, let last = papers.last {
            let encoded = last.id.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? last.id.rawValue
            headers[.link] = "<\(site.absolute("/api/papers?limit=\(limit)&cursor=\(encoded)"))>; rel=\"next\""
        }
        return try .json(papers.map(HFJSON.PaperObject.init), headers: headers)
    }
}
