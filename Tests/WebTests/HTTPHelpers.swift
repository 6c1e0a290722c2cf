import Foundation
import NIOCore
import Testing
import TestSupport
import Vapor
import VaporTesting

extension Application {
    /// A bearer token for any account.
    func tokenFor(_ email: String, password: String) async throws -> String { try await token(email, password: password) }

    /// A bearer token for an account made by `Fixtures`.
    func token(_ email: String, password: String = Fixtures.password) async throws -> String {
        var token = ""
        try await testing().test(.POST, "/api/tokens", headers: ["Content-Type": "application/json"],
                                 body: ByteBuffer(string: #"{"email":"\#(email)","password":"\#(password)"}"#)) { res in
            #expect(res.status == .ok, "token for \(email): \(res.body.string)")
            struct Token: Decodable { var token: String }
            token = (try? res.content.decode(Token.self).token) ?? ""
        }
        return token
    }

    /// Sends JSON with a bearer token and hands back the response.
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, token: String?, body: String? = nil,
              idempotencyKey: String? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        var captured: TestingHTTPResponse?
        try await testing().test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { res in captured = res }
        return captured!
    }

    /// A signed-in browser session: cookie and CSRF token, through the real sign-in form.
    func signIn(_ email: String, password: String = Fixtures.password) async throws -> (cookie: String, csrf: String) {
        var cookie = "", csrf = "", signInCookie = ""
        try await testing().test(.GET, "/signin") { res in
            // The sign-in form stores no session: its CSRF token travels in its own cookie.
            #expect(res.headers.setCookie?["cartograph-session"] == nil)
            signInCookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
            csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
        }
        try await testing().test(.POST, "/signin", headers: ["Cookie": "cartograph-signin=\(signInCookie)", "Content-Type": "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&email=\(email)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=/")) { res in
            #expect(res.status == .seeOther, "sign-in failed: \(res.status)")
            if let fresh = res.headers.setCookie?["cartograph-session"]?.string { cookie = fresh }
        }
        // Sign-in rotates the session and its CSRF token: take the new one from the first page.
        var page = try await self.page("/", cookie: cookie)
        // A patient's account is sent from the dashboard to its own page.
        if page.status == .seeOther, let next = page.headers.first(name: .location) { page = try await self.page(next, cookie: cookie) }
        csrf = page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
        return (cookie, csrf)
    }

    func page(_ path: String, cookie: String) async throws -> TestingHTTPResponse {
        var captured: TestingHTTPResponse?
        try await testing().test(.GET, path, headers: ["Cookie": "cartograph-session=\(cookie)"]) { captured = $0 }
        return captured!
    }

    func form(_ path: String, cookie: String, fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var captured: TestingHTTPResponse?
        try await testing().test(.POST, path, headers: ["Cookie": "cartograph-session=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: body)) { captured = $0 }
        return captured!
    }
}

struct ErrorBody: Decodable {
    struct Field: Decodable { var field: String; var message: String }
    var error: String
    var fields: [Field]
}

extension TestingHTTPResponse {
    var errorFields: [String] { ((try? JSONDecoder().decode(ErrorBody.self, from: Data(body.readableBytesView))) ?? ErrorBody(error: "", fields: [])).fields.map(\.field) }
}
