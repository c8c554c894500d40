import Foundation
import PaperCore
import PaperStore

/// A fresh SQLite store in its own temporary folder, removed after `body`.
func withTemporaryStore<T>(_ body: (SQLitePaperStore, String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperfeed-test-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("papers.sqlite").path
    let store = try await SQLitePaperStore.open(path: path)
    do {
        let result = try await body(store, path)
        try await store.close()
        try? FileManager.default.removeItem(at: folder)
        return result
    } catch {
        try? await store.close()
        try? FileManager.default.removeItem(at: folder)
        throw error
    }
}

func makePaper(
    _ id: String, title: String, abstract: String = "An abstract.", authors: [String] = ["Ada Lovelace"],
    categories: [String] = ["cs.LG"], version: Int? = nil, published: String? = nil, listed: String? = nil,
    upvotes: Int = 0
) -> Paper {
    Paper(id: PaperID(rawValue: id), version: version, title: title, abstract: abstract,
          authors: authors.map { Author(name: $0) }, categories: categories,
          publishedAt: published.flatMap { Day($0)?.start }, listedOn: listed.flatMap { Day($0) },
          upvotes: upvotes, source: .huggingFace)
}
