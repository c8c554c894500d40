import Foundation
import Hummingbird
import PaperAccounts
import PaperCore

/// `/account`: links to the user's collections and API tokens, "Download my data" (JSON) and
/// "Delete my account" (with the password). Deleting removes everything personal, comments
/// included (deleted, not anonymised), and logs the browser out.
struct AccountDataController<Context: VisitorRequestContext> {
    let community: any CommunityDatabase
    let passwords: Passwords
    let renderer: PageRenderer
    let limiter: RateLimiter
    let limits: RateLimits
    let secureCookies: Bool
    let clock: any WallClock

    static var path: String { "/account" }

    func register(on router: Router<Context>) {
        router.get("/account") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            return try await page(user, context)
        }
        router.get("/account/data.json") { _, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            let export = try await AccountDataExport.gather(for: user, from: community, now: clock.now())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            var response = Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(export))))
            let name = SafeFileName.make("paperfeed-\(user.name)-data", extension: "json")
            response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("/account/delete") { _, context in try await delete(context) }
    }

    private func delete(_ context: Context) async throws -> Response {
        guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
        // The password is asked so that a borrowed session cannot delete the account; guesses
        // are counted like log-ins.
        guard limiter.allow("delete:\(user.id)", limits.failedLoginRule) else {
            throw RequestError.tooManyRequests("Too many attempts; wait a minute and try again.")
        }
        guard let password = context.form["password"], try await passwords.verify(password, hash: user.passwordHash) else {
            return try await page(user, context, error: "That is not your password: the account was not deleted.", status: .forbidden)
        }
        guard context.form["confirm"] == "yes" else {
            return try await page(user, context, error: "Tick “Delete everything” to delete your account.", status: .badRequest)
        }
        _ = try await community.deleteAccount(userID: user.id)
        var response = Redirect.to("/")
        response.setCookie(Cookie(name: SessionMiddleware<Context>.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(SessionMiddleware<Context>.csrfCookie(SecureTokens.make(), secure: secureCookies))
        return response
    }

    private func page(_ user: User, _ context: Context, error: String? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response {
        let digest = try await community.subscriber(userID: user.id).map(PersonalDigestState.init)
        let model = AccountPage(name: user.name, email: user.email, profileURL: "/u/\(CollectionLookup.encoded(user.name))",
                                digest: digest, error: error)
        return renderer.page("account", model, title: "Your account", visitor: context.visitor, status: status)
    }
}

struct AccountPage {
    let name: String
    let email: String
    let profileURL: String
    /// The account's digest subscription; `nil` shows the form that starts one.
    let digest: PersonalDigestState?
    /// Whether the form that starts a digest is shown: no subscription, or an ended one. Stored,
    /// not computed: templates read a model's stored properties only.
    let offersDigest: Bool
    let error: String?

    init(name: String, email: String, profileURL: String, digest: PersonalDigestState?, error: String?) {
        (self.name, self.email, self.profileURL, self.digest, self.error) = (name, email, profileURL, digest, error)
        offersDigest = !(digest?.confirmed ?? false) && !(digest?.pending ?? false)
    }
}

/// Where the account's personal digest stands, for the account page.
struct PersonalDigestState {
    let email: String
    let frequency: String
    let confirmed: Bool
    let pending: Bool
    let unsubscribeURL: String

    init(_ subscriber: Subscriber) {
        email = subscriber.email
        frequency = subscriber.frequency.rawValue
        confirmed = subscriber.state == .confirmed
        pending = subscriber.state == .pending
        unsubscribeURL = "/digest/unsubscribe/\(subscriber.token)"
    }
}
