import Foundation
import PaperCore

/// The newest papers of what a user follows: an author's (by the `author:"Name"` search) and a
/// saved search's (by the searcher, in the search's own mode), each ranked by the searcher and
/// then ordered newest first.
public struct FollowedPapers: Sendable {
    public let searcher: PaperSearcher
    /// How many of the best matches are looked at to find the newest.
    public var depth = 100

    public init(searcher: PaperSearcher) {
        self.searcher = searcher
    }

    /// The query that finds an author's papers: their name as a phrase in the author field
    /// (quotes in the name, which would end the phrase, become spaces).
    public static func authorQuery(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "\"", with: " ").split(whereSeparator: \.isWhitespace)
        return "author:\"" + words.joined(separator: " ") + "\""
    }

    /// The newest `limit` papers by `name`.
    public func papers(byAuthor name: String, limit: Int) async throws -> [Paper] {
        try await newest(Self.authorQuery(name), mode: .keyword, limit: limit)
    }

    /// The newest `limit` papers a saved search finds (none when its text no longer parses).
    public func papers(for search: SavedSearch, limit: Int) async throws -> [Paper] {
        try await newest(search.query, mode: SearchMode(rawValue: search.mode) ?? .hybrid, limit: limit)
    }

    /// The newest `limit` papers by any of `authors`, each once.
    public func papers(byAny authors: [FollowedAuthor], limit: Int) async throws -> [Paper] {
        var lists: [[Paper]] = []
        for author in authors { lists.append(try await papers(byAuthor: author.name, limit: limit)) }
        return Self.merged(lists, limit: limit)
    }

    /// The newest `limit` papers of all `lists`, each once.
    public static func merged(_ lists: [[Paper]], limit: Int) -> [Paper] {
        var seen = Set<PaperID>()
        return Array(newestFirst(lists.joined().filter { seen.insert($0.id).inserted }).prefix(limit))
    }

    /// Newest first (by `noticedAt`), keeping the given order among equals.
    public static func newestFirst(_ papers: [Paper]) -> [Paper] { newestFirst(papers, by: \.self) }

    /// `items` newest first by their paper's `Paper.noticedAt`; ties keep their order.
    static func newestFirst<Item>(_ items: [Item], by paper: (Item) -> Paper) -> [Item] {
        items.enumerated().sorted { a, b in
            let (x, y) = (paper(a.element).noticedAt ?? .distantPast, paper(b.element).noticedAt ?? .distantPast)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }

    private func newest(_ text: String, mode: SearchMode, limit: Int) async throws -> [Paper] {
        guard let query = try? QueryParser.parseLeniently(text).query else { return [] }
        let hits = try await searcher.search(query, mode: mode, limit: depth, offset: 0).page.hits.map(\.paper)
        return Array(Self.newestFirst(hits).prefix(limit))
    }
}
