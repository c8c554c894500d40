import Foundation
import Synchronization

/// Counts events per key in a sliding window and says when a key has had too many: the guard
/// on log-in, sign-up, password reset, submitting and commenting. Counts are per node, in memory.
///
/// Bounded: past `maxKeys` keys, those whose events have all left the longest window seen are
/// dropped first, then the least recently used, an eighth at a time, so a flood of new keys
/// (many addresses) never makes it forget every counter at once.
final class RateLimiter: Sendable {
    struct Rule: Sendable {
        var limit: Int
        var window: Duration
    }

    private struct Key {
        var times: [ContinuousClock.Instant]
        var lastUsed: ContinuousClock.Instant
    }

    private struct State {
        var keys: [String: Key] = [:]
        var longestWindow: Duration = .zero
    }

    private let state = Mutex(State())
    let maxKeys: Int

    init(maxKeys: Int = 50_000) {
        self.maxKeys = maxKeys
    }

    /// The number of keys held now.
    var count: Int { state.withLock { $0.keys.count } }

    /// Whether `key` may act under `rule`; an attempt it may make is counted.
    func allow(_ key: String, _ rule: Rule) -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state in
            state.longestWindow = max(state.longestWindow, rule.window)
            var times = state.keys[key]?.times.filter { now - $0 < rule.window } ?? []
            let allowed = times.count < rule.limit
            if allowed { times.append(now) }
            if times.isEmpty {
                state.keys[key] = nil
            } else {
                if state.keys[key] == nil, state.keys.count >= maxKeys { Self.makeRoom(in: &state, now: now, keeping: maxKeys * 7 / 8) }
                state.keys[key] = Key(times: times, lastUsed: now)
            }
            return allowed
        }
    }

    /// Forgets a key (a successful log-in clears its failures).
    func reset(_ key: String) {
        state.withLock { _ = $0.keys.removeValue(forKey: key) }
    }

    private static func makeRoom(in state: inout State, now: ContinuousClock.Instant, keeping target: Int) {
        let window = state.longestWindow
        state.keys = state.keys.filter { _, key in key.times.contains { now - $0 < window } }
        guard state.keys.count > target else { return }
        let oldest = state.keys.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(state.keys.count - target)
        for (key, _) in oldest { state.keys[key] = nil }
    }
}

/// The limits PaperFeed applies.
public struct RateLimits: Sendable {
    /// Log-in attempts a minute for one account from one address (a success clears them).
    public var failedLogins = 10
    /// Log-in attempts a minute from one address, whatever the accounts.
    public var loginsPerAddress = 30
    /// Log-in attempts a minute for one account from anywhere: high, since reaching it keeps the
    /// owner out until it passes (or until they reset their password).
    public var loginsPerAccount = 100
    /// Papers one account may submit an hour (each may cost an arXiv look-up).
    public var submissions = 20
    public var signUps = 20
    public var passwordResets = 5
    /// Subscriptions per address and hour (each sends a confirmation email).
    public var subscriptions = 5
    public var comments = 10
    /// The window of the three log-in limits above: a minute. (Tests on a busy machine, where ten
    /// attempts can take longer than that, lengthen it.)
    public var loginWindow: Duration = .seconds(60)
    public init() {}

    var failedLoginRule: RateLimiter.Rule { .init(limit: failedLogins, window: loginWindow) }
    var loginsPerAddressRule: RateLimiter.Rule { .init(limit: loginsPerAddress, window: loginWindow) }
    var loginsPerAccountRule: RateLimiter.Rule { .init(limit: loginsPerAccount, window: loginWindow) }
    var submissionRule: RateLimiter.Rule { .init(limit: submissions, window: .seconds(3600)) }
    var signUpRule: RateLimiter.Rule { .init(limit: signUps, window: .seconds(3600)) }
    var passwordResetRule: RateLimiter.Rule { .init(limit: passwordResets, window: .seconds(3600)) }
    var subscriptionRule: RateLimiter.Rule { .init(limit: subscriptions, window: .seconds(3600)) }
    var commentRule: RateLimiter.Rule { .init(limit: comments, window: .seconds(60)) }
}
