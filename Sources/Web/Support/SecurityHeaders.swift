import Vapor

/// Headers every response carries, so a page with patient data cannot be framed (the password-signed
/// release and bedside forms included), sniffed into another type, leak its address to another site,
/// or be kept by a shared cache or the browser's history.
///
/// The policy allows no script at all: the pages need none (the board refreshes with a meta tag).
/// Inline `<style>` stays allowed for the standalone report and the label sheets, which carry their
/// stylesheet inside so they can be saved and printed on their own. `Strict-Transport-Security` is sent
/// only when the app is told it runs behind TLS (`Settings.secureCookies`).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    var behindTLS: Bool

    static let contentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // Only the stylesheet may be cached; everything else may carry patient data.
        if !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if behindTLS {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
