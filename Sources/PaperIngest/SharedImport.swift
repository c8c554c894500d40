import Foundation
import PaperCore

/// An import that any number of nodes can run on the same files at once: every file is a job
/// in the store's queue, claimed by one node, so each file is read once in all. Runs started
/// on the same set of files share their jobs; a file another run finished after this one began
/// is not read again, while a later run reads everything again (imports are idempotent).
public struct SharedImport: Sendable {
    public let importer: Importer
    public let jobs: any JobQueue
    /// This process's name in the queue, `host:pid` (as `EmbeddingService.defaultNodeName`).
    public let node: String
    /// How long a claimed file is this node's before another node may take it (a node that
    /// died mid-file loses it after this).
    public let lease: Duration

    public init(importer: Importer, jobs: any JobQueue, node: String, lease: Duration = .seconds(1800)) {
        self.importer = importer
        self.jobs = jobs
        self.node = node
        self.lease = lease
    }

    /// Imports the files `paths` name (folders: the files in them), the ones this node claims.
    public func run(paths: [String], format: ImportFormat? = nil,
                    progress: @Sendable (ImportReport) -> Void = { _ in }) async throws -> ImportReport {
        let started = Date()
        let files = try Importer.files(in: paths)
        let kind = Self.kind(for: files.map(\.url.path))
        for (file, named) in files {
            try await jobs.enqueue(kind: kind, key: file.path, payload: named ? "named" : "", now: started)
        }
        try await releaseFilesOfDeadLocalRuns(kind: kind)
        var report = ImportReport()
        while let job = try await jobs.claim(kind: kind, node: node, lease: lease, now: Date()) {
            do {
                try await importer.importOne(URL(fileURLWithPath: job.key), named: job.payload == "named", format: format,
                                             into: &report, progress: progress)
            } catch {
                try? await jobs.release(job, retryAt: Date(), error: "\(error)")
                throw error
            }
            try await jobs.complete(job, now: Date())
        }
        return report
    }

    /// A run killed on this machine (Ctrl-C twice, SIGKILL, a crash) leaves its file leased; when
    /// its process is gone, the file is taken back at once instead of after the lease.
    private func releaseFilesOfDeadLocalRuns(kind: String) async throws {
        let host = ProcessInfo.processInfo.hostName + ":"
        for job in try await jobs.runningJobs(kind: kind) {
            guard let node = job.node, node.hasPrefix(host), node != self.node,
                  let pid = Int32(node.dropFirst(host.count)), kill(pid, 0) == -1, errno == ESRCH else { continue }
            try await jobs.release(job, retryAt: Date(), error: "process \(pid) on this machine ended mid-file")
        }
    }

    /// One queue per set of files: runs over other files never take these.
    static func kind(for paths: [String]) -> String {
        "import/" + String(fnv1a64(paths.sorted().joined(separator: "\n")), radix: 16)
    }
}
