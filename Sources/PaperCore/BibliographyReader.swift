import Foundation

/// What an imported reference says that can find a stored paper.
public struct ImportedReference: Hashable, Sendable {
    /// The entry's key (BibTeX) or `id` (CSL-JSON), for reports.
    public var key: String
    public var title: String?
    public var arxiv: ArxivID?
    public var doi: String?

    public init(key: String, title: String? = nil, arxiv: ArxivID? = nil, doi: String? = nil) {
        self.key = key
        self.title = title
        self.arxiv = arxiv
        self.doi = doi
    }
}

/// The references a file holds, and the entries that could not be read (with why).
public struct ReadBibliography: Hashable, Sendable {
    public var references: [ImportedReference] = []
    public var malformed: [String] = []
    public init() {}
}

/// Reads `.bib` and CSL-JSON files people upload (hostile text: any bytes, any nesting). A
/// malformed entry is reported and skipped, never a crash; at most `maxEntries` are read.
public enum BibliographyReader {
    public static let maxEntries = 5_000

    /// CSL-JSON when the text starts with `[` or `{`, BibTeX otherwise.
    public static func read(_ text: String) -> ReadBibliography {
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.first
        guard start != "[", start != "{" else { return readCSLJSON(text) }
        var scanner = BibTeXScanner(text)
        return scanner.read()
    }

    public static func readCSLJSON(_ text: String) -> ReadBibliography {
        var result = ReadBibliography()
        let items: [Any]
        do {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
            items = (value as? [Any]) ?? [value]
        } catch {
            result.malformed.append("The file is not valid JSON (or BibTeX): \(String(describing: error).prefix(200))")
            return result
        }
        for (index, item) in items.prefix(maxEntries).enumerated() {
            guard let object = item as? [String: Any] else {
                result.malformed.append("item \(index + 1): not a JSON object")
                continue
            }
            let key = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init) ?? "item \(index + 1)"
            var fields: [String: String] = [:]
            for name in ["title", "DOI", "URL", "number", "archive", "archive_location", "note"] {
                if let value = object[name] as? String { fields[name.lowercased()] = value }
            }
            if (fields["archive"] ?? "").lowercased().contains("arxiv") || fields["number"].flatMap(ArxivID.init(parsing:)) != nil {
                fields["eprint"] = fields["number"]
            }
            fields["eprint"] = fields["eprint"] ?? fields["archive_location"]
            result.add(key: String(key.prefix(200)), fields: fields)
        }
        if items.count > maxEntries { result.malformed.append("only the first \(maxEntries) items were read") }
        return result
    }
}

extension ReadBibliography {
    /// Adds the reference `fields` (lower-cased names, TeX already stripped) describe, or
    /// reports the entry when nothing in it can find a paper.
    mutating func add(key: String, fields: [String: String]) {
        let title = fields["title"].map(BibliographyText.plain).flatMap { $0.isEmpty ? nil : $0 }
        let arxiv = Self.arxiv(in: fields)
        let doi = fields["doi"].flatMap(BibliographyText.doi)
        guard title != nil || arxiv != nil || doi != nil else {
            guard malformed.count < 200 else { return }
            malformed.append("\(key): no title, arXiv id or DOI")
            return
        }
        references.append(ImportedReference(key: key, title: title, arxiv: arxiv, doi: doi))
    }

    /// An arXiv id from `eprint`/`arxiv`/`arxivid`, arXiv's DOI (10.48550/arXiv.…), or a link.
    private static func arxiv(in fields: [String: String]) -> ArxivID? {
        for name in ["eprint", "arxiv", "arxivid"] {
            if let value = fields[name], let id = ArxivID(parsing: value) { return id }
        }
        if let doi = fields["doi"]?.lowercased(), let range = doi.range(of: "10.48550/arxiv.") {
            if let id = ArxivID(parsing: String(doi[range.upperBound...])) { return id }
        }
        for name in ["url", "howpublished", "note", "journal", "pdf", "link"] {
            guard let value = fields[name], let range = value.range(of: "arxiv.org/", options: .caseInsensitive) else { continue }
            let link = value[range.lowerBound...].prefix { !$0.isWhitespace && $0 != "}" && $0 != "\"" && $0 != "," }
            if let id = ArxivID(parsing: String(link)) { return id }
        }
        return nil
    }
}

/// Text from a bibliography as plain words: TeX braces and commands off, one line.
public enum BibliographyText {
    /// `{The} {\em Best} \& Co.` → `The Best & Co.`
    public static func plain(_ text: String) -> String {
        var result = ""
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            switch character {
            case "{", "}": continue
            case "\\":
                guard let next = iterator.next() else { break }
                if next.isLetter {
                    // A command (\em, \textbf): drop its name, keep what follows.
                    var name = String(next)
                    while let more = iterator.next() {
                        if more.isLetter { name.append(more); continue }
                        if more != "{" && more != "}" && more != " " { result.append(more) }
                        break
                    }
                    switch name {
                    case "textbackslash": result.append("\\")
                    case "textasciitilde": result.append("~")
                    case "textasciicircum": result.append("^")
                    default: break
                    }
                } else if !"\"'`^~=.".contains(next) {
                    // An escaped character (\&, \%, \{) is itself; an accent (\"o) leaves its letter.
                    result.append(next)
                }
            default: result.append(character)
            }
        }
        return result.singleLine
    }

    /// A title compared across sources: lower case, accents off, punctuation and TeX gone,
    /// words separated by one space.
    public static func titleKey(_ title: String) -> String {
        plain(title).lowercased().decomposedASCII
            .split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// A DOI from `10.…` or a doi.org link, lower-cased; `nil` when there is none.
    public static func doi(_ text: String) -> String? {
        let plain = plain(text).lowercased()
        guard let start = plain.range(of: "10.") else { return nil }
        let doi = plain[start.lowerBound...].prefix { !$0.isWhitespace }
        return doi.count >= 7 && doi.count <= 300 && doi.contains("/") ? String(doi) : nil
    }
}
