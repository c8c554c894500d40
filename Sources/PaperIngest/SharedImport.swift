import Foundation
import PaperCore

/// An import that any number of nodes can run on the same files at once: every file is a job
/// in the store's queue, claimed by one node, so each file is read once in all. Runs started
/// on the same set of files share their jobs; a file another run finished after this one began
/// is not read again, while a later run reads everything again (imports are idempotent).
/// A file's lease is renewed every third of the lease while it is read, so a file that takes
/// longer than the lease stays this node's; a node that lost it anyway (it stalled past the
/// lease and another node took the file) stops reading it and leaves it to that node.
public struct SharedImport: Sendable {
    public let importer: Importer
    public let jobs: any JobQueue
    /// This process's name in the queue, `host:pid` (`JobNode.current`).
    public let node: String
    /// How long a claimed file is this node's before another node may take it (a node that
    /// died mid-file loses it after this).
    public let lease: Duration
    /// Where the times given to the queue come from.
    public let clock: any WallClock
    /// Told when a file's lease passed to another node (standard error by default).
    public let warn: @Sendable (String) -> Void

    public init(importer: Importer, jobs: any JobQueue, node: String, lease: Duration = .seconds(1800),
                clock: any WallClock = SystemClock(),
                warn: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.importer = importer
        self.jobs = jobs
        self.node = node
        self.lease = lease
        self.clock = clock
        self.warn = warn
    }

    /// Imports the files `paths` name (folders: the files in them), the ones this node claims.
    public func run(paths: [String], format: ImportFormat? = nil,
                    progress: @Sendable (ImportReport) -> Void = { _ in }) async throws -> ImportReport {
        let started = clock.now()
        let files = try Importer.files(in: paths)
        let kind = Self.kind(for: files.map(\.url.path))
        for (file, named) in files {
            try await jobs.enqueue(kind: kind, key: file.path, payload: named ? "named" : "", now: started)
        }
        try await releaseFilesOfDeadLocalRuns(kind: kind)
        var report = ImportReport()
        while let job = try await jobs.claim(kind: kind, node: node, lease: lease, now: clock.now()) {
            let before = report
            do {
                report = try await LeaseRenewal.run(renewingEvery: lease / 3, lease: lease, renew: renewal(of: job)) {
                    var report = before
                    try await importer.importOne(URL(fileURLWithPath: job.key), named: job.payload == "named", format: format,
                                                 into: &report, progress: progress)
                    return report
                }
            } catch is LeaseLost {
                // What was read of the file is stored (imports are idempotent); its new holder reads it all.
                warn("\(job.key): stopped reading, the file's lease passed to another node")
                continue
            } catch {
                _ = try? await jobs.release(job, retryAt: clock.now(), error: "\(error)")
                throw error
            }
            if try await !jobs.complete(job, now: clock.now()) {
                warn("\(job.key): read, but its lease had passed to another node, which reads it again")
            }
        }
        return report
    }

    private func renewal(of job: Job) -> @Sendable () async throws -> Bool {
        let (jobs, lease, clock) = (jobs, lease, clock)
        return { try await jobs.renew(job, lease: lease, now: clock.now()) }
    }

    /// A run killed on this machine (Ctrl-C twice, SIGKILL, a crash) leaves its file leased; when
    /// its process is gone, the file is taken back at once instead of after the lease.
    private func releaseFilesOfDeadLocalRuns(kind: String) async throws {
        let host = ProcessInfo.processInfo.hostName + ":"
        for job in try await jobs.runningJobs(kind: kind) {
            guard let node = job.node, node.hasPrefix(host), node != self.node,
                  let pid = Int32(node.dropFirst(host.count)), kill(pid, 0) == -1, errno == ESRCH else { continue }
            try await jobs.release(job, retryAt: clock.now(), error: "process \(pid) on this machine ended mid-file")
        }
    }

    /// One queue per set of files: runs over other files never take these.
    static func kind(for paths: [String]) -> String {
        "import/" + String(fnv1a64(paths.sorted().joined(separator: "\n")), radix: 16)
    }
}
