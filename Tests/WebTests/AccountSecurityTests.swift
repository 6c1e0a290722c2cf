import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Sign-in throttling, the password policy, one's own password and API tokens.
@Suite("Accounts: throttling, passwords, tokens", .serialized)
struct AccountSecurityTests {
    static func tokenRequest(_ app: Application, email: String, password: String, extra: String = "") async throws -> TestingHTTPResponse {
        try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email": "\#(email)", "password": "\#(password)"\#(extra)}"#)
    }

    @Test("five wrong passwords are free; then the address waits, even with the right password; an unknown e-mail answers and counts like a known one")
    func throttling() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.nurse, center: "C01")
            #expect(try await Self.tokenRequest(app, email: email, password: "wrong-password-123").status == .unauthorized)
            for _ in 1..<SignInThrottle.freeFailures {
                #expect(try await Self.tokenRequest(app, email: "nobody@example.org", password: "wrong-password-123").status == .unauthorized)
            }
            #expect(try await SignInFailure.find("account:nobody@example.org", on: app.db)?.failures == SignInThrottle.freeFailures - 1)
            #expect(try await SignInFailure.find("account:\(email)", on: app.db)?.failures == 1)
            let throttled = try await Self.tokenRequest(app, email: email, password: Fixtures.password)
            #expect(throttled.status == .tooManyRequests)
            // The first wait is 30 s, counted down from the last failure (a slow machine may have used a second or two).
            let wait = throttled.body.string.firstMatch(of: /from this address; try again in (\d+) s/).flatMap { Int($0.1) }
            #expect(wait.map { (20...30).contains($0) } == true, "\(throttled.body.string)")
            // The sign-in page says the same, with the page's own status.
            var signInCookie = "", csrf = ""
            try await app.testing().test(.GET, "/signin") { res in
                signInCookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
                csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
            }
            let body = "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&email=\(email)&password=\(Fixtures.password)&next=/"
            try await app.testing().test(.POST, "/signin", headers: ["Cookie": "cartograph-signin=\(signInCookie)",
                                                                     "Content-Type": "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: body)) { res in
                #expect(res.status == .tooManyRequests)
                #expect(res.body.string.contains("Too many failed sign-ins from this address"))
            }
        }
    }

    @Test("delays double from 30 s to an hour; ten failures lock the account until an administrator of its center lifts it, audited")
    func lockout() async throws {
        #expect((0..<5).map { SignInThrottle.delay(afterFailures: $0) } == [0, 0, 0, 0, 0])
        #expect((5..<9).map { SignInThrottle.delay(afterFailures: $0) } == [30, 60, 120, 240])
        #expect(SignInThrottle.delay(afterFailures: 30) == 3600)
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let email = Fixtures.email(.qa, center: "C01")
            let user = try await AccountRepository.user(email: email, on: app.db)
            var now = Date(timeIntervalSince1970: 1_800_000_000)
            for _ in 0..<SignInThrottle.accountLockout {
                try await SignInThrottle.failed(email: email, address: "10.0.0.\(Int.random(in: 1...200))", user: user, now: now, on: app.db)
                now += 7200
            }
            let refusal = try await SignInThrottle.refusal(email: email, address: "10.1.1.1", now: now + 86_400 * 30, on: app.db)
            #expect(refusal?.contains("locked") == true)
            await #expect(throws: StoreError.self) { try await SignInThrottle.lift(email: email, by: f.usersA[.coordinator]!, on: app.db) }
            await #expect(throws: StoreError.self) { try await SignInThrottle.lift(email: email, by: f.usersB[.admin]!, on: app.db) }
            // Through the API: a coordinator may not, another center's administrator finds no such account, the center's may.
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            #expect(try await app.json(.POST, "/api/accounts/unlock", token: coordinator, body: #"{"email": "\#(email)"}"#).status == .forbidden)
            let otherAdmin = try await app.token(Fixtures.email(.admin, center: "C02"))
            #expect(try await app.json(.POST, "/api/accounts/unlock", token: otherAdmin, body: #"{"email": "\#(email)"}"#).status == .notFound)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            #expect(try await app.json(.POST, "/api/accounts/unlock", token: admin, body: #"{"email": "\#(email)"}"#).status == .noContent)
            #expect(try await SignInThrottle.refusal(email: email, address: "10.1.1.1", now: now, on: app.db) == nil)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("user.locked") && actions.contains("user.lockoutLifted"))
        }
    }

    @Test("the password policy: 12 characters, no composition rules, common and e-mail-name passwords refused, NUL refused, every character counts")
    func policy() {
        func fields(_ p: String) -> [String] { PasswordPolicy.problems(p, email: "alex.lee@hospital.example").map(\.message) }
        #expect(fields("correct horse battery").isEmpty)
        #expect(fields("short pass").count == 1)
        #expect(fields("password1234").contains { $0.contains("most common") })
        #expect(fields("Cartograph-Demo").contains { $0.contains("most common") })
        #expect(fields("my alex.lee secret").contains { $0.contains("e-mail name") })
        #expect(fields("twelve chars\u{0}xx").contains { $0.contains("NUL") })
        #expect(fields(String(repeating: "a", count: 257)).contains { $0.contains("at most 256") })
        // Past bcrypt's 72 bytes the material differs whenever the passwords do.
        let a = String(repeating: "x", count: 72) + "A", b = String(repeating: "x", count: 72) + "B"
        #expect(PasswordPolicy.material(a) != PasswordPolicy.material(b))
        #expect(PasswordPolicy.material("exactly the same") == "exactly the same")
        #expect(!PasswordPolicy.verifiable("abc\u{0}def"))
    }

    @Test("changing one's password: the current one must be right, the new one must pass the policy; tokens are revoked; the new one signs in")
    func changePassword() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.physician, center: "C01")
            let token = try await app.token(email)
            let wrong = try await app.json(.POST, "/api/account/password", token: token,
                                           body: #"{"currentPassword": "not-it-at-all", "newPassword": "three unrelated words here"}"#)
            #expect(wrong.status == .unprocessableEntity && wrong.errorFields == ["currentPassword"])
            let weak = try await app.json(.POST, "/api/account/password", token: token,
                                          body: #"{"currentPassword": "\#(Fixtures.password)", "newPassword": "password1234"}"#)
            #expect(weak.status == .unprocessableEntity && weak.errorFields == ["newPassword"])
            let ok = try await app.json(.POST, "/api/account/password", token: token,
                                        body: #"{"currentPassword": "\#(Fixtures.password)", "newPassword": "three unrelated words here"}"#)
            #expect(ok.status == .noContent)
            #expect(try await app.json(.GET, "/api/me", token: token).status == .unauthorized)
            #expect(try await Self.tokenRequest(app, email: email, password: Fixtures.password).status == .unauthorized)
            #expect(try await Self.tokenRequest(app, email: email, password: "three unrelated words here").status == .ok)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.passwordChanged").count() == 1)
            // The page does the same, with errors beside the fields.
            let session = try await app.signIn(email, password: "three unrelated words here")
            let page = try await app.form("/account/password", cookie: session.cookie, fields: [
                ("_csrf", session.csrf), ("currentPassword", "three unrelated words here"), ("newPassword", "another four words"),
                ("confirmation", "another four wordz")])
            #expect(page.status == .unprocessableEntity && page.body.string.contains("does not repeat the new password"))
        }
    }

    @Test("tokens are named, listed without their secret, expire after 7 days by default, and can be revoked by their owner only")
    func tokens() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.statistician, center: "C01")
            let issued = try await Self.tokenRequest(app, email: email, password: Fixtures.password, extra: #", "name": "R session", "days": 3"#)
            #expect(issued.status == .ok)
            let object = try JSONSerialization.jsonObject(with: Data(issued.body.readableBytesView)) as? [String: Any]
            let token = try #require(object?["token"] as? String)
            #expect(try await Self.tokenRequest(app, email: email, password: Fixtures.password, extra: #", "days": 91"#).status == .unprocessableEntity)
            let plain = try await app.token(email)
            let list = try await app.json(.GET, "/api/tokens", token: plain)
            #expect(list.status == .ok && list.body.string.contains("R session") && !list.body.string.contains(token))
            let rows = try await APIToken.query(on: app.db).all()
            let named = try #require(rows.first { $0.name == "R session" })
            let lifetime = named.expiresAt.timeIntervalSince(named.createdAt ?? Date())
            #expect(abs(lifetime - 3 * 86_400) < 60)
            let other = try #require(rows.first { $0.name == nil })
            #expect(abs(other.expiresAt.timeIntervalSince(other.createdAt ?? Date()) - 7 * 86_400) < 60)
            // Another user cannot revoke it; its owner can, and then it no longer works.
            let stranger = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            #expect(try await app.json(.DELETE, "/api/tokens/\(try named.requireID())", token: stranger).status == .notFound)
            #expect(try await app.json(.DELETE, "/api/tokens/\(try named.requireID())", token: plain).status == .noContent)
            #expect(try await app.json(.GET, "/api/me", token: token).status == .unauthorized)
        }
    }
}
