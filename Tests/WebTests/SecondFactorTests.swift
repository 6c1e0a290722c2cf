import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Two-step sign-in: set up on the account page, asked for after the password on the page and for API
/// tokens, required by a center for administrators, QA and e-signatures.
@Suite("Two-step sign-in", .serialized)
struct SecondFactorTests {
    /// The code an authenticator app shows now for a base32 secret.
    static func code(_ base32: String, at date: Date = Date(), stepOffset: Int64 = 0) -> String {
        TimeBasedOneTimePassword.code(secret: Base32.decode(base32)!, counter: TimeBasedOneTimePassword.counter(at: date) + stepOffset)
    }

    /// Waits for the next time step when fewer than 10 s of this one remain. Setting up confirms with
    /// the previous step's code (so the current and next stay unused for the test's later codes), which
    /// the server accepts only while its step is still this one; on a loaded machine a request can take
    /// seconds, and a step boundary crossed in between refused the code.
    static func awayFromStepEnd() async throws {
        let left = TimeBasedOneTimePassword.step - Date().timeIntervalSince1970.truncatingRemainder(dividingBy: TimeBasedOneTimePassword.step)
        if left < 10 { try await Task.sleep(nanoseconds: UInt64((left + 0.2) * 1_000_000_000)) }
    }

    /// Sets up the factor for a signed-in session through the account page; returns the secret.
    static func setUp(_ app: Application, _ session: (cookie: String, csrf: String)) async throws -> String {
        try await awayFromStepEnd()
        let begun = try await app.form("/account/second-factor/begin", cookie: session.cookie, fields: [("_csrf", session.csrf)])
        #expect(begun.status == .ok)
        let uri = try #require(begun.body.string.firstMatch(of: /otpauth:\/\/totp\/[^<"]+/)).0
        let secret = String(try #require(uri.firstMatch(of: /secret=([A-Z2-7]+)/)).1)
        let wrong = try await app.form("/account/second-factor/confirm", cookie: session.cookie, fields: [("_csrf", session.csrf), ("code", "000000")])
        #expect(wrong.status == .unprocessableEntity || code(secret) == "000000")
        let confirmed = try await app.form("/account/second-factor/confirm", cookie: session.cookie,
                                           fields: [("_csrf", session.csrf), ("code", code(secret, stepOffset: -1))])
        #expect(confirmed.status == .ok && confirmed.body.string.contains("Two-step sign-in is on"))
        return secret
    }

    /// Posts the sign-in form; returns the response (a redirect to the code page for a second factor).
    static func passwordStep(_ app: Application, _ email: String) async throws -> TestingHTTPResponse {
        var signInCookie = "", csrf = ""
        try await app.testing().test(.GET, "/signin") { res in
            signInCookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
            csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
        }
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, "/signin", headers: ["Cookie": "cartograph-signin=\(signInCookie)", "Content-Type": "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&email=\(email)&password=\(Fixtures.password.replacingOccurrences(of: " ", with: "+"))&next=/patients")) { captured = $0 }
        return captured!
    }

    @Test("after the password the page asks for the code; a wrong one is refused, the right one signs in once, and a replay does not")
    func signIn() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.physician, center: "C01")
            let secret = try await Self.setUp(app, try await app.signIn(email))
            let step = try await Self.passwordStep(app, email)
            #expect(step.status == .seeOther && step.headers.first(name: .location) == "/signin/code")
            let half = try #require(step.headers.setCookie?["cartograph-session"]?.string)
            // Half signed in grants nothing.
            let blocked = try await app.page("/patients", cookie: half)
            #expect(blocked.status == .seeOther && blocked.headers.first(name: .location)?.hasPrefix("/signin") == true)
            let codePage = try await app.page("/signin/code", cookie: half)
            let csrf = try #require(codePage.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            let wrongCode = Self.code(secret) == "123456" ? "654321" : "123456"
            #expect(try await app.form("/signin/code", cookie: half, fields: [("_csrf", String(csrf)), ("code", wrongCode)]).status == .unauthorized)
            let good = Self.code(secret)
            let done = try await app.form("/signin/code", cookie: half, fields: [("_csrf", String(csrf)), ("code", good)])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/patients")
            let full = try #require(done.headers.setCookie?["cartograph-session"]?.string)
            #expect(full != half, "a new session at the end of sign-in")
            #expect(try await app.page("/patients", cookie: full).status == .ok)
            // The same code again, in a second sign-in, is refused.
            let again = try await Self.passwordStep(app, email)
            let half2 = try #require(again.headers.setCookie?["cartograph-session"]?.string)
            let csrf2 = try #require(try await app.page("/signin/code", cookie: half2).body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            #expect(try await app.form("/signin/code", cookie: half2, fields: [("_csrf", String(csrf2)), ("code", good)]).status == .unauthorized)
            // API tokens ask for the code as well.
            let noCode = try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email":"\#(email)","password":"\#(Fixtures.password)"}"#)
            #expect(noCode.status == .unauthorized && noCode.body.string.contains("one-time code"))
            // The next step's code (the window allows one step of drift).
            let next = Self.code(secret, stepOffset: 1)
            #expect(try await app.json(.POST, "/api/tokens", token: nil,
                                       body: #"{"email":"\#(email)","password":"\#(Fixtures.password)","code":"\#(next)"}"#).status == .ok)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("user.secondFactorEnabled"))
        }
    }

    @Test("wrong codes are throttled like wrong passwords, and a right password does not reset the count")
    func throttled() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.nurse, center: "C01")
            let secret = try await Self.setUp(app, try await app.signIn(email))
            let wrong = Self.code(secret) == "111111" ? "222222" : "111111"
            var statuses: [HTTPStatus] = []
            for _ in 0..<(SignInThrottle.freeFailures + 1) {
                statuses.append(try await app.json(.POST, "/api/tokens", token: nil,
                                                   body: #"{"email":"\#(email)","password":"\#(Fixtures.password)","code":"\#(wrong)"}"#).status)
            }
            #expect(statuses.prefix(SignInThrottle.freeFailures).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests, "\(statuses)")
        }
    }

    @Test("a center's rule: QA without a factor is held on the account page and gets no token; signatures then need a code")
    func centerRule() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let qaEmail = Fixtures.email(.qa, center: "C01")
            let qaOldToken = try await app.token(qaEmail)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let qaBefore = try await app.signIn(qaEmail)
            #expect(try await app.json(.POST, "/api/admin/second-factor-rule", token: admin, body: #"{"required":true}"#).status == .conflict,
                    "the administrator sets up their own first")
            // The administrator sets up theirs on the page, then turns the rule on there.
            let adminSession = try await app.signIn(Fixtures.email(.admin, center: "C01"))
            _ = try await Self.setUp(app, adminSession)
            let on = try await app.form("/admin/second-factor-rule", cookie: adminSession.cookie, fields: [("_csrf", adminSession.csrf), ("required", "true")])
            #expect(on.status == .ok && on.body.string.contains("now required"))
            // QA's old token was revoked; a new one is refused until the factor is set up; pages lead to the account page.
            #expect(try await app.json(.GET, "/api/patients", token: qaOldToken).status == .unauthorized)
            #expect(try await app.json(.POST, "/api/tokens", token: nil,
                                       body: #"{"email":"\#(qaEmail)","password":"\#(Fixtures.password)"}"#).status == .forbidden)
            let held = try await app.page("/release-queue", cookie: qaBefore.cookie)
            #expect(held.status == .seeOther && held.headers.first(name: .location) == "/account#second-factor")
            #expect(try await app.page("/account", cookie: qaBefore.cookie).body.string.contains("requires two-step sign-in"))
            // A nurse is not covered at sign-in, but a nurse's signature now needs a code, and a nurse without a factor cannot sign.
            let nurse = try await app.token(Fixtures.email(.nurse, center: "C01"))
            #expect(try await app.json(.GET, "/api/patients", token: nurse).status == .ok)
            // QA sets up the factor and signs a deviation closure: no code, a wrong code, then the right one.
            let qaSecret = try await Self.setUp(app, qaBefore)
            #expect(try await app.page("/release-queue", cookie: qaBefore.cookie).status == .ok)
            #expect(try await app.json(.POST, "/api/tokens", token: nil,
                                       body: #"{"email":"\#(qaEmail)","password":"\#(Fixtures.password)"}"#).status == .unauthorized, "a code is needed now")
            let tokenResponse = try await app.json(.POST, "/api/tokens", token: nil,
                                                   body: #"{"email":"\#(qaEmail)","password":"\#(Fixtures.password)","code":"\#(Self.code(qaSecret))"}"#)
            struct T: Decodable { var token: String }
            let qa = try JSONDecoder().decode(T.self, from: Data(tokenResponse.body.readableBytesView)).token
            let deviation = UUID()
            let noCode = try await app.json(.POST, "/api/deviations/\(deviation)/close", token: qa,
                                            body: #"{"reason":"reviewed","password":"\#(Fixtures.password)"}"#)
            #expect(noCode.status == .unprocessableEntity && noCode.errorFields == ["code"])
            let wrongCode = try await app.json(.POST, "/api/deviations/\(deviation)/close", token: qa,
                                               body: #"{"reason":"reviewed","password":"\#(Fixtures.password)","code":"000000"}"#)
            #expect(wrongCode.status == .unprocessableEntity && wrongCode.errorFields == ["code"])
            // The right code passes the signature; the deviation itself does not exist.
            let signed = try await app.json(.POST, "/api/deviations/\(deviation)/close", token: qa,
                                            body: #"{"reason":"reviewed","password":"\#(Fixtures.password)","code":"\#(Self.code(qaSecret, stepOffset: 1))"}"#)
            #expect(signed.status == .notFound)
            // Removing a required factor is refused; an administrator can reset it (a lost phone).
            let qaID = try #require(try await AccountRepository.user(email: qaEmail, on: app.db)?.requireID())
            #expect(try await app.form("/admin/users/\(qaID)/second-factor-reset", cookie: adminSession.cookie,
                                       fields: [("_csrf", adminSession.csrf)]).status == .ok)
            #expect(try await AccountRepository.user(email: qaEmail, on: app.db)?.hasSecondFactor == false)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("center.secondFactorRule") && actions.contains("user.secondFactorReset"))
        }
    }
}
