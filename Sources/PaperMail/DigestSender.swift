import Foundation
import Logging
import PaperCore

/// Sends digests through the outbox: `plan` queues one delivery per confirmed subscriber and
/// period, `sendDue` claims and sends them one at a time. A delivery is marked sent right after
/// the server accepts it; one whose sender died is claimed again when its lease ends, so every
/// subscriber gets the period's digest, and gets it once but for the moment between the
/// server's acceptance and that mark (the SMTP duplicate window of RFC 1047). Its Message-ID is
/// the same on every attempt, so mail clients fold such a duplicate into one. While a message
/// is being sent its lease is renewed every `renewalInterval`; a sender whose lease was taken
/// over (it stalled past the lease) stops that send and leaves the delivery to its new holder.
///
/// A subscriber with an account gets a personal digest: above the trending papers, the new
/// papers of the authors and searches they follow and their recommendations (`personal`). Each
/// such paper is tied to the delivery in the outbox before the send (`reservePersonalItems`), so
/// it reaches that user once ever, and a delivery sent again after a crash lists the same papers.
public struct DigestSender: Sendable {
    /// What the digest of a period lists, ranked: of the subscriber's categories when they name any.
    public typealias Content = @Sendable (DigestPeriodKey, [ArxivCategory]) async throws -> [TrendingPaper]

    public let store: any SubscriptionStore
    public let mailer: any Mailer
    public let renderer: DigestRenderer
    /// Where personal digests' papers come from; `nil`: everyone gets the trending papers only.
    public let personal: (any PersonalDigestSource)?
    public let clock: any WallClock
    /// This process's name in the outbox, for leases.
    public let node: String
    /// How long a claimed delivery is this node's before another may take it.
    public let lease: Duration
    /// How often the lease of the delivery being sent is renewed: a third of the lease.
    public var renewalInterval: Duration
    /// Attempts before a delivery is given up on.
    public let maxAttempts: Int
    public let logger: Logger

    public init(store: any SubscriptionStore, mailer: any Mailer, renderer: DigestRenderer,
                personal: (any PersonalDigestSource)? = nil, clock: any WallClock = SystemClock(), node: String,
                lease: Duration = .seconds(120), maxAttempts: Int = 8, logger: Logger = Logger(label: "paperfeed.digest")) {
        self.store = store
        self.mailer = mailer
        self.renderer = renderer
        self.personal = personal
        self.clock = clock
        self.node = node
        self.lease = lease
        self.renewalInterval = lease / 3
        self.maxAttempts = maxAttempts
        self.logger = logger
    }

    /// Queues the digest of the period that `day` falls in for every confirmed subscriber of
    /// `frequency`; returns the period and how many deliveries were new.
    public func plan(_ frequency: DigestFrequency, on day: Day) async throws -> (period: DigestPeriodKey, added: Int) {
        let key = DigestPeriodKey(frequency: frequency, sending: day)
        return (key, try await store.planDigest(frequency: frequency, period: key.description, now: clock.now()))
    }

    /// Sends every due delivery. Stops early when the SMTP server cannot be reached (the rest
    /// wait in the outbox for the next run).
    public func sendDue(content: Content) async throws -> DigestRun {
        var run = DigestRun()
        // Each period's list once per set of categories that subscribers follow.
        var contents: [String: [TrendingPaper]] = [:]
        while !Task.isCancelled, let delivery = try await store.claimDelivery(node: node, lease: lease, now: clock.now()) {
            guard delivery.subscriber.state == .confirmed, let key = DigestPeriodKey(delivery.period) else {
                if try await store.finishDelivery(delivery, sent: false, now: clock.now()) { run.skipped += 1 }
                continue
            }
            let categories = delivery.subscriber.categories
            let contentKey = "\(key) \(categories.map(\.name).sorted())"
            if contents[contentKey] == nil { contents[contentKey] = try await content(key, categories) }
            let personal = try await personalSections(for: delivery, key: key)
            let message = self.message(for: delivery, key: key, papers: contents[contentKey] ?? [], personal: personal)
            do {
                try await sendKeepingLease(message, delivery: delivery)
                run.sent += 1
                if try await !store.finishDelivery(delivery, sent: true, now: clock.now()) {
                    logger.warning("Digest to subscriber \(delivery.subscriber.id) went out after its lease passed to another node: it may arrive twice")
                }
            } catch is LeaseLost {
                logger.warning("Digest to subscriber \(delivery.subscriber.id) stopped: its lease passed to another node, which sends it")
                run.handedOver += 1
            } catch {
                if try await handleFailure(error, delivery: delivery, run: &run) { break }
            }
        }
        return run
    }

    /// Sends `message` while renewing the delivery's lease; `LeaseLost` when another node took it.
    private func sendKeepingLease(_ message: MailMessage, delivery: DigestDelivery) async throws {
        let (store, clock, lease) = (store, clock, lease)
        try await LeaseRenewal.run(renewingEvery: renewalInterval, lease: lease, renew: {
            try await store.renewDelivery(delivery, lease: lease, now: clock.now())
        }) {
            try await mailer.send(message)
        }
    }

    /// The personal sections of a delivery to a subscriber with an account: the papers its
    /// earlier attempts listed, and new ones no digest gave this user before. Papers found for
    /// the user are looked for again on every attempt; when finding them fails, the digest goes
    /// out with what the earlier attempts listed.
    func personalSections(for delivery: DigestDelivery, key: DigestPeriodKey) async throws -> [DigestRenderer.Section] {
        guard let personal, let userID = delivery.subscriber.userID else { return [] }
        var found: [PersonalDigestItem] = []
        do {
            found = try await personal.items(userID: userID, since: key.personalSince(now: clock.now()))
        } catch {
            logger.warning("Personal papers for subscriber \(delivery.subscriber.id) could not be found; the digest lists its trending papers: \(error)")
        }
        let items = try await store.reservePersonalItems(found, for: delivery, userID: userID)
        guard !items.isEmpty else { return [] }
        let papers = Dictionary(try await personal.papers(ids: items.map(\.paperID)).map { ($0.id, $0) }) { first, _ in first }
        return PersonalDigestItem.Section.allCases.map { section in
            DigestRenderer.Section(title: section.title, entries: items.filter { $0.section == section }.compactMap { item in
                papers[item.paperID].map { renderer.entry(for: $0, reasons: item.reason) }
            })
        }
    }

    /// The digest email of one delivery.
    public func message(for delivery: DigestDelivery, key: DigestPeriodKey, papers: [TrendingPaper],
                        personal: [DigestRenderer.Section] = []) -> MailMessage {
        let unsubscribe = "\(renderer.siteURL)/digest/unsubscribe/\(delivery.subscriber.token)"
        var message = renderer.render(papers: papers, personal: personal, period: key.period, categories: delivery.subscriber.categories,
                                      recipient: MailAddress(delivery.subscriber.email), unsubscribeURL: unsubscribe, date: clock.now())
        message.messageID = "digest.\(key.frequency.rawValue).\(key.period).\(delivery.subscriber.id)@\(renderer.from.domain)"
        return message
    }

    /// Records a failed send; `true` when the run should stop (the server is unreachable).
    private func handleFailure(_ error: any Error, delivery: DigestDelivery, run: inout DigestRun) async throws -> Bool {
        let transient = (error as? SMTPError)?.isTransient ?? true
        guard transient, delivery.attempts < maxAttempts else {
            if try await store.failDelivery(delivery, error: "\(error)") {
                logger.error("Digest to subscriber \(delivery.subscriber.id) failed for good: \(error)")
                run.failed += 1
            } else {
                logger.warning("Digest to subscriber \(delivery.subscriber.id) failed, and its lease had passed to another node: \(error)")
            }
            return false
        }
        // 1, 2, 4 … minutes, at most an hour between attempts.
        let backoff = min(60 * pow(2, Double(delivery.attempts - 1)), 3600)
        guard try await store.retryDelivery(delivery, retryAt: clock.now().addingTimeInterval(backoff), error: "\(error)") else {
            logger.warning("Digest to subscriber \(delivery.subscriber.id) failed, and its lease had passed to another node: \(error)")
            return false
        }
        logger.warning("Digest to subscriber \(delivery.subscriber.id) will be retried in \(Int(backoff)) s: \(error)")
        run.retrying += 1
        switch error as? SMTPError {
        case .connectionRefused?, .unreachable?, .timeout?: return true
        default: return false
        }
    }
}

/// What one `sendDue` did.
public struct DigestRun: Hashable, Sendable {
    public var sent = 0
    /// Deliveries whose subscriber left before their turn.
    public var skipped = 0
    /// Deliveries put back for a later attempt.
    public var retrying = 0
    public var failed = 0
    /// Sends stopped because the lease passed to another node, which sends them instead.
    public var handedOver = 0
    public init() {}
}
