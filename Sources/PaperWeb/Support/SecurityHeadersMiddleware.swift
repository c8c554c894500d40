import HTTPTypes
import Hummingbird

/// Sets the headers that make a page safe to show: a Content-Security-Policy that runs only the
/// site's own script file (no inline script, no `eval`, no plugins) and lets no other site frame
/// the page, `nosniff`, and a referrer policy that keeps paths (with their tokens, as in a
/// reset link) from leaving the site. On every answer, error pages included; HSTS behind https.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Served over https (the public URL says so): browsers are told to keep to it.
    let strictTransport: Bool

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.xFrameOptions] = "DENY"
        if strictTransport { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
