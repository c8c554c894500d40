import Foundation

/// One item of CSL-JSON, the format of citeproc, Zotero and Pandoc.
public struct CSLItem: Codable, Hashable, Sendable {
    public struct Name: Codable, Hashable, Sendable {
        public var family: String?
        public var given: String?
    }

    public struct DateParts: Codable, Hashable, Sendable {
        public var dateParts: [[Int]]
        enum CodingKeys: String, CodingKey { case dateParts = "date-parts" }
    }

    public var id: String
    public var type: String
    public var title: String
    public var author: [Name]
    public var issued: DateParts?
    public var URL: String?
    public var DOI: String?
    public var abstract: String?
    /// The arXiv identifier, with `archive` "arXiv".
    public var number: String?
    public var archive: String?
    public var containerTitle: String?

    enum CodingKeys: String, CodingKey {
        case id, type, title, author, issued, URL, DOI, abstract, number, archive
        case containerTitle = "container-title"
    }
}

extension Paper {
    /// The paper as a CSL-JSON item (`type` "article", the arXiv id as `number`).
    public var cslItem: CSLItem {
        let names = authors.map { author -> CSLItem.Name in
            let name = PersonName(author.name)
            return CSLItem.Name(family: name.family, given: name.given)
        }
        let day = referenceDay
        return CSLItem(id: id.arxiv.map { "arXiv:\($0.base)" } ?? id.rawValue, type: "article", title: title.singleLine,
                       author: names, issued: day.map { CSLItem.DateParts(dateParts: [[$0.year, $0.month, $0.day]]) },
                       URL: id.arxiv.map { "https://arxiv.org/abs/\($0.base)" } ?? WebLink.http(projectPage),
                       DOI: doi, abstract: abstract.isEmpty ? nil : abstract, number: id.arxiv?.base,
                       archive: id.arxiv == nil ? nil : "arXiv", containerTitle: journalRef)
    }

    /// `papers` as a CSL-JSON array, keys sorted, pretty-printed.
    public static func cslJSON(_ papers: [Paper]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(papers.map(\.cslItem))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
