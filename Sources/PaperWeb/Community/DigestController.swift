import Foundation
import Hummingbird
import PaperAccounts
import PaperCore
import PaperMail

/// Digest subscriptions: subscribe (double opt-in: every address confirms by an emailed link,
/// an account's too, since sign-up does not verify it), confirm, and unsubscribe by link or
/// RFC 8058 one-click POST.
struct DigestController<Context: VisitorRequestContext> {
    let subscriptions: any SubscriptionStore
    let emails: AccountEmails
    let mail: SiteMail
    let site: SiteAddress
    let renderer: PageRenderer
    let limiter: RateLimiter
    let limits: RateLimits
    let clock: any WallClock

    func register(on router: Router<Context>) {
        router.post("/digest/subscribe") { request, context in try await subscribe(request, context) }
        router.get("/digest/confirm/:token") { request, context in
            // A link that also switches the frequency of a confirmed subscription carries it.
            if let frequency = request.query("frequency").flatMap(DigestFrequency.init(rawValue:)) {
                _ = try await subscriptions.changeFrequency(token: try context.parameters.require("token"), to: frequency,
                                                            now: clock.now())
            }
            let subscriber = try await change(context, to: .confirmed)
            let scope = subscriber.categories.isEmpty ? "" : " in " + subscriber.categories.map(\.name).joined(separator: ", ")
            return renderer.notice(NoticePage(heading: "You are subscribed",
                                              message: "\(subscriber.email) will get the \(subscriber.frequency.rawValue) digest of trending papers\(scope).",
                                              linkURL: "/", linkText: "Back to today's papers"), visitor: context.visitor)
        }
        router.get("/digest/unsubscribe/:token") { _, context in
            let token = try context.parameters.require("token")
            guard let subscriber = try await subscriptions.subscriber(token: token) else { throw Self.unknownLink }
            return renderer.page("unsubscribe", UnsubscribePage(email: subscriber.email, token: token),
                                 title: "Unsubscribe", visitor: context.visitor)
        }
        // Mail providers post `List-Unsubscribe=One-Click` here; people post the page's button.
        router.post("/digest/unsubscribe/:token") { _, context in
            let subscriber = try await change(context, to: .unsubscribed)
            return renderer.notice(NoticePage(heading: "You are unsubscribed",
                                              message: "\(subscriber.email) will get no more digests.", linkURL: "/",
                                              linkText: "Back to today's papers"), visitor: context.visitor)
        }
    }

    static var unknownLink: RequestError { .notFound("This link is unknown; it may be mistyped or from another server.") }

    private func change(_ context: Context, to state: Subscriber.State) async throws -> Subscriber {
        let token = try context.parameters.require("token")
        guard let subscriber = try await subscriptions.setSubscriberState(token: token, to: state, now: clock.now())
        else { throw Self.unknownLink }
        return subscriber
    }

    private func subscribe(_ request: Request, _ context: Context) async throws -> Response {
        let fields = context.form
        let user = context.visitor.user
        guard let email = fields.text("email") ?? user?.email, MailAddress(email).isValid else {
            throw RequestError.badRequest("Enter a valid email address to subscribe.")
        }
        let frequency = DigestFrequency(rawValue: fields.text("frequency") ?? "daily") ?? .daily
        let categories = try Self.categories(fields.text("categories") ?? "")
        guard limiter.allow("subscribe:\(context.clientAddress)", limits.subscriptionRule) else {
            throw RequestError.tooManyRequests("Too many subscriptions from your address; try again in an hour.")
        }
        // A logged-in user's own address is linked to the account; it is confirmed like any other.
        let owner = user.flatMap { $0.email.lowercased() == email.lowercased() ? $0.id : nil }
        let subscriber = try await subscriptions.subscribe(email: email, frequency: frequency, categories: categories, userID: owner,
                                                           confirmed: false, token: SecureTokens.make(), now: clock.now())
        if subscriber.state == .confirmed {
            // Someone typed the address of a subscription that exists: its owner decides by email.
            let switchLink = frequency == subscriber.frequency ? nil
                : site.absolute("/digest/confirm/\(subscriber.token)?frequency=\(frequency.rawValue)")
            try await mail.send(emails.alreadySubscribed(to: subscriber.email, current: subscriber.frequency, wanted: frequency,
                                                         switchLink: switchLink, date: clock.now()))
        } else {
            try await mail.send(emails.confirmSubscription(to: email, frequency: frequency,
                                                           link: site.absolute("/digest/confirm/\(subscriber.token)"), date: clock.now()))
        }
        // The same answer whether the address was new or subscribed already.
        return renderer.notice(NoticePage(heading: "Check your inbox",
                                          message: "We sent a confirmation link to \(email). The digest starts once you follow it."),
                               visitor: context.visitor)
    }
}

extension DigestController {
    /// The most categories one subscription follows.
    static var maxCategories: Int { 20 }

    /// The categories of the subscribe form's `categories` field (blank: all papers); a 400 names a malformed one.
    static func categories(_ text: String) throws -> [ArxivCategory] {
        switch ArxivCategory.list(text) {
        case let .failure(malformed):
            throw RequestError.badRequest("'\(malformed.name)' is not an arXiv category: name categories such as cs.CL, math.AP or hep-th, or leave the field blank for all papers.")
        case let .success(categories):
            guard categories.count <= maxCategories else {
                throw RequestError.badRequest("A digest follows at most \(maxCategories) categories; name whole archives (cs, math) for more.")
            }
            return categories
        }
    }
}

struct UnsubscribePage {
    let email: String
    let token: String
}
