import Foundation
import PaperCore

/// A posted `.bib` or CSL-JSON bibliography (a file or pasted text) imported into one collection:
/// a collection page's import form and the for-you page's. Imports are counted per owner like
/// submissions, since each reference can cost a search.
struct BibliographyUpload: Sendable {
    let repository: any PaperRepository
    let library: any LibraryStore
    let limiter: RateLimiter
    let limits: RateLimits
    let clock: any WallClock

    /// Imports the form's `file` (else its `text`) into `collection`: a 429 over the hourly
    /// limit, a 400 when the form holds neither.
    func run(_ form: FormFields, into collection: PaperCollection) async throws -> BibliographyImportReport {
        guard limiter.allow("import:\(collection.ownerID)", limits.submissionRule) else {
            throw RequestError.tooManyRequests("Too many imports this hour; try again later.")
        }
        let text = form["file"].flatMap { $0.isEmpty ? nil : $0 } ?? form["text"] ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RequestError.badRequest("Choose a .bib or CSL-JSON file, or paste one, to import.")
        }
        return try await BibliographyImport(repository: repository, library: library).run(text, into: collection.id, now: clock.now())
    }
}
