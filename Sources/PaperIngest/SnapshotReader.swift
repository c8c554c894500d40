import Foundation
import PaperCore

/// Reads the arXiv metadata snapshot (Kaggle's `arxiv-metadata-oai-snapshot.json`): JSON
/// lines, one paper per line, several GB in all.
///
/// Iterating streams the file in 1 MiB chunks, so memory stays flat whatever its size. Each
/// non-empty line gives one record; a line that is not valid JSON, lacks an id or a title,
/// has an id that is not an arXiv id, or is longer than `maximumLineLength` gives `.skipped`
/// located as `line N` (1-based), and iteration carries on. Each call to `makeIterator()`
/// reads the file from its start.
public struct SnapshotReader: Sequence, Sendable {
    /// The longest line read as a record: 4 MiB. Real lines are a few kilobytes (the longest,
    /// papers with thousands of authors, a few hundred); a longer one is a broken file, and
    /// holding it would let one line take any amount of memory.
    public static let maximumLineLength = 4 << 20

    /// The file being read.
    public let url: URL

    /// - Throws: `DocumentError` when the file cannot be opened for reading.
    public init(url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DocumentError("cannot read \(url.path): no such file")
        }
        guard !isDirectory.boolValue else { throw DocumentError("cannot read \(url.path): it is a directory") }
        do {
            try FileHandle(forReadingFrom: url).close()
        } catch {
            throw DocumentError("cannot read \(url.path): \(error.localizedDescription)")
        }
        self.url = url
    }

    /// An iterator that opens the file and reads it from the start.
    public func makeIterator() -> Iterator { Iterator(url: url) }

    /// Yields the file's records in order.
    public struct Iterator: IteratorProtocol {
        private let lines: LineReader?
        private var openFailure: String?
        private let decoder = JSONDecoder()

        init(url: URL) {
            do {
                lines = LineReader(
                    handle: try FileHandle(forReadingFrom: url), maximumLength: SnapshotReader.maximumLineLength)
            } catch {
                lines = nil
                openFailure = "cannot read \(url.path): \(error.localizedDescription)"
            }
        }

        /// The next non-empty line's record; `nil` at the end of the file. A file that cannot be
        /// opened (any more) or fails mid-read gives one `.skipped` saying so, then `nil`.
        public mutating func next() -> ParsedRecord? {
            if let failure = openFailure {
                openFailure = nil
                return .skipped(SkippedRecord(location: "file", reason: failure))
            }
            guard let lines else { return nil }
            while let line = lines.next() {
                switch line {
                case let .text(number, bytes):
                    if bytes.allSatisfy(\.isASCIIWhitespace) { continue }
                    return Self.record(from: bytes, line: number, decoder: decoder)
                case let .tooLong(number, length):
                    return .skipped(SkippedRecord(location: "line \(number)", reason: Self.tooLong(length)))
                }
            }
            if let failure = lines.takeReadFailure() {
                return .skipped(SkippedRecord(location: "after line \(lines.lineCount)", reason: failure))
            }
            return nil
        }

        /// Why a line of `length` bytes was skipped.
        static func tooLong(_ length: Int) -> String {
            "line of \(length) bytes is longer than the \(SnapshotReader.maximumLineLength >> 20) MiB a record may take"
        }

        static func record(from bytes: ArraySlice<UInt8>, line number: Int, decoder: JSONDecoder) -> ParsedRecord {
            let data = Data(bytes)
            let line: SnapshotLine
            do {
                line = try decoder.decode(SnapshotLine.self, from: data)
            } catch let error as DecodingError {
                return .skipped(SkippedRecord(location: "line \(number)", reason: error.readableDescription(of: data)))
            } catch {
                return .skipped(SkippedRecord(location: "line \(number)", reason: "invalid JSON: \(error)"))
            }
            return line.record(line: number)
        }
    }
}

/// One line of the snapshot, as far as PaperFeed reads it.
struct SnapshotLine: Decodable {
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

    func record(line: Int) -> ParsedRecord {
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
