import ArgumentParser
import PaperCore
import PaperStore

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole instance from one database to another, e.g. SQLite to PostgreSQL.",
        discussion: """
            Copies papers and vectors, then accounts, sessions, votes, comments, authorship claims, submissions, \
            moderation, subscribers and the digest outbox (so no digest goes out twice after the move), collections, \
            "not interested" marks and API tokens. \
            Safe to run again: papers are upserted and rows already there are kept, so an interrupted copy resumes \
            without duplicates.
            """)

    @Option(help: "The database to read: an SQLite file or a postgres:// URL.")
    var from: String

    @Option(help: "The database to write: an SQLite file or a postgres:// URL.")
    var to: String

    @Option(help: "The embedding model whose vectors to copy too.")
    var model = "sentence-transformers/all-MiniLM-L6-v2"

    func run() async throws {
        try await StoreOptions.withStore(from) { source in
            try await StoreOptions.withStore(to) { target in
                try await copy(from: source, to: target)
            }
        }
    }

    private func copy(from source: any PaperDatabase, to target: any PaperDatabase) async throws {
        let total = try await source.statistics().papers
        let progress = ProgressLine()
        var copied = 0
        var cursor: PaperID?
        while case let page = try await source.storedPapers(after: cursor, limit: 2_000), let last = page.last {
            _ = try await target.upsert(page)
            copied += page.count
            cursor = last.id
            progress.show("\(copied.formatted()) of \(total.formatted()) papers")
        }
        var vectors = 0
        var vectorCursor: PaperID?
        while case let page = try await source.vectors(model: model, after: vectorCursor, limit: 2_000), let last = page.last {
            try await target.storeVectors(page, model: model)
            vectors += page.count
            vectorCursor = last.id
            progress.show("\(vectors.formatted()) vectors")
        }
        progress.show("accounts, votes, comments and subscribers")
        let community = try await CommunityCopy.run(from: source, to: target)
        progress.finish()
        print("Copied \(copied.formatted()) papers and \(vectors.formatted()) vectors in \(String(format: "%.1f", progress.elapsed.seconds)) s.")
        print("Copied \(community["users", default: 0]) accounts, \(community["votes", default: 0]) votes, "
              + "\(community["comments", default: 0]) comments and \(community["subscribers", default: 0]) subscribers.")
        print("From: \(source.summary)")
        print("To:   \(target.summary)")
    }
}
