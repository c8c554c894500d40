import Foundation
import PaperCore

/// One line of the snapshot, as far as PaperFeed reads it.
public struct SnapshotLine: JSONLineRecord {
    struct Version: Decodable {
        var version: String?
        var created: String?
    }

    var id: String?
    var title: String?
    var abstract: String?
    var authors: String?
    var authorsParsed: [[String]]?
    var categories: String?
    var versions: [Version]?
    var updateDate: String?
    var doi: String?
    var journalRef: String?

    enum CodingKeys: String, CodingKey {
        case id, title, abstract, authors, categories, versions, doi
        case authorsParsed = "authors_parsed", updateDate = "update_date", journalRef = "journal-ref"
    }

    public func record(line: Int) -> ParsedRecord {
        // Built only for skips: a string per line costs on a multi-million-line import.
        var location: String { "line \(line)" }
        guard let rawID = id.nonEmpty else {
            return .skipped(SkippedRecord(location: location, reason: "missing field \"id\""))
        }
        guard let arxiv = ArxivID(parsing: rawID) else {
            return .skipped(SkippedRecord(location: location, reason: "\"\(rawID)\" is not an arXiv id"))
        }
        let title = (title ?? "").collapsingWhitespace
        guard !title.isEmpty else {
            return .skipped(SkippedRecord(location: location, reason: "paper \(rawID) has no title"))
        }
        let versions = versions ?? []
        let lastVersion = versions.last?.version.flatMap { Int($0.dropFirst()) }.flatMap { $0 > 0 ? $0 : nil }
        let updated = versions.count > 1 ? versions.last?.created.flatMap(DateParsing.rfc2822) : nil
        return .paper(Paper(
            id: PaperID(arxiv),
            version: lastVersion ?? (versions.isEmpty ? arxiv.version : versions.count),
            title: title,
            abstract: (abstract ?? "").collapsingWhitespace,
            authors: authorNames().map { Author(name: $0) },
            categories: (categories ?? "").collapsingWhitespace.split(separator: " ").map(String.init),
            publishedAt: versions.first?.created.flatMap(DateParsing.rfc2822),
            updatedAt: updated ?? updateDate.flatMap(DateParsing.iso8601),
            doi: doi.nonEmpty,
            journalRef: journalRef.nonEmpty?.collapsingWhitespace,
            source: .snapshot
        ))
    }

    /// `authors_parsed` rows are `[last, first, suffix, affiliation…]`; people read
    /// `first last suffix`. Falls back to splitting the `authors` string.
    private func authorNames() -> [String] {
        if let parsed = authorsParsed, !parsed.isEmpty {
            return parsed.compactMap { row in
                let parts = [row.count > 1 ? row[1] : "", row.first ?? "", row.count > 2 ? row[2] : ""]
                let name = parts.filter { !$0.isEmpty }.joined(separator: " ").collapsingWhitespace
                return name.isEmpty ? nil : name
            }
        }
        return splitAuthorList(authors ?? "")
    }
}
