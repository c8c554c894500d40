import Foundation

extension ImportFormat {
    /// The format of a document, from its name and its first bytes (about 4 KB suffice);
    /// `nil` when it is none of the formats PaperFeed reads.
    ///
    /// - JSON lines whose first line has `"_id"` and `"text"`: a BEIR corpus;
    /// - `*.jsonl` / `*.ndjson`, or a first line that is a JSON object with `"id"` and
    ///   `"abstract"` (or `"submitter"`, `"authors"`): the arXiv snapshot;
    /// - a JSON array of daily-papers entries (or a `{"data": [...]}` wrapper): Hugging Face;
    /// - XML whose root is `<feed>`: an arXiv API Atom feed;
    /// - XML whose root is `<OAI-PMH>`, `<ListRecords>` or `<GetRecord>`: OAI-PMH;
    /// - text that starts like the Hugging Face Papers page: the seed page.
    ///
    /// Compressed files are not detected: decompress them first.
    public static func detect(fileName: String, head: Data) -> ImportFormat? {
        let name = fileName.lowercased()
        if head.starts(with: [0x1F, 0x8B]) { return nil }
        var text = String(decoding: head.prefix(8192), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let body = text.drop { $0.isWhitespace }
        let firstLine = body.prefix { $0 != "\n" }
        if firstLine.hasPrefix("{"), firstLine.contains("\"_id\""), firstLine.contains("\"text\"") { return .beir }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .snapshot }
        switch body.first {
        case "[":
            // Daily-papers entries are objects with a "paper" (or, in the broken dump files,
            // strings); other JSON arrays (a manifest, say) are not ours.
            let first = body.dropFirst().drop { $0.isWhitespace }.first
            return first == "\"" || first == "]" || body.contains("\"paper\"") ? .hf : nil
        case "{":
            // A snapshot line can outgrow the head (thousands of authors) before "abstract".
            let snapshotKeys = ["\"abstract\"", "\"submitter\"", "\"authors\""]
            if firstLine.contains("\"id\""), snapshotKeys.contains(where: { firstLine.contains($0) }) { return .snapshot }
            if body.contains("\"paper\"") || body.contains("\"data\"") { return .hf }
            return nil
        case "<":
            switch rootElement(of: body) {
            case "feed": return .atom
            case "OAI-PMH", "ListRecords", "GetRecord": return .oai
            default: return nil
            }
        default:
            let start = body.prefix(200).lowercased()
            if start.contains("get trending papers in your email inbox") {
                return .seed
            }
            return nil
        }
    }

    /// The local name of the first element, after the XML declaration, comments and DOCTYPE.
    static func rootElement(of xml: Substring) -> String? {
        var rest = xml
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("?") || rest.hasPrefix("!") {
                let terminator = rest.hasPrefix("!--") ? "-->" : ">"
                guard let end = rest.range(of: terminator) else { return nil }
                rest = rest[end.upperBound...]
                continue
            }
            let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            return name.split(separator: ":").last.map(String.init)
        }
        return nil
    }
}
