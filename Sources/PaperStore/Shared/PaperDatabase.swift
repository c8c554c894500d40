import PaperCore

/// A complete store: papers, vectors, jobs, the community and digest subscribers, harvest state, and a
/// connection to close. SQLite and PostgreSQL both are.
public protocol PaperDatabase: PaperRepository, VectorRepository, JobQueue, CommunityDatabase, HarvestStateStore, SQLAccess {
    /// Which engine and where, for start-up messages (never with a password).
    var summary: String { get }
    /// Closes the connections; the store is unusable afterwards.
    func close() async throws
    /// Up to `limit` papers in id order after `id`, hidden ones too (`papers(after:limit:)`
    /// leaves them out): for moving a whole instance, moderation included.
    func storedPapers(after id: PaperID?, limit: Int) async throws -> [Paper]
}

/// Opens the store a location names: a `postgres://` URL, else the path of an SQLite file.
public enum PaperDatabases {
    public static func open(_ location: String) async throws -> any PaperDatabase {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try await PostgresPaperStore.open(url: location)
        }
        if location.contains("://") {
            throw StoreError.cannotOpen(path: location, reason: "only postgres:// URLs and SQLite file paths are supported")
        }
        return try await SQLitePaperStore.open(path: location)
    }
}
