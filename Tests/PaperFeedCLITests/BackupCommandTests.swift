import Foundation
import PaperCore
import PaperStore
import Synchronization
import Testing
import TestSupport

/// `paperfeed backup` and `restore`: a backup taken while `serve` has the database open and
/// another process keeps writing is one consistent snapshot, and restores with the same counts.
@Suite(.hangGuard) struct BackupCommandTests {
    /// Papers per write transaction of the writer.
    static let batch = 25

    @Test func aBackupUnderConcurrentWritesIsOneSnapshotAndRestoresWithTheSameCounts() async throws {
        var cli = CLI()
        cli.environment = ["PAPERFEED_DEMO": "false", "PAPERFEED_MODEL_DIR": "/nonexistent"]
        defer { cli.removeDatabase() }
        let folder = URL(fileURLWithPath: cli.database).deletingLastPathComponent()
        let file = folder.appendingPathComponent("backups/papers-backup.sqlite").path
        let restored = folder.appendingPathComponent("restored/papers.sqlite").path

        let writer = Writer(database: cli.database)
        try await writer.writeBatch(0)  // creates and migrates the database before serve opens it
        let server = try cli.start(["serve", "--port", "0"])
        defer { server.terminate() }
        _ = try await ServerOutput.baseURL(of: server)

        let stop = StopFlag()
        let writing = Task { try await writer.run(until: stop) }
        let backup = try await cli.run("backup", "--to", file)
        stop.set()
        let written = try await writing.value
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(backup.output.contains("passes SQLite's integrity check"))

        // A snapshot at one commit: whole batches only, and every paper in the full-text index.
        let snapshot = try await DatabaseBackup.inspect(file)
        #expect(backup.output.contains(snapshot.counts.description))
        #expect(snapshot.counts.papers % Self.batch == 0)
        #expect(snapshot.counts.papers <= written * Self.batch)
        #expect(snapshot.counts.vectors % Self.batch == 0 && snapshot.counts.vectors <= snapshot.counts.papers)
        #expect(snapshot.counts.users >= 1 && snapshot.counts.subscribers >= 1)

        // Not over the database serve has open, even with --force; into a new path, yes.
        let busy = try await cli.run("restore", "--from", file, "--force")
        #expect(busy.status != 0)
        #expect(busy.errors.contains("is open in another process"))
        let restore = try await cli.run("restore", "--from", file, "--db", restored)
        #expect(restore.status == 0, "\(restore.errors)")
        #expect(restore.output.contains(snapshot.counts.description))
        #expect(try await DatabaseBackup.inspect(restored).counts == snapshot.counts)
        let indexed = try await PaperDatabases.withStore(restored) { store in
            try await store.search(SearchQuery(text: .words("ledger", field: nil, prefix: false)), limit: 1, offset: 0).total
        }
        #expect(indexed == snapshot.counts.papers)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("backups").path)
            == ["papers-backup.sqlite"], "no partial file is left behind")
    }

    @Test func refusalsSayWhyAndChangeNothing() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        try await Writer(database: cli.database).writeBatch(0)
        let folder = URL(fileURLWithPath: cli.database).deletingLastPathComponent()
        let file = folder.appendingPathComponent("backup.sqlite").path
        #expect(try await cli.run("backup", "--to", file).status == 0)
        let backedUp = try Data(contentsOf: URL(fileURLWithPath: file))

        let again = try await cli.run("backup", "--to", file)
        #expect(again.status != 0)
        #expect(again.errors.contains("\(file) exists already; pass --force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == backedUp)
        #expect(try await cli.run("backup", "--to", file, "--force").status == 0)

        let missing = try await cli.run("restore", "--from", folder.appendingPathComponent("none.sqlite").path)
        #expect(missing.status != 0)
        #expect(missing.errors.contains("none.sqlite: no such file"))

        let text = folder.appendingPathComponent("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: text)
        let foreign = try await cli.run("restore", "--from", text.path, "--force")
        #expect(foreign.status != 0)
        #expect(foreign.errors.contains("is not a PaperFeed database"))

        let occupied = try await cli.run("restore", "--from", file)
        #expect(occupied.status != 0)
        #expect(occupied.errors.contains("holds 25 papers, 1 user, 25 vectors, 1 subscriber"))
        #expect(occupied.errors.contains("pass --force"))
        #expect(try await DatabaseBackup.inspect(cli.database).counts.papers == Self.batch)
        #expect(try await cli.run("restore", "--from", file, "--force").status == 0)

        let missingDatabase = try await cli.run("backup", "--to", file, "--force", "--db", folder.appendingPathComponent("no.sqlite").path)
        #expect(missingDatabase.status != 0)
        #expect(missingDatabase.errors.contains("no.sqlite: no such file"))
    }

    @Test func onPostgreSQLItSaysWhatToRunWithoutThePassword() async throws {
        let cli = CLI()
        let url = "postgres://ada:s3cret@db.example:5433/papers"
        let backup = try await cli.run("backup", "--to", "/srv/backups/papers.dump", "--db", url)
        #expect(backup.status != 0)
        #expect(backup.errors.contains(
            "pg_dump --format=custom --host=db.example --port=5433 --username=ada --dbname=papers --file=/srv/backups/papers.dump"))
        let restore = try await cli.run("restore", "--from", "/srv/backups/papers.dump", "--db", url)
        #expect(restore.status != 0)
        #expect(restore.errors.contains(
            "pg_restore --clean --if-exists --no-owner --host=db.example --port=5433 --username=ada --dbname=papers /srv/backups/papers.dump"))
        #expect(!(backup.errors + restore.errors).contains("s3cret"))
    }
}

/// Writes papers in transactions of `BackupCommandTests.batch`, each followed by their vectors
/// (a transaction of its own), with an account and a subscriber every few batches.
private struct Writer: Sendable {
    let database: String

    /// Writes batches after the first until `stop`; returns how many batches there are in all.
    func run(until stop: StopFlag) async throws -> Int {
        try await PaperDatabases.withStore(database) { store in
            var batches = 1
            while !stop.isSet {
                try await write(batches, to: store)
                batches += 1
            }
            return batches
        }
    }

    func writeBatch(_ number: Int) async throws {
        try await PaperDatabases.withStore(database) { try await write(number, to: $0) }
    }

    private func write(_ number: Int, to store: any PaperDatabase) async throws {
        let papers = (0..<BackupCommandTests.batch).map { index in
            let serial = number * BackupCommandTests.batch + index + 1
            return Paper(id: PaperID(rawValue: String(format: "2601.%05d", serial)), title: "Backup ledger paper \(serial)",
                         abstract: "A paper written while a backup runs.", authors: [Author(name: "Ada Lovelace")],
                         categories: ["cs.DB"], source: .snapshot)
        }
        _ = try await store.upsert(papers)
        try await store.storeVectors(papers.map { PaperVector(id: $0.id, vector: [1, 0, 0]) }, model: "test-model")
        if number % 4 == 0 {
            _ = try await store.createUser(name: "writer\(number)", email: "writer\(number)@example.org", passwordHash: "h",
                                           isAdmin: false, now: Date())
            _ = try await store.subscribe(email: "reader\(number)@example.org", frequency: .daily, userID: nil, confirmed: true,
                                          token: UUID().uuidString, now: Date())
        }
    }
}

/// Tells a task in a loop to stop after its current step.
private final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
