import Foundation
import PaperCore

/// Reads the arXiv metadata snapshot (Kaggle's `arxiv-metadata-oai-snapshot.json`): JSON
/// lines, one paper per line, several GB in all.
public typealias SnapshotReader = JSONLinesReader<SnapshotLine>

/// One line of a JSON-lines file, as a record.
public protocol JSONLineRecord: Decodable {
    /// The paper this line describes, or why it is skipped; `line` counts from 1.
    func record(line: Int) -> ParsedRecord
}

/// The longest line read as a record: 4 MiB. Real lines are a few kilobytes (the longest,
/// snapshot papers with thousands of authors, a few hundred); a longer one is a broken file,
/// and holding it would let one line take any amount of memory.
public let maximumJSONLineLength = 4 << 20

/// Reads a JSON-lines file of papers, one paper per line.
///
/// Iterating streams the file in 1 MiB chunks, so memory stays flat whatever its size. Each
/// non-empty line gives one record; a line that is not valid JSON, that `Line` refuses, or
/// that is longer than `maximumJSONLineLength` gives `.skipped` located as `line N` (1-based),
/// and iteration carries on. Each call to `makeIterator()` reads the file from its start.
public struct JSONLinesReader<Line: JSONLineRecord>: Sequence, Sendable {

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
                    handle: try FileHandle(forReadingFrom: url), maximumLength: maximumJSONLineLength)
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
            "line of \(length) bytes is longer than the \(maximumJSONLineLength >> 20) MiB a record may take"
        }

        static func record(from bytes: ArraySlice<UInt8>, line number: Int, decoder: JSONDecoder) -> ParsedRecord {
            let data = Data(bytes)
            let line: Line
            do {
                line = try decoder.decode(Line.self, from: data)
            } catch let error as DecodingError {
                return .skipped(SkippedRecord(location: "line \(number)", reason: error.readableDescription(of: data)))
            } catch {
                return .skipped(SkippedRecord(location: "line \(number)", reason: "invalid JSON: \(error)"))
            }
            return line.record(line: number)
        }
    }
}
