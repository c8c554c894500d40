import PaperCore

/// One item read from a source document: a paper, or a record that was skipped and why.
public enum ParsedRecord: Sendable {
    case paper(Paper)
    case skipped(SkippedRecord)
}

/// A record an importer could not use. Reported to the user; the import carries on.
public struct SkippedRecord: Hashable, Sendable, CustomStringConvertible {
    /// Where in the document: `line 17`, `entry 3`, `record oai:arXiv.org:0704.0001`.
    public var location: String
    public var reason: String
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }
    public var description: String { "\(location): \(reason)" }
}

/// A whole document that cannot be imported (malformed, or an error response from the source).
public struct DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// The formats `paperfeed import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Hugging Face `/api/daily_papers` JSON arrays.
    case hf
    /// arXiv API Atom feeds.
    case atom
    /// OAI-PMH ListRecords/GetRecord in the `arXiv`, `arXivRaw` or `oai_dc` formats.
    case oai
    /// The arXiv metadata snapshot, JSON lines.
    case snapshot
    /// The seed page capture: a title line, then an abstract line.
    case seed
    /// A retrieval benchmark's corpus in BEIR's layout (`corpus.jsonl`: `_id`, `title`, `text`).
    case beir
}
