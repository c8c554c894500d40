/// Finds a paper by its arXiv id at the source (the arXiv API), for submissions of papers the
/// store does not hold yet.
public protocol PaperLookup: Sendable {
    /// The paper arXiv has under `id`, or `nil` when arXiv knows no such paper.
    /// Throws `PaperLookupError` when arXiv cannot be asked right now.
    func paper(arxiv id: ArxivID) async throws -> Paper?
}

/// Why a lookup could not answer, in words for the person submitting.
public enum PaperLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// arXiv is busy or down (after the retries its `Retry-After` allowed).
    case unavailable(String)
    /// arXiv answered something that is not a usable Atom feed.
    case badResponse(String)

    public var description: String {
        switch self {
        case let .unavailable(reason): "arXiv cannot be reached right now (\(reason)); try again in a minute."
        case let .badResponse(reason): "arXiv's answer could not be read (\(reason))."
        }
    }
}
