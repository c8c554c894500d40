import Foundation

/// What importing a bibliography into a collection did: "matched N, already there M, not found K".
public struct BibliographyImportReport: Hashable, Sendable {
    /// Papers added to the collection.
    public var added: [PaperID] = []
    /// References to papers the collection holds already (or that the file names twice).
    public var alreadyThere = 0
    /// References no stored paper matches: their titles (or keys).
    public var notFound: [String] = []
    /// Entries that could not be read, with why.
    public var malformed: [String] = []

    public init() {}

    /// "Matched 3, already there 1, not found 2."
    public var summary: String {
        "Matched \(added.count + alreadyThere) (added \(added.count), already there \(alreadyThere)), not found \(notFound.count)"
            + (malformed.isEmpty ? "." : ", unreadable \(malformed.count).")
    }
}

/// Seeds a collection from a `.bib` or CSL-JSON file: each reference is matched to a stored
/// paper by arXiv id, then DOI, then exact title (compared without case, accents, punctuation
/// and TeX), and appended unless the collection has it.
public struct BibliographyImport: Sendable {
    public let repository: any PaperRepository
    public let library: any LibraryStore

    /// Most references matched from one file (each may cost a search).
    public static let maxReferences = 2_000

    public init(repository: any PaperRepository, library: any LibraryStore) {
        self.repository = repository
        self.library = library
    }

    public func run(_ text: String, into collectionID: Int, now: Date) async throws -> BibliographyImportReport {
        let read = BibliographyReader.read(text)
        var report = BibliographyImportReport()
        report.malformed = read.malformed
        var present = Set(try await library.items(collectionID: collectionID).map(\.paperID))
        for reference in read.references.prefix(Self.maxReferences) {
            guard let paper = try await match(reference) else {
                report.notFound.append(reference.title ?? reference.key)
                continue
            }
            if present.contains(paper.id) {
                report.alreadyThere += 1
                continue
            }
            do {
                _ = try await library.addItem(collectionID: collectionID, paper: paper.id, note: nil, now: now)
                report.added.append(paper.id)
            } catch LibraryError.alreadyInCollection {
                report.alreadyThere += 1
            } catch LibraryError.collectionFull {
                report.malformed.append(LibraryError.collectionFull.description)
                break
            }
            present.insert(paper.id)
        }
        if read.references.count > Self.maxReferences {
            report.malformed.append("only the first \(Self.maxReferences) references were matched")
        }
        return report
    }

    /// The stored paper a reference names, if any.
    public func match(_ reference: ImportedReference) async throws -> Paper? {
        if let arxiv = reference.arxiv, let paper = try await repository.paper(PaperID(arxiv)) { return paper }
        if let doi = reference.doi, let paper = try await repository.paper(doi: doi) { return paper }
        guard let title = reference.title else { return nil }
        let key = BibliographyText.titleKey(title)
        let words = key.split(separator: " ").map(String.init)
            .filter { $0.count > 1 && !EnglishStopWords.words.contains($0) }
        guard !words.isEmpty else { return nil }
        let query = SearchQuery(text: .all(words.prefix(12).map { .words($0, field: .title, prefix: false) }))
        let hits = try await repository.search(query, limit: 20, offset: 0).hits
        return hits.first { BibliographyText.titleKey($0.paper.title) == key }?.paper
    }
}
