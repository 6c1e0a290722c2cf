import CartographCore
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

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

    @Test("signing in issues a new session ID; the pre-sign-in ID stays anonymous")
    func sessionRotation() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            var before = "", csrf = ""
            try await app.testing().test(.GET, "/signin") { res in
                before = res.headers.setCookie?["cartograph-session"]?.string ?? ""
                csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
            }
            let res = try await app.form("/signin", cookie: before, fields: [
                ("_csrf", csrf), ("email", Fixtures.email(.nurse, center: "C01")), ("password", Fixtures.password), ("next", "/")])
            #expect(res.status == .seeOther)
            let after = try #require(res.headers.setCookie?["cartograph-session"]?.string)
            #expect(!before.isEmpty && after != before)
            #expect(try await app.page("/", cookie: after).status == .ok)
            #expect(try await app.page("/", cookie: before).status == .seeOther)
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
