// The tests and harvest-bench build their lists from the same records.
@_exported import struct BenchmarkSupport.SnapshotRecords
import Foundation

/// One OAI-PMH `ListRecords` list as arXiv serves it, ready for a `LocalHTTPServer`: pages of
/// `arXiv`-format records joined by resumption tokens (`<list>|<cursor>`, with `cursor` and
/// `completeListSize` attributes; an empty token on the last page), answering the harvester's
/// first request (`set`, and `from` when the harvest resumes at a watermark) and each token.
public struct OAIList: Sendable {
    /// One record on the list, as written.
    public struct Record: Sendable {
        public var id: String
        public var title: String
        public var abstract: String
    }

    /// The request target of each page (the first with `set` and `from`, then one per token)
    /// and its answer.
    public var routes: [String: [LocalHTTPServer.Response]] = [:]
    /// The page targets in the order a harvester asks for them.
    public var targets: [String] = []
    /// The records on the list, in order.
    public var records: [Record] = []
    /// How many records each page holds (the last may hold fewer).
    public let pageSize: Int

    /// Records `first ..< first + count` of `source`, `pageSize` a page, each stamped `datestamp`
    /// and passed through `adjust` (to add a probe word, say) before it is written.
    public init(_ source: inout SnapshotRecords, first: Int, count: Int, pageSize: Int, set: String, datestamp: String,
                from: String?, adjust: (Int, inout [String: Any]) -> Void = { _, _ in }) {
        self.pageSize = pageSize
        let written = (first..<first + count).map { index in
            var record = source.record(index)
            adjust(index, &record)
            return record
        }
        records = written.map {
            Record(id: $0["id"] as? String ?? "", title: $0["title"] as? String ?? "", abstract: $0["abstract"] as? String ?? "")
        }
        var target = "/oai?verb=ListRecords&metadataPrefix=arXiv&set=\(set)" + (from.map { "&from=\($0)" } ?? "")
        for cursor in stride(from: 0, to: count, by: pageSize) {
            let next = cursor + pageSize < count ? "\(first)|\(cursor + pageSize)" : nil
            let body = Self.page(written[cursor..<min(cursor + pageSize, count)], cursor: cursor, total: count, next: next,
                                 set: set, datestamp: datestamp)
            routes[target] = [LocalHTTPServer.Response(status: 200, headers: [("Content-Type", "text/xml")], body: Data(body.utf8))]
            targets.append(target)
            target = "/oai?verb=ListRecords&resumptionToken=" + (next ?? "").replacingOccurrences(of: "|", with: "%7C")
        }
    }

    /// A whole response document.
    private static func page(_ records: ArraySlice<[String: Any]>, cursor: Int, total: Int, next: String?,
                             set: String, datestamp: String) -> String {
        let token = next.map { "<resumptionToken cursor=\"\(cursor)\" completeListSize=\"\(total)\">\($0)</resumptionToken>" }
            ?? "<resumptionToken cursor=\"\(cursor)\" completeListSize=\"\(total)\"/>"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
            <responseDate>\(datestamp)T21:00:00Z</responseDate>
            <request verb="ListRecords" metadataPrefix="arXiv" set="\(set)">http://export.arxiv.org/oai2</request>
            <ListRecords>

            """ + records.map { ArxivRecordXML.record($0, datestamp: datestamp, set: set) }.joined() + """
            \(token)
            </ListRecords>
            </OAI-PMH>

            """
    }
}
