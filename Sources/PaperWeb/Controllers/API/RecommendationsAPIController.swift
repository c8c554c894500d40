import Foundation
import HTTPTypes
import Hummingbird
import PaperCore
import PaperSearch

/// `GET /api/recommendations?limit=&since=`: the user's recommendations (by bearer token or
/// session) as `/api/papers/search` lists papers, each with a `reason`. `since` is a day
/// (`2026-08-01`) or a time (`2026-08-01T12:00:00Z`); without it, the last 30 days, widened to
/// every paper when they hold too few (the `X-Recommendations-Since` header says `any` then).
/// `GET /api/recommendations/export?format=bibtex|ris|csl-json&limit=&since=` gives the same list
/// as a file (the for-you page links it). Never cached: every answer is one user's.
struct RecommendationsAPIController<Context: VisitorRequestContext> {
    /// `nil` when semantic search is off: a 503 that says recommendations need the model.
    let recommender: PersonalRecommender?
    let semanticOffReason: String

    func register(on router: Router<Context>) {
        router.get("/api/recommendations") { request, context in
            let (_, found) = try await recommendations(request, context)
            let window = found.since.map { HFJSON.timestamp($0) } ?? "any"
            return try BodyResponse.json(found.items.map(RecommendationEntry.init), headers: [.recommendationsSince: window])
                .response(from: request, context: context)
        }
        router.get("/api/recommendations/export") { request, context in
            // The format is checked first: a wrong one is a 400 whatever else the request lacks.
            let format = try BibliographyDownload.format(request.query("format"))
            let (user, found) = try await recommendations(request, context)
            return BibliographyDownload.response(found.items.map(\.paper), format: format, name: "for-you-\(user.name)")
        }
    }

    /// The user's recommendations by the request's `limit` and `since`: a 401 without a user, a
    /// 400 for a bad parameter, a 503 without the model.
    private func recommendations(_ request: Request, _ context: Context) async throws -> (User, Recommendations) {
        let user = try context.visitor.requireAPIUser()
        let limit = try request.integer("limit", default: 20, in: 1...100)
        let since = try Self.since(request)
        guard let recommender else {
            throw RequestError(status: .serviceUnavailable,
                               message: "Recommendations need the embedding model, which this server does not have. \(semanticOffReason)")
        }
        let signals = try await recommender.signals(userID: user.id)
        return (user, try await recommender.recommend(userID: user.id, signals: signals, since: since, limit: limit))
    }

    /// The download links of the recommendations the for-you page shows (`limit` of them).
    static func downloads(limit: Int) -> [DownloadLink] {
        BibliographyDownload.links { "/api/recommendations/export?format=\($0.rawValue)&limit=\(limit)" }
    }

    /// The `since` parameter: a day or an ISO 8601 time; `nil` when absent, a 400 when malformed.
    static func since(_ request: Request) throws -> Date? {
        guard let text = request.query("since") else { return nil }
        if text.utf8.count == 10, let day = Day(text) { return day.start }
        if let time = time(text) { return time }
        throw RequestError.badRequest("since must be a day (YYYY-MM-DD, e.g. 2026-08-01) or a time (2026-08-01T12:00:00Z), not '\(text)'")
    }
}

extension RecommendationsAPIController {
    /// An ISO 8601 time with seconds and a zone (`2026-08-01T12:00:00Z`, `…:00.5+02:00`), read
    /// strictly: hours below 24, minutes and seconds below 60 (fractions of a second dropped).
    static func time(_ text: String) -> Date? {
        guard text.utf8.count <= 40,
              let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})/),
              let day = Day(String(match.1)), let hours = Int(match.2), let minutes = Int(match.3), let seconds = Int(match.4),
              hours < 24, minutes < 60, seconds < 60 else { return nil }
        var offset = 0
        if match.5 != "Z" {
            let zone = match.5.dropFirst().split(separator: ":").compactMap { Int($0) }
            guard zone.count == 2, zone[0] < 24, zone[1] < 60 else { return nil }
            offset = (zone[0] * 3_600 + zone[1] * 60) * (match.5.hasPrefix("-") ? -1 : 1)
        }
        return day.start.addingTimeInterval(TimeInterval(hours * 3_600 + minutes * 60 + seconds - offset))
    }
}

/// A recommendation in the shape of an `/api/papers/search` entry, plus `reason`.
struct RecommendationEntry: Encodable {
    let entry: HFJSON.Entry
    let reason: Reason

    struct Reason: Encodable {
        let nearestSaved: SavedPaperObject?
        let terms: [String]
    }

    struct SavedPaperObject: Encodable {
        let id: String
        let title: String
    }

    init(_ recommendation: Recommendation) {
        entry = HFJSON.Entry(recommendation.paper)
        reason = Reason(nearestSaved: recommendation.nearestSaved.map { SavedPaperObject(id: $0.id.rawValue, title: $0.title) },
                        terms: recommendation.terms)
    }

    private enum Keys: String, CodingKey { case reason }

    /// The entry's fields, then `reason`, in one object.
    func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(reason, forKey: .reason)
    }
}

extension HTTPField.Name {
    /// The start of the period recommendations were chosen from, or `any` when every paper was.
    static let recommendationsSince = HTTPField.Name("X-Recommendations-Since")!
}
