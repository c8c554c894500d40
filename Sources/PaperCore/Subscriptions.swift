import Foundation

/// How often a subscriber gets the digest.
public enum DigestFrequency: String, Hashable, Sendable, CaseIterable, Codable {
    case daily, weekly

    /// The digests that go out on `day`: the daily one, and on Mondays the weekly one too.
    public static func due(on day: Day) -> [DigestFrequency] {
        Calendar(identifier: .iso8601).component(.weekday, from: day.start) == 2 ? [.daily, .weekly] : [.daily]
    }

    /// The digest period a send on `day` belongs to: the day itself, or its ISO week.
    public func period(sending day: Day) -> Period {
        switch self {
        case .daily: .day(day)
        case .weekly: .week(containing: day)
        }
    }
}

/// An email address that asked for digests. `token` is the secret in its confirm and
/// unsubscribe links.
public struct Subscriber: Hashable, Sendable {
    public enum State: String, Sendable, CaseIterable { case pending, confirmed, unsubscribed }
    public var id: Int
    public var email: String
    public var frequency: DigestFrequency
    public var state: State
    public var token: String
    public var userID: Int?
    /// The digest lists trending papers of these categories only; all papers when empty.
    public var categories: [ArxivCategory]

    public init(id: Int, email: String, frequency: DigestFrequency, state: State, token: String, userID: Int?,
                categories: [ArxivCategory] = []) {
        self.id = id
        self.email = email
        self.frequency = frequency
        self.state = state
        self.token = token
        self.userID = userID
        self.categories = categories
    }
}

/// One digest email to one subscriber for one period: the outbox row that makes it go out once.
/// A claimed delivery is the claim itself: `node` holds it for its `attempts`-th try.
public struct DigestDelivery: Hashable, Sendable {
    public var id: Int
    public var subscriber: Subscriber
    /// The period's key, e.g. `daily/2026-11-29` or `weekly/2026-W48`.
    public var period: String
    /// How many times the delivery was claimed, this claim included.
    public var attempts: Int
    /// The node that claimed it.
    public var node: String

    public init(id: Int, subscriber: Subscriber, period: String, attempts: Int, node: String) {
        self.id = id
        self.subscriber = subscriber
        self.period = period
        self.attempts = attempts
        self.node = node
    }
}

/// Subscribers and the digest outbox.
public protocol SubscriptionStore: Sendable {
    /// Subscribes `email` to digests of `categories` (all papers when empty), pending until
    /// confirmed, or confirmed at once when `confirmed`. Subscribing again keeps the token, and
    /// changes the frequency and categories unless the subscription is confirmed and this request
    /// is not (anyone can type an address; a confirmed subscription changes only by its link).
    func subscribe(email: String, frequency: DigestFrequency, categories: [ArxivCategory], userID: Int?, confirmed: Bool,
                   token: String, now: Date) async throws -> Subscriber
    /// The subscriber whose token this is, or `nil`.
    func subscriber(token: String) async throws -> Subscriber?
    /// Sets a subscriber's state (confirm, unsubscribe) by token; `nil` when the token is unknown.
    func setSubscriberState(token: String, to state: Subscriber.State, now: Date) async throws -> Subscriber?
    /// Sets the frequency of the subscriber with this token; `nil` when the token is unknown.
    func changeFrequency(token: String, to frequency: DigestFrequency, now: Date) async throws -> Subscriber?
    /// The subscription of an account, or `nil`.
    func subscriber(userID: Int) async throws -> Subscriber?
    /// How many subscribers of `frequency` are in `state`.
    func subscriberCount(frequency: DigestFrequency, state: Subscriber.State) async throws -> Int

    /// Queues one delivery per confirmed subscriber of `frequency` for `period`; a period queued
    /// before (by this node or another) gains only subscribers who were not in it. Returns how
    /// many deliveries were added.
    func planDigest(frequency: DigestFrequency, period: String, now: Date) async throws -> Int
    /// Takes the next due delivery, leased to `node` until `now + lease`; never the same to two callers.
    func claimDelivery(node: String, lease: Duration, now: Date) async throws -> DigestDelivery?
    /// Extends the lease of a claimed delivery to `now + lease`. `false` when the claim no longer
    /// holds (its lease ran out and another node claimed it, or it was finished): the caller
    /// must not send it.
    func renewDelivery(_ delivery: DigestDelivery, lease: Duration, now: Date) async throws -> Bool
    /// Ties `items` to the delivery, for the user it goes to, so that a paper reaches a user in
    /// one digest only, ever: papers already tied to another of their deliveries are left out.
    /// Returns every item tied to this delivery, those of its earlier attempts first, so a
    /// delivery sent again (after a crash) lists what its first attempt listed. A delivery given
    /// up on (`failDelivery`) frees its items for the user's next digest.
    func reservePersonalItems(_ items: [PersonalDigestItem], for delivery: DigestDelivery, userID: Int) async throws
        -> [PersonalDigestItem]
    /// Marks a claimed delivery sent (or skipped, when its subscriber left before it went out);
    /// `false` (and nothing changes) when the claim no longer holds.
    @discardableResult
    func finishDelivery(_ delivery: DigestDelivery, sent: Bool, now: Date) async throws -> Bool
    /// Returns a claimed delivery to the outbox, to be tried again after `retryAt`; `false` (and
    /// nothing changes) when the claim no longer holds.
    @discardableResult
    func retryDelivery(_ delivery: DigestDelivery, retryAt: Date, error: String) async throws -> Bool
    /// Gives up on a claimed delivery after too many failures, freeing its personal items;
    /// `false` (and nothing changes) when the claim no longer holds.
    @discardableResult
    func failDelivery(_ delivery: DigestDelivery, error: String) async throws -> Bool
    /// How many deliveries of `period` are in each state (`queued`, `sending`, `sent`, `skipped`, `failed`).
    func deliveryCounts(period: String) async throws -> [String: Int]
    /// The periods that have deliveries not sent: `queued`, `sending` or `failed` ones, in
    /// order of their keys (daily before weekly, then oldest first), each once.
    func periodsWithUnsentDeliveries() async throws -> [String]
    /// The outbox's unfinished work over every period: deliveries waiting or being sent, and
    /// those given up on (`failed`) that an operator may want to look at.
    func deliveryBacklog() async throws -> DeliveryBacklog
}

/// The digest outbox's unfinished deliveries, for `/health` and `/metrics`.
public struct DeliveryBacklog: Hashable, Sendable, Codable {
    /// Waiting for their time or for a sender (retries included).
    public var queued: Int
    /// Claimed by a node and being sent now.
    public var sending: Int
    /// Given up on after repeated failures.
    public var failed: Int

    public init(queued: Int = 0, sending: Int = 0, failed: Int = 0) {
        (self.queued, self.sending, self.failed) = (queued, sending, failed)
    }
}

extension SubscriptionStore {
    /// Subscribes `email` to digests of all papers.
    public func subscribe(email: String, frequency: DigestFrequency, userID: Int?, confirmed: Bool, token: String,
                          now: Date) async throws -> Subscriber {
        try await subscribe(email: email, frequency: frequency, categories: [], userID: userID, confirmed: confirmed,
                            token: token, now: now)
    }
}

/// Everything the community features need from a store.
public protocol CommunityDatabase: AccountStore, CommunityStore, SubscriptionStore, LibraryStore, APITokenStore, AccountDataStore,
    FollowStore {}
