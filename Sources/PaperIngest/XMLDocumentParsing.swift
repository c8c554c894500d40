import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The part of an `XMLParser` delegate that makes parsing strict.
///
/// libxml2 recovers from many errors (a mismatched closing tag, a truncated document) and
/// `XMLParser.parse()` may then still return `true`; a half-read OAI page must not pass for a
/// whole one. Subclasses override `didStart` and `didEnd` (the `XMLParserDelegate` methods
/// must live here: a subclass's methods would not be seen through the base's conformance),
/// read `text` in `didEnd`, and call `fail` to stop.
class StrictXMLDelegate: NSObject, XMLParserDelegate {
    /// The first error met; parsing stops there.
    private(set) var failure: (any Error)?
    /// How many elements are open.
    private(set) var depth = 0
    /// How many elements have started.
    private(set) var elementCount = 0
    /// The character data since the last element started or ended.
    private(set) var text = ""

    /// An element started; `elementCount == 1` for the root.
    func didStart(_ name: String, namespace: String, qualifiedName: String?, attributes: [String: String], parser: XMLParser) {}

    /// An element ended; `text` holds its character data when it has no child elements.
    func didEnd(_ name: String, namespace: String, parser: XMLParser) {}

    final func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        depth += 1
        elementCount += 1
        text = ""
        didStart(name, namespace: namespaceURI ?? "", qualifiedName: qualifiedName, attributes: attributes, parser: parser)
    }

    final func parser(
        _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
        didEnd(name, namespace: namespaceURI ?? "", parser: parser)
        depth -= 1
        text = ""
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    /// Stops parsing with `error` (the first error wins).
    func fail(_ error: any Error, parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    /// An entity the document does not declare (`&nbsp;`): nothing is substituted for it.
    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        let reason = "undeclared entity &\(name); (HTML entities such as &nbsp; are not XML)"
        fail(DocumentError("malformed XML at line \(parser.lineNumber): \(reason)"), parser: parser)
        return nil
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        fail(XMLDocumentParsing.malformed(code: (parseError as NSError).code, parser: parser), parser: parser)
    }
}

enum XMLDocumentParsing {
    /// Parses `data` with namespace processing, throwing the first error the delegate or the
    /// parser met, and `DocumentError` for an empty or truncated document, or one with a
    /// DOCTYPE (see `declaresDocumentType`). External entities are never loaded.
    static func parse(_ data: Data, with delegate: StrictXMLDelegate) throws {
        guard !declaresDocumentType(data) else { throw documentTypeRefused }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = delegate
        let succeeded = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard succeeded else {
            throw malformed(code: (parser.parserError as NSError?)?.code ?? 0, parser: parser)
        }
        guard delegate.elementCount > 0 else { throw DocumentError("malformed XML: no complete element (the document is empty or truncated)") }
        guard delegate.depth == 0 else {
            throw DocumentError("malformed XML at line \(parser.lineNumber): the document ends inside an element (truncated?)")
        }
    }

    static func malformed(code: Int, parser: XMLParser) -> DocumentError {
        let what = messages[code] ?? "parser error \(code)"
        return DocumentError("malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(what)")
    }

    // libxml2's error numbers, which Apple's XMLParser.ErrorCode shares. The common ones, and
    // those broken files give most often.
    private static let messages: [Int: String] = [
        4: "the document is empty",
        5: "extra content after the root element, or the document ends too early",
        9: "invalid character (not UTF-8, or a control character)",
        23: "entity reference without ';'",
        26: "undeclared entity (HTML entities such as &nbsp; are not XML)",
        32: "unsupported encoding",
        33: "quoted value expected",
        34: "quoted value not closed",
        38: "'<' in an attribute value",
        39: "attribute value without quotes",
        40: "attribute value not closed",
        41: "attribute without a value",
        42: "attribute given twice",
        57: "XML declaration not closed",
        65: "a space is required here",
        68: "element name expected",
        73: "'>' expected",
        75: "'=' expected after an attribute name",
        76: "closing tag does not match the open element",
        77: "element not closed before the end of the document",
        79: "invalid encoding name",
        96: "XML declaration without a version",
        99: "namespace URI is not a valid URI",
        201: "namespace prefix not declared",
        202: "invalid qualified name",
    ]
}
