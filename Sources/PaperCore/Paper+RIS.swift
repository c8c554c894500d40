import Foundation

extension Paper {
    /// An RIS record (`TY  - UNPB` … `ER  - `, CRLF line ends) for reference managers. Every
    /// value is one line: imported text cannot start a tag of its own.
    public var ris: String {
        var lines: [(String, String)] = [("TY", journalRef == nil ? "UNPB" : "JOUR"), ("TI", title)]
        for author in authors {
            let name = PersonName(author.name)
            lines.append(("AU", name.given.map { "\(name.family), \($0)" } ?? name.family))
        }
        if let day = referenceDay {
            lines.append(("PY", String(day.year)))
            lines.append(("DA", String(format: "%04d/%02d/%02d/", day.year, day.month, day.day)))
        }
        if !abstract.isEmpty { lines.append(("AB", abstract)) }
        if let arxiv = id.arxiv {
            lines.append(("UR", "https://arxiv.org/abs/\(arxiv.base)"))
            lines.append(("L1", "https://arxiv.org/pdf/\(arxiv.base)"))
            lines.append(("AN", "arXiv:\(arxiv.base)"))
            lines.append(("PB", "arXiv"))
        }
        if let doi { lines.append(("DO", doi)) }
        if let journalRef { lines.append(("JO", journalRef)) }
        for category in categories { lines.append(("KW", category)) }
        let body = lines.compactMap { tag, value -> String? in
            let line = value.singleLine
            return line.isEmpty ? nil : "\(tag)  - \(line)\r\n"
        }
        return body.joined() + "ER  - \r\n"
    }
}
