import Foundation
import PaperCore

/// Opens one file in a given format as a sequence of records.
enum DocumentReader {
    /// The largest file read whole (Hugging Face JSON, Atom, OAI-PMH, the seed page): 256 MiB.
    /// Real ones are kilobytes to a few megabytes; the snapshot, gigabytes, is streamed instead.
    static let maximumDocumentBytes = 256 << 20

    static func records(in file: URL, format: ImportFormat) throws -> AnySequence<ParsedRecord> {
        if format != .snapshot, format != .beir { try checkSize(of: file) }
        switch format {
        case .snapshot:
            return AnySequence(try SnapshotReader(url: file))
        case .beir:
            return AnySequence(try BEIRCorpusReader(url: file))
        case .hf:
            let day = HFDailyPapersParser.listingDay(fromFileName: file.lastPathComponent)
            return AnySequence(try HFDailyPapersParser.parse(Data(contentsOf: file), listedOn: day))
        case .atom:
            let feed = try AtomFeedParser.parse(Data(contentsOf: file))
            return AnySequence(feed.papers.map(ParsedRecord.paper) + feed.skipped.map(ParsedRecord.skipped))
        case .oai:
            return AnySequence(try OAIPMHParser.parse(Data(contentsOf: file)).records)
        case .seed:
            guard let text = String(data: try Data(contentsOf: file), encoding: .utf8) else {
                throw DocumentError("not UTF-8 text (the seed page capture is read as UTF-8)")
            }
            return AnySequence(SeedPageParser.parse(text).map(ParsedRecord.paper))
        }
    }

    /// Refuses a file too large to be read whole, before reading it.
    private static func checkSize(of file: URL) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= maximumDocumentBytes else {
            throw DocumentError("file of \(size) bytes is larger than the \(maximumDocumentBytes >> 20) MiB read whole;"
                + " real ones are a few megabytes")
        }
    }
}
