import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PaperCore

/// One page of an OAI-PMH `ListRecords` response (or the single record of `GetRecord`).
public struct OAIPage: Sendable {
    /// The records of this page: papers, and records that could not be read.
    public var records: [ParsedRecord]
    /// The token that asks for the next page; `nil` on the last page.
    public var resumptionToken: String?
    /// How many records the whole list holds, when the server says.
    public var completeListSize: Int?
    /// How many records came before this page, when the server says.
    public var cursor: Int?
    /// Records marked deleted on this page; they are counted, not returned.
    public var deletedCount: Int
    /// The newest header `datestamp` on this page (deleted records included), as written
    /// (`YYYY-MM-DD` or a UTC time); `nil` when no record has one. Datestamps of one
    /// repository share a granularity, so they order as text.
    public var latestDatestamp: String?

    /// A page; the parser builds these, tests and fakes may too.
    public init(
        records: [ParsedRecord] = [], resumptionToken: String? = nil, completeListSize: Int? = nil,
        cursor: Int? = nil, deletedCount: Int = 0, latestDatestamp: String? = nil
    ) {
        self.records = records
        self.resumptionToken = resumptionToken
        self.completeListSize = completeListSize
        self.cursor = cursor
        self.deletedCount = deletedCount
        self.latestDatestamp = latestDatestamp
    }
}

/// An OAI-PMH error response (`<error code="badResumptionToken">…</error>`).
///
/// `noRecordsMatch` is one too: whether an empty result is a problem is the caller's call.
public struct OAIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The protocol's error code: `badArgument`, `badResumptionToken`, `badVerb`,
    /// `cannotDisseminateFormat`, `idDoesNotExist`, `noRecordsMatch`, `noMetadataFormats`,
    /// `noSetHierarchy`.
    public var code: String
    /// The server's explanation.
    public var message: String

    /// An error with the server's code and explanation.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal…`
    public var description: String { "OAI-PMH error \(code): \(message)" }
}

/// Reads OAI-PMH responses from arXiv in the `arXiv`, `arXivRaw` and `oai_dc` metadata formats.
///
/// Elements are matched by namespace URI, so prefixes do not matter; the envelope may also be a
/// bare `<ListRecords>` root without a namespace, as harvesting scripts save it.
public enum OAIPMHParser {
    /// The records and paging of one response.
    ///
    /// A record whose metadata lacks an id or title, or whose id is not an arXiv id, becomes a
    /// `.skipped` record located by its OAI identifier.
    ///
    /// - Throws: `OAIError` for an OAI-PMH error response; `DocumentError` for malformed XML
    ///   (with its line number) or a document that is not an OAI-PMH response (e.g. the HTML
    ///   page arXiv sends with HTTP 503).
    public static func parse(_ data: Data) throws -> OAIPage {
        let delegate = OAIDelegate()
        try XMLDocumentParsing.parse(data, with: delegate)
        if let error = delegate.oaiError { throw error }
        return delegate.page
    }
}

/// Collects the page while `XMLParser` streams through it.
private final class OAIDelegate: StrictXMLDelegate {
    static let oai = "http://www.openarchives.org/OAI/2.0/"
    static let roots: Set<String> = ["OAI-PMH", "ListRecords", "GetRecord"]

    var page = OAIPage()
    var oaiError: OAIError?
    private var record: OAIRecordFields?
    private var errorCode: String?
    private var tokenAttributes: [String: String] = [:]

    /// OAI envelope elements have the OAI namespace, or none in a bare saved `<ListRecords>`.
    private func isEnvelope(_ namespace: String) -> Bool {
        namespace == "" || namespace == Self.oai
    }

    override func didStart(
        _ name: String, namespace: String, qualifiedName: String?, attributes: [String: String], parser: XMLParser
    ) {
        if elementCount == 1, !(Self.roots.contains(name) && isEnvelope(namespace)) {
            let root = "<\(qualifiedName ?? name)>" + (namespace.isEmpty ? "" : " in namespace \(namespace)")
            fail(DocumentError("not an OAI-PMH response: the root element is \(root)"), parser: parser)
            return
        }
        if record != nil {
            record?.start(name, namespace: namespace, attributes: attributes)
            return
        }
        guard isEnvelope(namespace) else { return }
        switch name {
        case "record": record = OAIRecordFields()
        case "error": errorCode = attributes["code"] ?? "unknown"
        case "resumptionToken": tokenAttributes = attributes
        default: break
        }
    }

    override func didEnd(_ name: String, namespace: String, parser: XMLParser) {
        if var current = record {
            if name == "record", isEnvelope(namespace) {
                if let stamp = current.datestamp.nonEmpty, stamp > (page.latestDatestamp ?? "") {
                    page.latestDatestamp = stamp
                }
                if current.isDeleted {
                    page.deletedCount += 1
                } else {
                    page.records.append(current.parsedRecord())
                }
                record = nil
            } else {
                current.end(name, namespace: namespace, text: text)
                record = current
            }
            return
        }
        guard isEnvelope(namespace) else { return }
        switch name {
        case "error":
            // The first error explains the response; later ones are usually its consequences.
            if oaiError == nil {
                oaiError = OAIError(code: errorCode ?? "unknown", message: text.collapsingWhitespace)
            }
        case "resumptionToken":
            page.resumptionToken = text.nonEmpty
            page.cursor = tokenAttributes["cursor"].flatMap { Int($0) }
            page.completeListSize = tokenAttributes["completeListSize"].flatMap { Int($0) }
        default:
            break
        }
    }
}
