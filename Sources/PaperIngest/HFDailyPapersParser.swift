import Foundation
import PaperCore

/// Reads Hugging Face `/api/daily_papers` responses: a JSON array of daily-papers entries,
/// one file per listing day (`2025-03-11.json`).
public enum HFDailyPapersParser {
    /// The papers of one response, in the response's order.
    ///
    /// An entry without `paper.id` or a title, or whose id is not an arXiv id, becomes a
    /// `.skipped` record located as `entry N` (1-based) and the rest of the file is still read.
    ///
    /// - Parameter listedOn: the day the file lists (from its name); when `nil`, each paper's
    ///   `paper.submittedOnDailyAt`, else the entry's `publishedAt`, gives its day.
    /// - Throws: `DocumentError` when the document is not JSON, not an array of entries, or is
    ///   one of the dump files whose entries are Python repr strings.
    public static func parse(_ data: Data, listedOn: Day?) throws -> [ParsedRecord] {
        let decoder = JSONDecoder()
        let elements: [Lossy<Entry>]
        do {
            elements = try decoder.decode([Lossy<Entry>].self, from: data)
        } catch let arrayError as DecodingError {
            if let wrapper = try? decoder.decode(Wrapper.self, from: data) {
                elements = wrapper.data
            } else if case .typeMismatch = arrayError {
                throw DocumentError("not a Hugging Face daily-papers response: the top level is not a JSON array")
            } else {
                throw DocumentError(arrayError.readableDescription(of: data))
            }
        }
        if !elements.isEmpty, elements.allSatisfy(\.isString) {
            throw DocumentError(
                "entries are Python repr strings, not JSON objects (22 such files are known in the Hugging Face dump)"
            )
        }
        return elements.enumerated().map { index, element in
            let location = "entry \(index + 1)"
            guard let entry = element.value else {
                let reason = element.isString
                    ? "entry is a string (a Python repr?), not a JSON object"
                    : (element.error as? DecodingError)?.readableDescription ?? "entry is not a JSON object"
                return .skipped(SkippedRecord(location: location, reason: reason))
            }
            return record(from: entry, listedOn: listedOn, location: location)
        }
    }

    /// The listing day named by a dump file (`2025-03-11.json`, also with a directory), or `nil`.
    public static func listingDay(fromFileName name: String) -> Day? {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard base.count >= 10, base.dropFirst(10).first?.isNumber != true else { return nil }
        return Day(base.prefix(10))
    }

    static func record(from entry: Entry, listedOn: Day?, location: String) -> ParsedRecord {
        guard let paper = entry.paper else {
            return .skipped(SkippedRecord(location: location, reason: "missing field \"paper\""))
        }
        guard let rawID = paper.id.nonEmpty else {
            return .skipped(SkippedRecord(location: location, reason: "missing field \"paper.id\""))
        }
        guard let arxiv = ArxivID(parsing: rawID) else {
            return .skipped(SkippedRecord(location: location, reason: "\"\(rawID)\" is not an arXiv id"))
        }
        guard let title = (paper.title.nonEmpty ?? entry.title.nonEmpty)?.collapsingWhitespace else {
            return .skipped(SkippedRecord(location: location, reason: "paper \(rawID) has no title"))
        }
        let day = listedOn
            ?? paper.submittedOnDailyAt.flatMap(dayOf)
            ?? entry.publishedAt.flatMap(dayOf)
        let submitter = [entry.submittedBy, paper.submittedOnDailyBy].lazy
            .compactMap { user -> Submitter? in
                guard let name = (user?.name.nonEmpty ?? user?.user.nonEmpty) else { return nil }
                return Submitter(name: name, fullname: user?.fullname.nonEmpty)
            }
            .first
        let authors = paper.authors.compactMap { author -> Author? in
            guard let name = author.name.nonEmpty?.collapsingWhitespace else { return nil }
            return Author(name: name, user: author.user?.user.nonEmpty ?? author.user?.name.nonEmpty)
        }
        return .paper(Paper(
            id: PaperID(arxiv),
            version: arxiv.version,
            title: title,
            abstract: (paper.summary ?? entry.summary ?? "").trimmed,
            authors: authors,
            publishedAt: paper.publishedAt.flatMap(DateParsing.iso8601),
            listedOn: day,
            submitter: submitter,
            upvotes: max(0, paper.upvotes ?? 0),
            commentCount: max(0, entry.numComments ?? 0),
            githubRepo: paper.githubRepo.nonEmpty,
            githubStars: paper.githubStars,
            projectPage: paper.projectPage.nonEmpty,
            aiKeywords: paper.aiKeywords.compactMap(\.nonEmpty),
            aiSummary: paper.aiSummary.nonEmpty,
            source: .huggingFace
        ))
    }

    /// The UTC day of an ISO 8601 time, or of a bare `YYYY-MM-DD`.
    private static func dayOf(_ text: String) -> Day? {
        DateParsing.iso8601(text).map(Day.init) ?? Day(text)
    }
}
