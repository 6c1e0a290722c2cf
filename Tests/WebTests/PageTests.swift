import CartographCore
import Foundation
import Store
import NIOCore
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

@Suite("Pages: sign-in, CSRF, forms")
struct PageTests {
    @Test("pages redirect to sign-in without a session")
    func redirect() async throws {
        _ = try await withTestApp { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasPrefix("/signin") == true)
            }
        }
    }

    @Test("sign-in needs the right password and its CSRF token")
    func signIn() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let (cookie, _) = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let dashboard = try await app.page("/", cookie: cookie)
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("Patients by journey step"))
            // A form posted without the session's CSRF token is refused.
            let forged = try await app.form("/patients/new", cookie: cookie, fields: [("givenName", "X")])
            #expect(forged.status == .forbidden)
        }
    }

    @Test("signing in issues a new session ID; a planted ID stays anonymous; anonymous visits and API calls store no session")
    func sessionRotation() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            // Thirty anonymous visits to the sign-in page leave no session row.
            var signInCookie = "", csrf = ""
            for _ in 0..<30 {
                try await app.testing().test(.GET, "/signin") { res in
                    #expect(res.headers.setCookie?["cartograph-session"] == nil)
                    signInCookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
                    csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
                }
            }
            #expect(try await SignInSession.query(on: app.db).count() == 0)
            // An API call with a bearer token leaves none either.
            let token = try await app.token(Fixtures.email(.nurse, center: "C01"))
            let api = try await app.json(.GET, "/api/patients", token: token)
            #expect(api.status == .ok && api.headers.setCookie?["cartograph-session"] == nil)
            #expect(try await SignInSession.query(on: app.db).count() == 0)
            // A session ID planted before sign-in is replaced.
            let body = "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&email=\(Fixtures.email(.nurse, center: "C01"))&password=\(Fixtures.password)&next=/"
            var after = ""
            try await app.testing().test(.POST, "/signin", headers: [
                "Cookie": "cartograph-session=planted-by-someone; cartograph-signin=\(signInCookie)",
                "Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)) { res in
                #expect(res.status == .seeOther)
                after = res.headers.setCookie?["cartograph-session"]?.string ?? ""
            }
            #expect(!after.isEmpty && after != "planted-by-someone")
            #expect(try await app.page("/", cookie: after).status == .ok)
            #expect(try await app.page("/", cookie: "planted-by-someone").status == .seeOther)
            #expect(try await SignInSession.query(on: app.db).count() == 1)
        }
    }

    @Test("a session ends on the server after its idle time, and at its absolute lifetime however active")
    func sessionExpiry() async throws {
        let sessions = SignInSessions(idle: 30 * 60, lifetime: 12 * 3600)
        try await withTestApp { app in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let key = try await sessions.create(["user": "u"], now: start, on: app.db)
            #expect(try await sessions.read(key, now: start + 29 * 60, on: app.db) == ["user": "u"])
            // Idle for more than 30 minutes: gone, and its row deleted.
            #expect(try await sessions.read(key, now: start + 31 * 60, on: app.db) == nil)
            #expect(try await SignInSession.query(on: app.db).count() == 0)
            // Active every 20 minutes: alive until 12 hours after sign-in, never after.
            let busy = try await sessions.create(["user": "u"], now: start, on: app.db)
            var t = start
            while t < start + 12 * 3600 - 20 * 60 {
                t += 20 * 60
                #expect(try await sessions.read(busy, now: t, on: app.db) != nil, "\(t.timeIntervalSince(start) / 3600) h")
                _ = try await sessions.update(busy, to: ["user": "u"], now: t, on: app.db)
            }
            #expect(try await sessions.read(busy, now: start + 12 * 3600 + 1, on: app.db) == nil)
            // Creating a session deletes every expired row.
            _ = try await sessions.create(["user": "a"], now: start, on: app.db)
            _ = try await sessions.create(["user": "b"], now: start + 13 * 3600, on: app.db)
            #expect(try await SignInSession.query(on: app.db).count() == 1)
        }
    }

    @Test("an unchanged session is written only when its idle limit moves by a minute or more; an ended one is never revived")
    func sessionSlide() async throws {
        let sessions = SignInSessions(idle: 30 * 60, lifetime: 12 * 3600)
        try await withTestApp { app in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let key = try await sessions.create(["user": "u"], now: start, on: app.db)
            func expiry() async throws -> Date? { try await SignInSession.find(key, on: app.db)?.expiresAt }
            // 30 s later: the same values, the limit would move 30 s: nothing written.
            let read = try #require(try await sessions.stored(key, now: start + 30, on: app.db))
            #expect(try await sessions.update(key, to: ["user": "u"], read: read, now: start + 30, on: app.db) == key)
            #expect(try await expiry() == start + 30 * 60)
            // 90 s later the limit moves on; and changed values are written at once.
            let later = try #require(try await sessions.stored(key, now: start + 90, on: app.db))
            #expect(try await sessions.update(key, to: ["user": "u"], read: later, now: start + 90, on: app.db) == key)
            #expect(try await expiry() == start + 90 + 30 * 60)
            let again = try #require(try await sessions.stored(key, now: start + 95, on: app.db))
            _ = try await sessions.update(key, to: ["user": "u", "csrf": "t"], read: again, now: start + 95, on: app.db)
            #expect(try await sessions.read(key, now: start + 96, on: app.db) == ["user": "u", "csrf": "t"])
            // Ended while a request ran (signed out elsewhere): the update writes nothing and says so.
            let inFlight = try #require(try await sessions.stored(key, now: start + 100, on: app.db))
            try await sessions.delete(key, on: app.db)
            #expect(try await sessions.update(key, to: ["user": "u", "csrf": "x"], read: inFlight, now: start + 200, on: app.db) == nil)
            #expect(try await SignInSession.query(on: app.db).count() == 0)
        }
    }

    @Test("a request already under way when every session of its user is ended does not sign the user in again")
    func endedSessionNotRevived() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let (cookie, _) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let key = cookie
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let sessions = SignInSessions(idle: app.settings.sessionIdle, lifetime: app.settings.sessionLifetime)
            let driver = SessionStore(sessions: sessions)
            let data = try #require(try await driver.readSession(SessionID(string: key), for: request))
            #expect(data.snapshot.keys.contains("_UserSession"))
            // The password is changed elsewhere: every session of the user ends.
            try await SignInSession.query(on: app.db).delete()
            let renewed = try await driver.updateSession(SessionID(string: key), to: data, for: request)
            // Whatever key the response carries, no stored session names the user any more.
            let user = try #require(data.snapshot["_UserSession"])
            #expect(try await SignInSession.query(on: app.db).all().allSatisfy { !$0.data.contains(user) })
            let kept = try await sessions.read(renewed.string, on: app.db) ?? [:]
            #expect(kept["_UserSession"] == nil)
            let page = try await app.page("/patients", cookie: renewed.string)
            #expect(page.status == .seeOther || page.status == .found || page.status == .unauthorized, "\(page.status)")
        }
    }

    @Test("a cross-site form cannot sign in: the CSRF token is required")
    func signInWithoutCSRF() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let res = try await app.form("/signin", cookie: "none", fields: [("email", Fixtures.email(.nurse, center: "C01")), ("password", Fixtures.password)])
            #expect(res.status == .forbidden)
        }
    }

    @Test("the enrolment form shows each error beside its field and writes nothing")
    func enrolmentErrors() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let before = try await TableCounts.read(app.db)
            let res = try await app.form("/patients/new", cookie: cookie, fields: [
                ("_csrf", csrf), ("givenName", ""), ("familyName", "Doe"), ("dateOfBirth", "2030-01-01"),
                ("hospitalNumber", "H9"), ("sex", "female"), ("productId", "fucaso"), ("enrolledOn", "2026-03-01")])
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains(/class="field invalid">\s*<label for="givenName">/))
            #expect(html.contains("is required"))
            #expect(html.contains("2030-01-01 is in the future"))
            #expect(html.contains(#"value="Doe""#), "entered values are kept")
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("a coordinator enrols through the form and lands on the patient page; manufacturing sees no name there")
    func enrolAndView() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let res = try await app.form("/patients/new", cookie: cookie, fields: [
                ("_csrf", csrf), ("givenName", "Rosalind"), ("familyName", "Franklinson"), ("dateOfBirth", "1958-07-25"),
                ("hospitalNumber", "H-42"), ("sex", "female"), ("productId", "fucaso"), ("enrolledOn", "2026-03-01")])
            #expect(res.status == .seeOther)
            let location = try #require(res.headers.first(name: .location))
            let page = try await app.page(location, cookie: cookie)
            #expect(page.body.string.contains("Franklinson, Rosalind"))
            let (mcookie, _) = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            let mpage = try await app.page(location, cookie: mcookie)
            #expect(mpage.status == .ok)
            #expect(!mpage.body.string.contains("Rosalind"))
            #expect(!mpage.body.string.contains("1958-07-25"))
            #expect(!mpage.body.string.contains("H-42"))
            // Another center's coordinator gets a 404 page.
            let (bcookie, _) = try await app.signIn(Fixtures.email(.coordinator, center: "C02"))
            #expect(try await app.page(location, cookie: bcookie).status == .notFound)
        }
    }

    @Test("the openapi document is served")
    func openAPI() async throws {
        _ = try await withTestApp { app in
            try await app.testing().test(.GET, "/openapi.yaml") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.hasPrefix("openapi: 3.0.3"))
                for path in ["/api/tokens:", "/api/patients:", "/api/patients/{patientID}/events:", "/health:"] {
                    #expect(res.body.string.contains(path))
                }
            }
        }
    }
}
