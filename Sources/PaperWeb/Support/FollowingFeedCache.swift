import Foundation
import PaperCore
import Synchronization

/// The papers of each user's private `following` feed, kept for a short time so that a feed
/// reader polling it does not cost one `author:` search per followed author (up to 200) each
/// time. An entry holds for one version of the user's follows (`FollowsVersion`): a follow or an
/// unfollow makes a new version, so the next request searches again at once.
///
/// Bounded: at most `maxUsers` entries; when full, expired entries go first, then the oldest.
///
/// Concurrency: one mutex guards the table, and nothing is searched while it is held. An entry
/// is the task that finds the papers, so requests of the same user and version arriving while
/// it runs await that one task (a reader that opens several connections costs one search run).
/// A task that fails is dropped from the table (if it is still there), so the next request
/// tries again rather than being given the failure for the whole lifetime.
final class FollowingFeedCache: Sendable {
    fileprivate struct Entry {
        let version: FollowsVersion
        let task: Task<[Paper], any Error>
        let expires: ContinuousClock.Instant
        /// Which insertion this is, so a failed task removes its own entry and no newer one.
        let serial: Int
    }

    fileprivate struct State {
        var entries: [Int: Entry] = [:]
        var nextSerial = 0
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let maxUsers: Int

    init(lifetime: Duration, maxUsers: Int = 1_000) {
        self.lifetime = lifetime
        self.maxUsers = maxUsers
    }

    /// How many users have an entry (for tests).
    var count: Int { state.withLock { $0.entries.count } }

    /// The user's papers for this version of their follows: the kept ones while they are fresh,
    /// else those `find` gives (kept for `lifetime`).
    func papers(userID: Int, version: FollowsVersion,
                _ find: @escaping @Sendable () async throws -> [Paper]) async throws -> [Paper] {
        guard lifetime > .zero else { return try await find() }
        let now = ContinuousClock.now
        let (task, serial): (Task<[Paper], any Error>, Int?) = state.withLock { state in
            if let entry = state.entries[userID], entry.version == version, entry.expires > now { return (entry.task, nil) }
            let serial = state.nextSerial
            state.nextSerial += 1
            let task = Task { try await find() }
            state.entries[userID] = Entry(version: version, task: task, expires: now + lifetime, serial: serial)
            state.evict(over: maxUsers, now: now)
            return (task, serial)
        }
        do {
            return try await task.value
        } catch {
            if let serial {
                state.withLock { state in
                    if state.entries[userID]?.serial == serial { state.entries[userID] = nil }
                }
            }
            throw error
        }
    }
}

extension FollowingFeedCache.State {
    /// Drops expired entries, then the oldest, until at most `limit` are left.
    fileprivate mutating func evict(over limit: Int, now: ContinuousClock.Instant) {
        guard entries.count > limit else { return }
        entries = entries.filter { $0.value.expires > now }
        for (userID, _) in entries.sorted(by: { $0.value.serial < $1.value.serial }).prefix(max(0, entries.count - limit)) {
            entries[userID] = nil
        }
    }
}

/// What a user follows, as a value that changes whenever a follow is made or removed: the ids
/// of their follows of authors and of accounts (a follow is never edited, and following again
/// makes a new id).
struct FollowsVersion: Hashable, Sendable {
    let authors: [Int]
    let accounts: [Int]

    init(authors: [FollowedAuthor], accounts: [FollowedAccount] = []) {
        self.authors = authors.map(\.id).sorted()
        self.accounts = accounts.map(\.id).sorted()
    }
}
