import Vapor

/// Synchroniser-token CSRF protection: a random token lives in the session and every form (and every
/// cookie-authenticated API call that changes something) must send it back.
///
/// The sign-in form has no session yet, and visiting it must not create one: its token is a
/// double-submit cookie instead (`signInCookie`, SameSite=Strict, HttpOnly), compared with the form's.
enum CSRF {
    static let field = "_csrf"
    static let signInCookie = "cartograph-signin"

    static func random() -> String {
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        return Data(bytes).base64EncodedString()
    }

    /// A fresh sign-in token and the cookie that carries it, sent back only to `path` (the sign-in
    /// page, or the page that sets a password through a link).
    static func signInToken(secure: Bool, path: String = "/signin") -> (token: String, cookie: HTTPCookies.Value) {
        let t = random()
        return (t, HTTPCookies.Value(string: t, maxAge: 3600, path: path, isSecure: secure, isHTTPOnly: true, sameSite: .strict))
    }

    /// The expired cookie that removes the sign-in token from `path` (a cookie is removed only on the
    /// path it was set for).
    static func expiredSignInCookie(path: String = "/signin") -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: path, isHTTPOnly: true, sameSite: .strict)
    }

    /// A form posted from another site: the browser says so in `Sec-Fetch-Site`, or names another
    /// origin in `Origin`. Checked besides the token, because a double-submit pair can be planted by
    /// anyone able to set a cookie for the host (a sibling subdomain, plain HTTP).
    static func crossSite(_ request: Request) -> Bool {
        if request.headers.first(name: "Sec-Fetch-Site")?.lowercased() == "cross-site" { return true }
        guard let origin = request.headers.first(name: .origin), origin != "null" else { return false }
        guard let host = request.headers.first(name: .host), let url = URL(string: origin), let originHost = url.host else { return true }
        let originAuthority = (originHost + (url.port.map { ":\($0)" } ?? "")).lowercased()
        // Behind a proxy that rewrites Host, the public address the app is told about counts as its own.
        if let own = request.application.settings.publicURL.flatMap(URL.init(string:)), let ownHost = own.host,
           originAuthority == (ownHost + (own.port.map { ":\($0)" } ?? "")).lowercased() { return false }
        return originAuthority != host.lowercased()
    }

    static func verifySignIn(_ request: Request, submitted: String?) throws {
        // Tokens are 24 random bytes in base64 (32 characters): an empty or made-up pair is refused.
        guard !crossSite(request), let expected = request.cookies[signInCookie]?.string, expected.utf8.count == 32,
              let submitted, constantTimeEqual(Array(expected.utf8), Array(submitted.utf8)) else {
            throw Abort(.forbidden, reason: "missing or wrong CSRF token; reload the sign-in page and try again")
        }
    }

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let t = request.session.data["csrf"] { return t }
        let t = random()
        request.session.data["csrf"] = t
        return t
    }

    static func verify(_ request: Request, submitted: String?) throws {
        guard !crossSite(request), request.hasSession, let expected = request.session.data["csrf"], let submitted,
              constantTimeEqual(Array(expected.utf8), Array(submitted.utf8)) else {
            throw Abort(.forbidden, reason: "missing or wrong CSRF token; reload the page and try again")
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
