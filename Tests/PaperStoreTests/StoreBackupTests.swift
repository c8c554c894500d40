import Foundation
@testable import PaperStore
import Testing
import TestSupport

/// `DatabaseBackup` on SQLite: what it refuses to restore, and that a refusal leaves the
/// database as it was and no partial file beside it.
@Suite struct StoreBackupTests {
    @Test func aBackupFromANewerPaperFeedIsRefused() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("papers.sqlite").path
        let file = folder.appendingPathComponent("backup.sqlite").path
        try await PaperDatabases.withStore(database) { _ = try await $0.upsert([makePaper("2601.00001", title: "Kept")]) }
        let report = try await DatabaseBackup.backup(database, to: file, replacing: false)
        #expect(report.counts.papers == 1)
        #expect(report.schemaVersion == allMigrations.map(\.number).max())

        let newer = (allMigrations.map(\.number).max() ?? 0) + 1
        try await SQLiteFile.withConnection(file, busyTimeout: 1_000) { db in
            try await db.insert(into: "schema_migrations").columns("number", "name").values(newer, "from the future").run()
        }
        let target = folder.appendingPathComponent("restored.sqlite").path
        await #expect {
            try await DatabaseBackup.restore(file, to: target, replacing: true)
        } throws: { "\($0)".contains("has schema version \(newer), newer than this paperfeed knows") }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func anSQLiteFileOfAnotherProgramIsNotRestored() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.sqlite").path
        try await SQLiteFile.withConnection(other, busyTimeout: 1_000) { db in
            try await db.raw("CREATE TABLE notes (text TEXT)").run()
        }
        let target = folder.appendingPathComponent("papers.sqlite").path
        await #expect {
            try await DatabaseBackup.restore(other, to: target, replacing: true)
        } throws: { "\($0)".contains("other.sqlite is not a PaperFeed database: it has no schema_migrations table") }
        await #expect {
            try await DatabaseBackup.backup(other, to: target, replacing: true)
        } throws: { "\($0)".contains("is not a PaperFeed database") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["other.sqlite"])
    }

    @Test func aDatabaseThatIsOpenIsNotReplaced() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("papers.sqlite").path
        let file = folder.appendingPathComponent("backup.sqlite").path
        let store = try await PaperDatabases.openSQLite(path: database)
        do {
            _ = try await store.upsert([makePaper("2601.00001", title: "Open")])
            _ = try await DatabaseBackup.backup(database, to: file, replacing: false)
            await #expect {
                try await DatabaseBackup.restore(file, to: database, replacing: true)
            } throws: { "\($0)".contains("is open in another process") }
            #expect(try await store.paper(.init(rawValue: "2601.00001"))?.title == "Open")
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
        let restored = try await DatabaseBackup.restore(file, to: database, replacing: true)
        #expect(restored.counts.papers == 1)
    }
}
