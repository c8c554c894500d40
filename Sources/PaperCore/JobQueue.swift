import Foundation

/// Background work that must run once however many nodes are up: jobs are claimed with a
/// lease, and a job whose node died is claimed again when its lease runs out.
public protocol JobQueue: Sendable {
    /// Adds a job unless one of the same kind and key is already waiting or running; a job of
    /// that key finished before `now` is queued again, one finished since stays done (a run
    /// that started alongside did it).
    func enqueue(kind: String, key: String, payload: String, now: Date) async throws

    /// Takes the oldest waiting job of `kind` (or one whose lease expired), leased to `node`
    /// until `now + lease`; `nil` when there is none. Two callers never get the same job.
    func claim(kind: String, node: String, lease: Duration, now: Date) async throws -> Job?

    /// Marks a claimed job done.
    func complete(_ job: Job, now: Date) async throws

    /// The jobs of `kind` being worked on now, with the nodes working on them.
    func runningJobs(kind: String) async throws -> [Job]

    /// Returns a claimed job to the queue, to be claimed again after `retryAt`.
    func release(_ job: Job, retryAt: Date, error: String) async throws
}

/// A unit of background work.
public struct Job: Hashable, Sendable {
    public var id: Int
    public var kind: String
    public var key: String
    public var payload: String
    public var attempts: Int
    public var node: String?

    public init(id: Int, kind: String, key: String, payload: String, attempts: Int, node: String?) {
        self.id = id
        self.kind = kind
        self.key = key
        self.payload = payload
        self.attempts = attempts
        self.node = node
    }
}
