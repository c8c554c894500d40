import Foundation
import Hummingbird
import PaperCore
import PaperAccounts
import PaperMail

/// Sign-up, log-in, log-out and password reset by an emailed link.
struct AccountController<Context: VisitorRequestContext> {
    let accounts: any AccountStore
    let registration: AccountRegistration
    let passwords: Passwords
    let emails: AccountEmails
    let mail: SiteMail
    let site: SiteAddress
    let renderer: PageRenderer
    let limiter: RateLimiter
    let limits: RateLimits
    let secureCookies: Bool
    let clock: any WallClock
    static var sessionLifetime: TimeInterval { 30 * 86400 }

    func register(on router: Router<Context>) {
        router.get("/signup") { request, context in form("signup", AccountForm(next: request.query("next")), context) }
        router.post("/signup") { request, context in try await signUp(request, context) }
        router.get("/login") { request, context in form("login", AccountForm(next: request.query("next")), context) }
        router.post("/login") { request, context in try await logIn(request, context) }
        router.post("/logout") { _, context in try await logOut(context) }
        router.get("/password/forgot") { _, context in form("forgot", AccountForm(), context) }
        router.post("/password/forgot") { request, context in try await forgot(request, context) }
        router.get("/password/reset/:token") { _, context in
            form("reset", AccountForm(token: try context.parameters.require("token")), context)
        }
        router.post("/password/reset/:token") { request, context in try await reset(request, context) }
    }

    private func form(_ template: String, _ model: AccountForm, _ context: Context, status: HTTPResponse.Status = .ok) -> Response {
        let titles = ["signup": "Sign up", "login": "Log in", "forgot": "Forgot password", "reset": "Choose a new password"]
        return renderer.page(template, model, title: titles[template] ?? template, visitor: context.visitor, status: status)
    }

    private func signUp(_ request: Request, _ context: Context) async throws -> Response {
        let fields = context.form
        var model = AccountForm(next: fields["next"], name: fields.text("name") ?? "", email: fields.text("email") ?? "")
        guard limiter.allow("signup:\(context.clientAddress)", limits.signUpRule) else {
            throw RequestError.tooManyRequests("Too many sign-ups from your address; try again in an hour.")
        }
        let user: User
        do {
            user = try await registration.register(name: model.name, email: model.email, password: fields["password"] ?? "")
        } catch let refusal as AccountRegistration.Refusal {
            model.error = refusal.description
            if case .taken = refusal { return form("signup", model, context, status: .conflict) }
            return form("signup", model, context, status: .badRequest)
        }
        return try await startSession(for: user, next: model.next)
    }

    /// Every attempt is counted before the password is checked, so concurrent guesses cannot
    /// all slip under the limit, and counted by account (typing the email instead of the name
    /// is the same account). The tight limit is per address and account: a guesser elsewhere
    /// does not lock the owner out. The per-account ceiling, for guessing from many addresses,
    /// is far higher, and a password reset (which proves the mailbox) lifts it.
    private func logIn(_ request: Request, _ context: Context) async throws -> Response {
        let fields = context.form
        let name = fields.text("name") ?? ""
        let limits = limits
        var user = try await accounts.user(named: name)
        if user == nil { user = try await accounts.user(email: name) }
        let account = LoginKeys(account: user.map { LoginKeys.user($0.id) } ?? "name:\(name.lowercased())", address: context.clientAddress)
        guard limiter.allow(account.pair, limits.failedLoginRule) else {
            throw RequestError.tooManyRequests("Too many failed log-ins for this account from your address; wait a minute and try again.")
        }
        guard limiter.allow(account.address, limits.loginsPerAddressRule),
              limiter.allow(account.account, limits.loginsPerAccountRule) else {
            throw RequestError.tooManyRequests(
                "Too many log-in attempts; wait a few minutes, or reset your password by email to get in now.")
        }
        let matches = try await passwords.verify(fields["password"] ?? "", hash: user?.passwordHash ?? Passwords.absentAccountHash)
        guard let user, matches else {
            var model = AccountForm(next: fields["next"], name: name)
            model.error = "Wrong user name or password."
            return form("login", model, context, status: .unauthorized)
        }
        // Said only to whoever knows the password, so it tells a guesser nothing.
        if user.isDisabled {
            var model = AccountForm(next: fields["next"], name: name)
            model.error = "This account is disabled; ask the site's operator if you think it should not be."
            return form("login", model, context, status: .forbidden)
        }
        limiter.reset(account.pair)
        return try await startSession(for: user, next: fields["next"])
    }

    private func startSession(for user: User, next: String?) async throws -> Response {
        let token = SecureTokens.make()
        try await accounts.createSession(tokenHash: SecureTokens.hash(token), userID: user.id,
                                         expiresAt: clock.now().addingTimeInterval(Self.sessionLifetime))
        var response = Redirect.to(Redirect.safePath(next))
        response.setCookie(Cookie(name: SessionMiddleware<Context>.sessionCookie, value: token, maxAge: Int(Self.sessionLifetime),
                                  path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        // A new CSRF token with the new session: one planted before log-in is worth nothing after.
        response.setCookie(SessionMiddleware<Context>.csrfCookie(SecureTokens.make(), secure: secureCookies))
        return response
    }

    private func logOut(_ context: Context) async throws -> Response {
        if let hash = context.visitor.sessionTokenHash { try await accounts.deleteSession(tokenHash: hash) }
        var response = Redirect.to("/")
        response.setCookie(Cookie(name: SessionMiddleware<Context>.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .lax))
        response.setCookie(SessionMiddleware<Context>.csrfCookie(SecureTokens.make(), secure: secureCookies))
        return response
    }

    private func forgot(_ request: Request, _ context: Context) async throws -> Response {
        let fields = context.form
        let email = fields.text("email") ?? ""
        guard limiter.allow("reset:\(context.clientAddress)", limits.passwordResetRule) else {
            throw RequestError.tooManyRequests("Too many password-reset requests; try again in an hour.")
        }
        // The answer is the same whether or not the address has an account (or a disabled one).
        if let user = try await accounts.user(email: email),
           let link = try await PasswordResets(accounts: accounts, clock: clock).issue(for: user) {
            try await mail.send(emails.passwordReset(to: user.email, name: user.name, link: site.absolute(link.path), date: clock.now()))
        }
        return renderer.notice(NoticePage(heading: "Check your inbox",
                                          message: "If an account has the address \(email), a link to choose a new password is on its way."),
                               visitor: context.visitor)
    }

    private func reset(_ request: Request, _ context: Context) async throws -> Response {
        let fields = context.form
        let token = try context.parameters.require("token")
        let password = fields["password"] ?? ""
        if let problem = AccountRules.passwordProblem(password) {
            var model = AccountForm(token: token)
            model.error = problem
            return form("reset", model, context, status: .badRequest)
        }
        guard let userID = try await accounts.consumePasswordReset(tokenHash: SecureTokens.hash(token), now: clock.now()) else {
            throw RequestError.notFound("This reset link is unknown, used or expired. Ask for a new one.")
        }
        try await accounts.setPasswordHash(try await passwords.hash(password), userID: userID)
        // The mailbox owner proved the account theirs: guesses by others no longer keep them out.
        limiter.reset(LoginKeys.accountKey(LoginKeys.user(userID)))
        return renderer.notice(NoticePage(heading: "Password changed", message: "Log in with your new password.",
                                          linkURL: "/login", linkText: "Log in"), visitor: context.visitor)
    }
}

/// The rate-limit keys of a log-in attempt.
struct LoginKeys {
    let account: String
    let address: String
    let pair: String

    init(account: String, address: String) {
        self.account = Self.accountKey(account)
        self.address = "login-address:" + address
        pair = "login:" + address + "|" + account
    }

    /// The account part for a known user (an unknown name is keyed by the name typed).
    static func user(_ id: Int) -> String { "user:\(id)" }
    /// The key of the per-account ceiling.
    static func accountKey(_ account: String) -> String { "login-account:" + account }
}

/// The model of the account forms.
struct AccountForm {
    var next: String?
    var name = ""
    var email = ""
    var token: String?
    var error: String?
}
