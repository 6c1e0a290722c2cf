import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// A center's administrators manage its accounts: create (with a one-time link, never a password),
/// deactivate, reactivate, change role; links work once, for 24 hours; every change is audited and
/// stays inside the center.
@Suite("Accounts a center administers", .serialized)
struct AccountAdministrationTests {
    struct Created: Decodable {
        struct Account: Decodable { var id: UUID; var email: String; var role: String; var active: Bool; var hasPassword: Bool }
        struct Link: Decodable { var link: String; var expiresAt: Date }
        var account: Account
        var passwordLink: Link
    }

    static func decode<T: Decodable>(_ type: T.Type, _ res: TestingHTTPResponse) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(T.self, from: Data(res.body.readableBytesView))
    }

    static func token(fromLink link: String) -> String {
        String(link.split(separator: "token=").last ?? "")
    }

    @Test("an administrator creates an account without a password; its owner sets one through the link, which then no longer works")
    func createAndSetPassword() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let res = try await app.json(.POST, "/api/admin/users", token: admin,
                                         body: #"{"email": " New.Nurse@C01.test ", "displayName": "Wang Fang", "role": "nurse"}"#)
            #expect(res.status == .created, "\(res.body.string)")
            let created = try Self.decode(Created.self, res)
            #expect(created.account.email == "new.nurse@c01.test" && created.account.role == "nurse")
            #expect(created.account.active && !created.account.hasPassword)
            #expect(created.passwordLink.link.hasPrefix("/reset-password?token="))
            let lifetime = created.passwordLink.expiresAt.timeIntervalSinceNow
            #expect(lifetime > 23.9 * 3600 && lifetime <= 24 * 3600)
            // Without a password, nothing signs in: not even an empty one or the marker stored instead of a hash.
            for guess in ["", "!", "correct horse battery"] {
                #expect(try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email":"new.nurse@c01.test","password":"\#(guess)"}"#).status == .unauthorized)
            }
            let token = Self.token(fromLink: created.passwordLink.link)
            // The policy applies: too short, and the e-mail's name inside, are refused with the field named.
            let short = try await app.json(.POST, "/api/password-reset", token: nil, body: #"{"token":"\#(token)","newPassword":"short"}"#)
            #expect(short.status == .unprocessableEntity && short.errorFields == ["newPassword"])
            let chosen = "lantern river quiet orchard"
            #expect(try await app.json(.POST, "/api/password-reset", token: nil,
                                       body: #"{"token":"\#(token)","newPassword":"\#(chosen)"}"#).status == .noContent)
            _ = try await app.tokenFor("new.nurse@c01.test", password: chosen)
            // Used once: the second use is refused and the password stays.
            let again = try await app.json(.POST, "/api/password-reset", token: nil, body: #"{"token":"\#(token)","newPassword":"another long passphrase"}"#)
            #expect(again.status == .unprocessableEntity && again.errorFields == ["token"])
            _ = try await app.tokenFor("new.nurse@c01.test", password: chosen)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.filter { $0 == "user.created" }.count == 15)
            #expect(actions.contains("user.passwordLinkIssued") && actions.contains("user.passwordSet"))
            // Only the digest of the link's token is stored.
            let stored = try await PasswordReset.query(on: app.db).all()
            #expect(stored.count == 1 && !stored[0].tokenDigest.contains(token) && stored[0].usedAt != nil)
        }
    }

    @Test("a link lapses after 24 hours, a newer link replaces an older one, and an unknown or oversized token opens nothing")
    func linkLifetime() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let admin = f.usersA[.admin]!, nurse = f.usersA[.nurse]!
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await AccountAdministration.issueReset(for: nurse.userID, by: admin, now: t0, on: app.db)
            #expect(try await AccountAdministration.resetTarget(token: first.token, now: t0 + 24 * 3600 - 1, on: app.db) != nil)
            #expect(try await AccountAdministration.resetTarget(token: first.token, now: t0 + 24 * 3600, on: app.db) == nil)
            await #expect(throws: StoreError.self) {
                _ = try await AccountAdministration.completeReset(token: first.token, newHash: "x", now: t0 + 24 * 3600 + 1, on: app.db)
            }
            let second = try await AccountAdministration.issueReset(for: nurse.userID, by: admin, now: t0 + 60, on: app.db)
            #expect(try await AccountAdministration.resetTarget(token: first.token, now: t0 + 120, on: app.db) == nil)
            #expect(try await AccountAdministration.resetTarget(token: second.token, now: t0 + 120, on: app.db) != nil)
            #expect(try await AccountAdministration.resetTarget(token: "", now: t0, on: app.db) == nil)
            #expect(try await AccountAdministration.resetTarget(token: String(repeating: "A", count: 5000), now: t0, on: app.db) == nil)
            // The page says only that the link does not work.
            var status = HTTPStatus.ok, body = ""
            try await app.testing().test(.GET, "/reset-password?token=\(first.token)") { status = $0.status; body = $0.body.string }
            #expect(status == .notFound && body.contains("This link does not work"))
            #expect(!body.contains(Fixtures.email(.nurse, center: "C01")))
        }
    }

    @Test("a deactivated account cannot sign in, its session and tokens stop at once, and reactivation lets it back in with its password")
    func deactivation() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let nurseEmail = Fixtures.email(.nurse, center: "C01")
            let nurseToken = try await app.token(nurseEmail)
            let session = try await app.signIn(nurseEmail)
            #expect(try await app.page("/patients", cookie: session.cookie).status == .ok)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let nurseID = f.usersA[.nurse]!.userID
            #expect(try await app.json(.POST, "/api/admin/users/\(nurseID)/deactivate", token: admin).status == .noContent)
            #expect(try await app.json(.GET, "/api/patients", token: nurseToken).status == .unauthorized)
            #expect(try await app.page("/patients", cookie: session.cookie).status == .seeOther)
            #expect(try await app.json(.POST, "/api/tokens", token: nil,
                                       body: #"{"email":"\#(nurseEmail)","password":"\#(Fixtures.password)"}"#).status == .unauthorized)
            #expect(try await app.json(.POST, "/api/admin/users/\(nurseID)/deactivate", token: admin).status == .conflict)
            // No password link for a deactivated account.
            #expect(try await app.json(.POST, "/api/admin/users/\(nurseID)/password-link", token: admin).status == .conflict)
            #expect(try await app.json(.POST, "/api/admin/users/\(nurseID)/reactivate", token: admin).status == .noContent)
            _ = try await app.token(nurseEmail)
            // The old token was revoked with the deactivation, not just suspended.
            #expect(try await app.json(.GET, "/api/patients", token: nurseToken).status == .unauthorized)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("user.deactivated") && actions.contains("user.reactivated"))
        }
    }

    @Test("a role change takes effect at the next request; an administrator can neither demote nor deactivate themselves")
    func roles() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let statToken = try await app.token(Fixtures.email(.statistician, center: "C01"))
            let statID = f.usersA[.statistician]!.userID
            // A statistician may not enrol; as a coordinator, the same token may.
            let enrol = #"{"givenName":"Li","familyName":"Wei","dateOfBirth":"1961-02-03","hospitalNumber":"H-RC1","sex":"male"}"#
            #expect(try await app.json(.POST, "/api/patients", token: statToken, body: enrol).status == .forbidden)
            #expect(try await app.json(.POST, "/api/admin/users/\(statID)/role", token: admin, body: #"{"role":"coordinator"}"#).status == .noContent)
            #expect(try await app.json(.POST, "/api/patients", token: statToken, body: enrol).status == .created)
            let unknown = try await app.json(.POST, "/api/admin/users/\(statID)/role", token: admin, body: #"{"role":"superuser"}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("coordinator, physician"))
            #expect(try await app.json(.POST, "/api/admin/users/\(statID)/role", token: admin, body: #"{"role":"coordinator"}"#).status == .conflict)
            let adminID = f.usersA[.admin]!.userID
            #expect(try await app.json(.POST, "/api/admin/users/\(adminID)/role", token: admin, body: #"{"role":"nurse"}"#).status == .conflict)
            #expect(try await app.json(.POST, "/api/admin/users/\(adminID)/deactivate", token: admin).status == .conflict)
            let event = try await AuditEvent.query(on: app.db).filter(\.$action == "user.roleChanged").first()
            #expect(event?.payload.contains("statistician") == true && event?.payload.contains("coordinator") == true)
        }
    }

    @Test("only an administrator, and only for their own center: every other role is 403, another center's account is 404")
    func scope() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let targetA = f.usersA[.nurse]!.userID
            for role in Role.staff where role != .admin {
                let t = try await app.token(Fixtures.email(role, center: "C01"))
                #expect(try await app.json(.GET, "/api/admin/users", token: t).status == .forbidden, "\(role)")
                #expect(try await app.json(.POST, "/api/admin/users", token: t,
                                           body: #"{"email":"x@c01.test","displayName":"X","role":"admin"}"#).status == .forbidden, "\(role)")
                for action in ["deactivate", "reactivate", "password-link"] {
                    #expect(try await app.json(.POST, "/api/admin/users/\(targetA)/\(action)", token: t).status == .forbidden, "\(role) \(action)")
                }
                #expect(try await app.json(.POST, "/api/admin/users/\(targetA)/role", token: t, body: #"{"role":"admin"}"#).status == .forbidden)
            }
            let otherAdmin = try await app.token(Fixtures.email(.admin, center: "C02"))
            let listed = try await app.json(.GET, "/api/admin/users", token: otherAdmin)
            #expect(listed.status == .ok && !listed.body.string.contains("@c01.test") && listed.body.string.contains("@c02.test"))
            for action in ["deactivate", "reactivate", "password-link"] {
                #expect(try await app.json(.POST, "/api/admin/users/\(targetA)/\(action)", token: otherAdmin).status == .notFound, "\(action)")
            }
            #expect(try await app.json(.POST, "/api/admin/users/\(targetA)/role", token: otherAdmin, body: #"{"role":"admin"}"#).status == .notFound)
            #expect(try await app.json(.POST, "/api/admin/users/not-a-uuid/deactivate", token: otherAdmin).status == .notFound)
            // Bad creations name their fields and create nothing.
            let before = try await User.query(on: app.db).count()
            let bad = try await app.json(.POST, "/api/admin/users", token: otherAdmin,
                                         body: #"{"email":"not-an-email","displayName":"  ","role":"nurse"}"#)
            #expect(bad.status == .unprocessableEntity && Set(bad.errorFields) == ["displayName"] || Set(bad.errorFields) == ["email", "displayName"])
            let duplicate = try await app.json(.POST, "/api/admin/users", token: otherAdmin,
                                               body: #"{"email":"NURSE@c01.test","displayName":"Copy","role":"nurse"}"#)
            #expect(duplicate.status == .unprocessableEntity && duplicate.errorFields == ["email"])
            let extra = try await app.json(.POST, "/api/admin/users", token: otherAdmin,
                                           body: #"{"email":"a@c02.test","displayName":"A","role":"nurse","password":"x"}"#)
            #expect(extra.status == .badRequest && extra.errorFields == ["password"])
            #expect(try await User.query(on: app.db).count() == before)
        }
    }

    @Test("the page: an administrator creates an account and sees its link once; the owner sets a password on the link's page; other roles get 403")
    func pages() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            #expect(try await app.page("/admin/users", cookie: nurse.cookie).status == .forbidden)
            #expect(!(try await app.page("/", cookie: nurse.cookie).body.string.contains("/admin/users")))
            let admin = try await app.signIn(Fixtures.email(.admin, center: "C01"))
            let list = try await app.page("/admin/users", cookie: admin.cookie)
            #expect(list.status == .ok && list.body.string.contains("nurse@c01.test") && !list.body.string.contains("@c02.test"))
            // A refused creation keeps what was typed and says what is wrong beside the field.
            let refused = try await app.form("/admin/users", cookie: admin.cookie,
                                             fields: [("_csrf", admin.csrf), ("email", "pharmacist@c01"), ("displayName", "Zhao Lei"), ("role", "nurse")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("is not an email address")
                    && refused.body.string.contains("value=\"Zhao Lei\""))
            let created = try await app.form("/admin/users", cookie: admin.cookie,
                                             fields: [("_csrf", admin.csrf), ("email", "pharmacist@c01.test"), ("displayName", "Zhao Lei"), ("role", "qa")])
            #expect(created.status == .created)
            let link = created.body.string.firstMatch(of: /\/reset-password\?token=([A-Za-z0-9_-]+)/).map { String($0.1) } ?? ""
            #expect(!link.isEmpty)
            // Without the session's CSRF token nothing changes.
            #expect(try await app.form("/admin/users", cookie: admin.cookie,
                                       fields: [("email", "x@c01.test"), ("displayName", "X"), ("role", "qa")]).status == .forbidden)
            // The owner opens the link, without signing in.
            var cookie = "", csrf = "", body = ""
            try await app.testing().test(.GET, "/reset-password?token=\(link)") { res in
                cookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
                csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
                body = res.body.string
                #expect(res.headers.setCookie?["cartograph-session"] == nil)
            }
            #expect(body.contains("pharmacist@c01.test"))
            func post(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                var captured: TestingHTTPResponse?
                let form = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
                try await app.testing().test(.POST, "/reset-password", headers: ["Cookie": "cartograph-signin=\(cookie)",
                                                                                 "Content-Type": "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: form)) { captured = $0 }
                return captured!
            }
            let mismatch = try await post([("_csrf", csrf), ("token", link), ("newPassword", "paper lantern evening tide"), ("confirmation", "paper lantern evening")])
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("does not repeat the new password"))
            let mismatchCSRF = mismatch.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
            cookie = mismatch.headers.setCookie?["cartograph-signin"]?.string ?? cookie
            let done = try await post([("_csrf", mismatchCSRF), ("token", link), ("newPassword", "paper lantern evening tide"),
                                       ("confirmation", "paper lantern evening tide")])
            #expect(done.status == .ok && done.body.string.contains("Your password is set"))
            _ = try await app.signIn("pharmacist@c01.test", password: "paper lantern evening tide")
            let after = try await app.page("/admin/users", cookie: admin.cookie)
            #expect(after.body.string.contains("Zhao Lei") && after.body.string.contains("Quality assurance"))
        }
    }

    @Test("one's own password: the current one must be re-entered, the new one follows the policy, and every token is revoked")
    func ownPassword() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.physician, center: "C01")
            let token = try await app.token(email)
            let wrong = try await app.json(.POST, "/api/account/password", token: token,
                                           body: #"{"currentPassword":"not it at all","newPassword":"sixteen chars ok!"}"#)
            #expect(wrong.status == .unprocessableEntity && wrong.errorFields == ["currentPassword"])
            #expect(try await app.json(.POST, "/api/account/password", token: token,
                                       body: #"{"currentPassword":"\#(Fixtures.password)","newPassword":"willow copper harbour"}"#).status == .noContent)
            #expect(try await app.json(.GET, "/api/patients", token: token).status == .unauthorized)
            _ = try await app.tokenFor(email, password: "willow copper harbour")
        }
    }
}
