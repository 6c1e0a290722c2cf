import CartographCore
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Every response carries the headers that keep patient data out of frames, caches and other sites;
/// HSTS and Secure cookies only when the app runs behind TLS.
@Suite("Security headers", .serialized)
struct SecurityHeaderTests {
    static func headers(_ app: Application, _ path: String, cookie: String? = nil, token: String? = nil) async throws -> HTTPHeaders {
        var h: HTTPHeaders = [:]
        if let cookie { h.add(name: .cookie, value: cookie) }
        if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
        var out: HTTPHeaders = [:]
        try await app.testing().test(.GET, path, headers: h) { out = $0.headers }
        return out
    }

    @Test("pages, API answers and error pages carry CSP, frame, sniffing, referrer and no-store headers; the stylesheet may be cached")
    func everyResponse() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let session = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let responses = [
                ("/", try await Self.headers(app, "/", cookie: session.cookie)),
                ("/patients", try await Self.headers(app, "/patients", cookie: session.cookie)),
                ("/patients/00000000-0000-0000-0000-000000000000", try await Self.headers(app, "/patients/00000000-0000-0000-0000-000000000000", cookie: session.cookie)),
                ("/signin", try await Self.headers(app, "/signin")),
                ("/api/patients", try await Self.headers(app, "/api/patients", token: token)),
                ("/api/patients (no token)", try await Self.headers(app, "/api/patients")),
            ]
            for (path, h) in responses {
                let csp = h.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'") && !csp.contains("script-src"), "\(path): \(csp)")
                #expect(h.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(h.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(h.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                #expect(h.first(name: .cacheControl) == "no-store", "\(path)")
                #expect(h.first(name: "Strict-Transport-Security") == nil, "\(path)")
            }
            let css = try await Self.headers(app, "/styles.css")
            #expect(css.first(name: .cacheControl) == "max-age=3600")
        }
    }

    @Test("behind TLS: HSTS on every response and the session cookie is Secure")
    func behindTLS() async throws {
        try await withTestApp(behindTLS: true) { app in
            _ = try await Fixtures.make(on: app)
            let signin = try await Self.headers(app, "/signin")
            #expect(signin.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
            var setCookie = ""
            let form = try await app.testing().sendRequest(.GET, "/signin")
            let csrf = form.body.string.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            if let c = form.headers.setCookie?["cartograph-signin"] { headers.add(name: .cookie, value: "cartograph-signin=\(c.string)") }
            let body = "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&email=\(Fixtures.email(.coordinator, center: "C01"))&password=\(Fixtures.password)&next=/"
            try await app.testing().test(.POST, "/signin", headers: headers, body: ByteBuffer(string: body)) { res in
                setCookie = res.headers[.setCookie].joined(separator: "\n")
            }
            #expect(setCookie.contains("cartograph-session=") && setCookie.contains("Secure") && setCookie.contains("HttpOnly"), "\(setCookie)")
        }
    }
}
