import Foundation
import PaperCore

/// Opens one file in a given format as a sequence of records.
enum DocumentReader {
    static func records(in file: URL, format: ImportFormat) throws -> AnySequence<ParsedRecord> {
        switch format {
        case .snapshot:
            return AnySequence(try SnapshotReader(url: file))
        case .hf:
            let day = HFDailyPapersParser.listingDay(fromFileName: file.lastPathComponent)
            return AnySequence(try HFDailyPapersParser.parse(Data(contentsOf: file), listedOn: day))
        case .atom:
            let feed = try AtomFeedParser.parse(Data(contentsOf: file))
            return AnySequence(feed.papers.map(ParsedRecord.paper) + feed.skipped.map(ParsedRecord.skipped))
        case .oai:
            return AnySequence(try OAIPMHParser.parse(Data(contentsOf: file)).records)
        case .seed:
            let text = try String(contentsOf: file, encoding: .utf8)
            return AnySequence(SeedPageParser.parse(text).map(ParsedRecord.paper))
        }
    }
}
