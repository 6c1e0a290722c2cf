import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// What an attack on account administration and two-step sign-in found, each now refused.
@Suite("Accounts under attack", .serialized)
struct AccountAttackTests {
    @Test("an e-mail with a NUL, a quote, an invisible or look-alike character, or a trailing dot names no account; nor does a name with direction overrides",
          arguments: ["coordinator@c01.test\u{0}", "q\"autofocus/onfocus=\"alert(7)\"@x.test", "nurse\u{200B}@c01.test",
                      "nurs\u{0435}@c01.test", "\u{FF4E}urse@c01.test", "nurse@c01.test.", "a b@c01.test", "<x>@c01.test"])
    func refusedEmails(email: String) async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let body = try String(decoding: JSONSerialization.data(withJSONObject: ["email": email, "displayName": "X", "role": "nurse"]), as: UTF8.self)
            let res = try await app.json(.POST, "/api/admin/users", token: admin, body: body)
            #expect(res.status == .unprocessableEntity && res.errorFields == ["email"], "\(res.status) \(res.body.string)")
            let rtl = try await app.json(.POST, "/api/admin/users", token: admin,
                                         body: #"{"email":"rtl@c01.test","displayName":"Li \u202Egnaw","role":"nurse"}"#)
            #expect(rtl.status == .unprocessableEntity && rtl.errorFields == ["displayName"])
        }
    }

    @Test("sessions end with the credentials: a deactivated then reactivated account's old session stays dead; a new password ends the other sessions")
    func sessionsEnd() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let email = Fixtures.email(.nurse, center: "C01")
            let old = try await app.signIn(email)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            #expect(try await app.json(.POST, "/api/admin/users/\(f.usersA[.nurse]!.userID)/deactivate", token: admin).status == .noContent)
            #expect(try await app.json(.POST, "/api/admin/users/\(f.usersA[.nurse]!.userID)/reactivate", token: admin).status == .noContent)
            #expect(try await app.page("/patients", cookie: old.cookie).status == .seeOther, "the old session must not come back")
            // Two sessions; changing the password in one ends the other.
            let first = try await app.signIn(email), second = try await app.signIn(email)
            let changed = try await app.form("/account/password", cookie: first.cookie,
                                             fields: [("_csrf", first.csrf), ("currentPassword", Fixtures.password),
                                                      ("newPassword", "amber lattice mountain"), ("confirmation", "amber lattice mountain")])
            #expect(changed.status == .ok)
            #expect(try await app.page("/patients", cookie: first.cookie).status == .ok)
            #expect(try await app.page("/patients", cookie: second.cookie).status == .seeOther)
        }
    }

    @Test("an administrator's own password and second factor are changed on their account page, never through the administration routes")
    func notOnOneself() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let me = f.usersA[.admin]!.userID
            #expect(try await app.json(.POST, "/api/admin/users/\(me)/password-link", token: admin).status == .conflict)
            #expect(try await app.json(.POST, "/api/admin/users/\(me)/second-factor-reset", token: admin).status == .conflict)
        }
    }

    @Test("a factor is replaced only after turning it off (password and code); turning one on ends the tokens issued without a code")
    func replacingTheFactor() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.physician, center: "C01")
            let oldToken = try await app.token(email)
            let session = try await app.signIn(email)
            _ = try await SecondFactorTests.setUp(app, session)
            #expect(try await app.json(.GET, "/api/me", token: oldToken).status == .unauthorized)
            let again = try await app.form("/account/second-factor/begin", cookie: session.cookie, fields: [("_csrf", session.csrf)])
            #expect(again.status == .conflict && again.body.string.contains("turn it off first"))
        }
    }

    @Test("a client's X-Request-Id is echoed only when short and plain")
    func requestIDEcho() async throws {
        try await withTestApp { app in
            for (sent, echoed) in [("abc-123", true), (String(repeating: "x", count: 500), false), ("<script>", false), ("a\"b", false)] {
                try await app.testing().test(.GET, "/health/live", headers: ["X-Request-Id": sent]) { res in
                    #expect((res.headers.first(name: "X-Request-Id") == sent) == echoed, "\(sent.prefix(20))")
                }
            }
        }
    }
}

extension AccountAttackTests {
    @Test("a retried request whose answer held a one-time secret is told it was handled; the secret is never kept for replay")
    func secretsNotKept() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let path = "/api/admin/users/\(f.usersA[.nurse]!.userID)/password-link"
            let first = try await app.json(.POST, path, token: admin, idempotencyKey: "link-1")
            #expect(first.status == .created)
            let token = String(first.body.string.firstMatch(of: /token=([A-Za-z0-9_-]+)/)?.1 ?? "")
            #expect(!token.isEmpty)
            let retry = try await app.json(.POST, path, token: admin, idempotencyKey: "link-1")
            #expect(retry.status == .conflict && !retry.body.string.contains(token))
            let stored = try await IdempotentRequest.query(on: app.db).all()
            #expect(!stored.contains { ($0.body.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? "").contains(token) })
        }
    }
}

