import Foundation
import PaperCore

/// What one OAI-PMH `<record>` says, gathered element by element, in any of the three formats.
struct OAIRecordFields {
    enum Format { case arXiv, arXivRaw, dublinCore }

    static let envelope = "http://www.openarchives.org/OAI/2.0/"
    static let arXiv = "http://arxiv.org/OAI/arXiv/"
    static let arXivRaw = "http://arxiv.org/OAI/arXivRaw/"
    static let oaiDC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
    static let dc = "http://purl.org/dc/elements/1.1/"

    var format: Format?
    var oaiIdentifier = ""
    /// The header's `datestamp`: when the repository last changed the record.
    var datestamp = ""
    var isDeleted = false
    var setSpecs: [String] = []
    var id = "", title = "", abstract = "", categories = "", doi = "", journalRef = ""
    var created = "", updated = ""
    var authors: [String] = []
    var authorList = ""
    var keyname = "", forenames = "", suffix = ""
    var versionLabels: [String] = []
    var versionDates: [String] = []
    var dcDates: [String] = []
    var dcIdentifiers: [String] = []
    var dcDescriptions: [String] = []

    mutating func start(_ name: String, namespace: String, attributes: [String: String]) {
        switch (namespace, name) {
        case (Self.envelope, "header"), ("", "header"):
            isDeleted = attributes["status"] == "deleted"
        case (Self.arXiv, "arXiv"): format = .arXiv
        case (Self.arXivRaw, "arXivRaw"): format = .arXivRaw
        case (Self.oaiDC, "dc"): format = .dublinCore
        case (Self.arXiv, "author"): (keyname, forenames, suffix) = ("", "", "")
        case (Self.arXivRaw, "version"): versionLabels.append(attributes["version"] ?? "")
        default: break
        }
    }

    mutating func end(_ name: String, namespace: String, text: String) {
        switch namespace {
        case Self.envelope, "":
            if name == "identifier" { oaiIdentifier = text.trimmed }
            if name == "setSpec" { setSpecs.append(text.trimmed) }
            if name == "datestamp" { datestamp = text.trimmed }
        case Self.arXiv, Self.arXivRaw:
            switch name {
            case "id": id = text
            case "title": title = text
            case "abstract": abstract = text
            case "categories": categories = text
            case "doi": doi = text
            case "journal-ref": journalRef = text
            case "created": created = text
            case "updated": updated = text
            case "authors" where namespace == Self.arXivRaw: authorList = text
            case "date" where namespace == Self.arXivRaw: versionDates.append(text)
            case "keyname": keyname = text
            case "forenames": forenames = text
            case "suffix": suffix = text
            case "author" where namespace == Self.arXiv:
                let name = [forenames, keyname, suffix].map(\.collapsingWhitespace).filter { !$0.isEmpty }
                if !name.isEmpty { authors.append(name.joined(separator: " ")) }
            default: break
            }
        case Self.dc:
            switch name {
            case "title": title = text
            case "creator": authors.append(Self.displayName(creator: text))
            case "description": dcDescriptions.append(text)
            case "date": dcDates.append(text.trimmed)
            case "identifier": dcIdentifiers.append(text.trimmed)
            default: break
            }
        default:
            break
        }
    }

    /// The paper this record describes, or why it cannot be used.
    func parsedRecord() -> ParsedRecord {
        let location = oaiIdentifier.isEmpty ? "record without identifier" : "record \(oaiIdentifier)"
        func skip(_ reason: String) -> ParsedRecord {
            .skipped(SkippedRecord(location: location, reason: reason))
        }
        guard let format else { return skip("no metadata in the arXiv, arXivRaw or oai_dc format") }
        let rawID = format == .dublinCore
            ? dcIdentifiers.first { $0.lowercased().hasPrefix("http") && ArxivID(parsing: $0) != nil } ?? ""
            : id.trimmed
        let fallbackID = oaiIdentifier.hasPrefix("oai:arXiv.org:") ? String(oaiIdentifier.dropFirst(14)) : ""
        guard let idText = rawID.nonEmpty ?? fallbackID.nonEmpty else { return skip("no arXiv id") }
        guard let arxiv = ArxivID(parsing: idText) else { return skip("\"\(idText)\" is not an arXiv id") }
        let title = self.title.collapsingWhitespace
        guard !title.isEmpty else { return skip("no title") }
        switch format {
        case .arXiv:
            return .paper(paper(
                arxiv, title: title, authors: authors, categories: categories.split(separator: " ").map(String.init),
                published: DateParsing.iso8601(created), updated: DateParsing.iso8601(updated)
            ))
        case .arXivRaw:
            let version = versionLabels.last.flatMap { Int($0.dropFirst()) } ?? versionDates.count
            return .paper(paper(
                arxiv, version: version > 0 ? version : nil, title: title, authors: splitAuthorList(authorList),
                categories: categories.split(whereSeparator: \.isWhitespace).map(String.init),
                published: versionDates.first.flatMap(DateParsing.rfc2822),
                updated: versionDates.count > 1 ? versionDates.last.flatMap(DateParsing.rfc2822) : nil
            ))
        case .dublinCore:
            // oai_dc has only subject names ("Quantum Physics"), so the set (archive) stands in.
            let archives = setSpecs.compactMap { $0.split(separator: ":").last.map(String.init) }
            return .paper(paper(
                arxiv, title: title, authors: authors, categories: archives,
                published: dcDates.first.flatMap(DateParsing.iso8601),
                updated: dcDates.count > 1 ? dcDates.last.flatMap(DateParsing.iso8601) : nil
            ))
        }
    }

    private func paper(
        _ arxiv: ArxivID, version: Int? = nil, title: String, authors: [String], categories: [String],
        published: Date?, updated: Date?
    ) -> Paper {
        var doi = self.doi
        var journalRef = self.journalRef
        var abstract = self.abstract
        if format == .dublinCore {
            doi = dcIdentifiers.first { $0.lowercased().hasPrefix("doi:") }.map { String($0.dropFirst(4)) } ?? ""
            journalRef = dcIdentifiers.first {
                !$0.lowercased().hasPrefix("doi:") && !$0.lowercased().hasPrefix("http")
            } ?? ""
            abstract = dcDescriptions.first { !$0.trimmed.hasPrefix("Comment:") } ?? ""
        }
        return Paper(
            id: PaperID(arxiv),
            version: version ?? arxiv.version,
            title: title,
            abstract: abstract.collapsingWhitespace,
            authors: authors.filter { !$0.isEmpty }.map { Author(name: $0) },
            categories: categories,
            publishedAt: published,
            updatedAt: updated,
            // arXivRaw lists every DOI (article, erratum) separated by spaces; the first is the article's.
            doi: doi.split(whereSeparator: \.isWhitespace).first.map(String.init),
            journalRef: journalRef.nonEmpty?.collapsingWhitespace,
            source: .oaiPMH
        )
    }

    /// Dublin Core writes creators `Last, First` (or `Last, Jr., First`); people read `First Last Jr.`.
    static func displayName(creator: String) -> String {
        let parts = creator.collapsingWhitespace.components(separatedBy: ", ")
        switch parts.count {
        case 2: return "\(parts[1]) \(parts[0])"
        case 3: return "\(parts[2]) \(parts[0]) \(parts[1])"
        default: return parts.joined(separator: ", ")
        }
    }
}
