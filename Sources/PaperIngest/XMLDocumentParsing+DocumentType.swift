import Foundation

// Documents with a DOCTYPE are refused before parsing. arXiv's Atom and OAI-PMH answers never
// carry one, and a DTD is the only way to declare entities: nested ones that expand
// exponentially ("billion laughs") and external ones that read local files or URLs (XXE).
// libxml2 stops the first with an entity-loop error and Foundation's XMLParser does not load
// the second (`shouldResolveExternalEntities` is false), but on Linux it drops a declared
// entity's text without a word, and other platforms' parsers expand them: refusing the DTD
// outright gives one answer everywhere, and a clear one.

extension XMLDocumentParsing {
    /// Why a document with a DOCTYPE is refused.
    static let documentTypeRefused = DocumentError(
        "refused: the document has a <!DOCTYPE> declaration; arXiv sends none, and a DTD may declare entities"
            + " that expand without bound or read local files"
    )

    /// Whether `data` declares a document type before its root element.
    ///
    /// Reads the prolog only (XML declaration, processing instructions, comments, whitespace),
    /// in UTF-8 or any ASCII-compatible encoding, or in UTF-16 (with a byte-order mark, or
    /// starting with `<`).
    static func declaresDocumentType(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var offset = 0, width = 1, lowFirst = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                offset = 3
            } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00]) {
                (offset, width) = (bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0, 2)
            } else if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C]) {
                (offset, width, lowFirst) = (bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0, 2, false)
            }
            let count = (bytes.count - offset) / width
            // The character at `index` when it is ASCII, else 0x80.
            func character(_ index: Int) -> UInt8 {
                let unit = offset + index * width
                guard width == 2 else { return bytes[unit] }
                let (low, high) = lowFirst ? (bytes[unit], bytes[unit + 1]) : (bytes[unit + 1], bytes[unit])
                return high == 0 && low < 0x80 ? low : 0x80
            }
            func matches(_ ascii: StaticString, at index: Int) -> Bool {
                guard index + ascii.utf8CodeUnitCount <= count else { return false }
                return (0..<ascii.utf8CodeUnitCount).allSatisfy { character(index + $0) == ascii.utf8Start[$0] }
            }
            // The index after the next `terminator` from `index`, or `nil`.
            func after(_ terminator: StaticString, from index: Int) -> Int? {
                var index = index
                while index < count {
                    if matches(terminator, at: index) { return index + terminator.utf8CodeUnitCount }
                    index += 1
                }
                return nil
            }
            var index = 0
            while index < count {
                let current = character(index)
                if current.isASCIIWhitespace {
                    index += 1
                } else if matches("<?", at: index), let next = after("?>", from: index + 2) {
                    index = next
                } else if matches("<!--", at: index), let next = after("-->", from: index + 4) {
                    index = next
                } else {
                    return matches("<!DOCTYPE", at: index) || matches("<!doctype", at: index)
                }
            }
            return false
        }
    }
}
