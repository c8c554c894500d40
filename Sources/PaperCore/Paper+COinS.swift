import Foundation

extension Paper {
    /// The paper as a COinS (ContextObjects in Spans) key/encoded-value string, for
    /// `<span class="Z3988" title="…">`, where the Zotero connector and other reference
    /// managers find it: a preprint with its title, authors, date and arXiv id. Every value is
    /// percent-encoded; the page HTML-escapes the whole.
    public var coins: String {
        var pairs: [(String, String)] = [
            ("ctx_ver", "Z39.88-2004"),
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
            ("rft.genre", "preprint"),
            ("rft.atitle", title.singleLine),
        ]
        if id.arxiv != nil { pairs.append(("rft.jtitle", "arXiv")) }
        if let first = authors.first {
            let name = PersonName(first.name)
            pairs.append(("rft.aulast", name.family))
            if let given = name.given { pairs.append(("rft.aufirst", given)) }
        }
        for author in authors { pairs.append(("rft.au", author.name.singleLine)) }
        if let day = referenceDay { pairs.append(("rft.date", day.description)) }
        if let arxiv = id.arxiv {
            pairs.append(("rft_id", "info:arxiv/\(arxiv.base)"))
            pairs.append(("rft_id", "https://arxiv.org/abs/\(arxiv.base)"))
        }
        if let doi { pairs.append(("rft_id", "info:doi/\(doi.singleLine)")) }
        return pairs.map { "\($0.0)=\(Self.kevEncoded($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func kevEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
