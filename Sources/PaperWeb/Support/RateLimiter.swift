import Foundation
import Synchronization

/// Counts events per key in a sliding window and says when a key has had too many: the guard
/// on log-in, sign-up, password reset and commenting. Counts are per node, in memory.
final class RateLimiter: Sendable {
    struct Rule: Sendable {
        var limit: Int
        var window: Duration
    }

    private let events = Mutex<[String: [ContinuousClock.Instant]]>([:])

    /// Whether `key` may act under `rule`; records the attempt when it may and `record` is set.
    func allow(_ key: String, _ rule: Rule, record: Bool = true) -> Bool {
        let now = ContinuousClock.now
        return events.withLock { events in
            var times = events[key, default: []].filter { now - $0 < rule.window }
            let allowed = times.count < rule.limit
            if allowed && record { times.append(now) }
            events[key] = times.isEmpty ? nil : times
            if events.count > 50_000 { events.removeAll() }
            return allowed
        }
    }

    /// Records an event (a failed log-in) without asking.
    func record(_ key: String, _ rule: Rule) {
        _ = allow(key, rule, record: true)
    }

    /// Forgets a key (a successful log-in clears its failures).
    func reset(_ key: String) {
        events.withLock { _ = $0.removeValue(forKey: key) }
    }
}

/// The limits PaperFeed applies.
public struct RateLimits: Sendable {
    /// Failed log-ins per address and per account name.
    public var failedLogins = 10
    public var signUps = 20
    public var passwordResets = 5
    /// Subscriptions per address and hour (each sends a confirmation email).
    public var subscriptions = 5
    public var comments = 10
    public init() {}

    var failedLoginRule: RateLimiter.Rule { .init(limit: failedLogins, window: .seconds(60)) }
    var signUpRule: RateLimiter.Rule { .init(limit: signUps, window: .seconds(3600)) }
    var passwordResetRule: RateLimiter.Rule { .init(limit: passwordResets, window: .seconds(3600)) }
    var subscriptionRule: RateLimiter.Rule { .init(limit: subscriptions, window: .seconds(3600)) }
    var commentRule: RateLimiter.Rule { .init(limit: comments, window: .seconds(60)) }
}
