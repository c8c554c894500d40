import Foundation
import PaperCore
import PaperStore

/// A paper with the fields the store tests vary and plain defaults for the rest.
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

/// A category the test names; a malformed name is the test's own mistake.
func category(_ name: String) -> ArxivCategory {
    guard let category = ArxivCategory(name) else { preconditionFailure("'\(name)' is not a category") }
    return category
}

/// Two accounts, "Ada" and "bob", made at `now`.
func makeAdaAndBob(in store: any PaperDatabase, now: Date) async throws -> (User, User) {
    (try await store.createUser(name: "Ada", email: "ada@x.org", passwordHash: "h", isAdmin: false, now: now),
     try await store.createUser(name: "bob", email: "bob@x.org", passwordHash: "h", isAdmin: false, now: now))
}
