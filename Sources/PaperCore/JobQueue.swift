import Foundation

/// Background work that must run once however many nodes are up: jobs are claimed with a
/// lease, and a job whose node died is claimed again when its lease runs out.
///
/// A claimed `Job` is the claim itself: it names the node holding it and the attempt it is
/// (`attempts` grows with every claim). Renewing, completing and releasing act only while that
/// claim still holds, i.e. nobody claimed the job since; a node whose lease ran out and was
/// taken over gets `false` and changes nothing. A node renews its lease while it works
/// (`LeaseRenewal`) so that a long job is not taken from it while it is alive.
public protocol JobQueue: Sendable {
    /// Adds a job unless one of the same kind and key is already waiting or running; a job of
    /// that key finished before `now` is queued again, one finished since stays done (a run
    /// that started alongside did it).
    func enqueue(kind: String, key: String, payload: String, now: Date) async throws

    /// Takes the oldest waiting job of `kind` (or one whose lease expired), leased to `node`
    /// until `now + lease`; `nil` when there is none. Two callers never get the same job.
    func claim(kind: String, node: String, lease: Duration, now: Date) async throws -> Job?

    /// Extends the lease of a claimed job to `now + lease`. `false` when the claim no longer
    /// holds (another node claimed the job after the lease ran out, or it was completed or
    /// released): the caller must stop working on it.
    func renew(_ job: Job, lease: Duration, now: Date) async throws -> Bool

    /// Marks a claimed job done; `false` (and nothing changes) when the claim no longer holds.
    @discardableResult
    func complete(_ job: Job, now: Date) async throws -> Bool

    /// The jobs of `kind` being worked on now, with the nodes working on them.
    func runningJobs(kind: String) async throws -> [Job]

    /// Returns a claimed job (one of `runningJobs` too) to the queue, to be claimed again after
    /// `retryAt`; `false` (and nothing changes) when the claim no longer holds.
    @discardableResult
    func release(_ job: Job, retryAt: Date, error: String) async throws -> Bool

    /// Deletes the jobs of `kind` finished before `before`, for work keyed by time that never
    /// comes again (a harvest turn of a past interval); returns how many went. Jobs that may be
    /// queued again must stay: their finish time is what keeps a repeat from running twice.
    @discardableResult
    func removeFinished(kind: String, before: Date) async throws -> Int
}

/// This process among the nodes that share one job queue.
public enum JobNode {
    /// `host:pid`, unique among the nodes of one deployment: the holder named in its leases.
    public static var current: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

/// A unit of background work.
public struct Job: Hashable, Sendable {
    public var id: Int
    public var kind: String
    public var key: String
    public var payload: String
    /// How many times the job was claimed; with `node`, which claim this is.
    public var attempts: Int
    /// The node holding the job, for a claimed or running one.
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

/// Thrown by `LeaseRenewal.run` when the work's lease was lost: another node may be doing the
/// work now, so this node stopped it.
public struct LeaseLost: Error, Hashable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "the lease ran out and another node may hold the work now" }
}

/// Keeps a lease (on a job, a digest delivery) while the work it covers runs.
public enum LeaseRenewal {
    /// Runs `work` while a child task calls `renew` every `interval` (a third of the lease is
    /// usual). When `renew` answers `false`, or keeps failing for longer than `lease`, the work
    /// is cancelled and `LeaseLost` thrown; when the work ends, renewing stops.
    public static func run<T: Sendable>(
        renewingEvery interval: Duration, lease: Duration, renew: @escaping @Sendable () async throws -> Bool,
        _ work: @Sendable () async throws -> T
    ) async throws -> T {
        try await withoutActuallyEscaping(work) { work in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await keep(renewingEvery: interval, lease: lease, renew: renew)
                    return nil
                }
                defer { group.cancelAll() }
                // Only the renewing task can end without a value, and only by losing the lease.
                guard let first = try await group.next(), let value = first else { throw LeaseLost() }
                return value
            }
        }
    }

    /// Renews until cancelled; throws `LeaseLost` when the lease is gone.
    private static func keep(renewingEvery interval: Duration, lease: Duration,
                             renew: @Sendable () async throws -> Bool) async throws {
        let clock = ContinuousClock()
        let interval = max(interval, .milliseconds(10))
        var renewed = clock.now
        while true {
            try await Task.sleep(for: interval)
            do {
                guard try await renew() else { throw LeaseLost() }
                renewed = clock.now
            } catch is LeaseLost {
                throw LeaseLost()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A database that is briefly away: the lease still holds until it runs out.
                if clock.now - renewed >= lease { throw LeaseLost() }
            }
        }
    }
}
