import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// Forms catch mistakes and say so beside the field; age comes from the date of birth; a second
/// enrolment of the same person needs a reason; browser errors are pages of the app.
@Suite("Forms that catch mistakes", .serialized)
struct FormRuleTests {
    static let today = CalendarDate("2026-03-15")!

    /// The bedside form for an infused patient of center A, and the signed-in nurse's session.
    func assessmentForm(_ app: Application) async throws -> (path: String, cookie: String, csrf: String) {
        let f = try await Fixtures.make(on: app)
        let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-10")!, today: Self.today, on: app.db)
        let (cookie, csrf) = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
        return ("/patients/\(try p.requireID())/assessments/new", cookie, csrf)
    }

    static func assessment(_ csrf: String, _ extra: [(String, String)]) -> [(String, String)] {
        [("_csrf", csrf), ("assessedAt", "2026-03-15T09:00"), ("hypotension", "no"), ("oxygenDevice", "none")] + extra
    }

    /// The error span that follows the named field's input (the field's own `div`).
    static func errorBeside(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: #"<label for="\#(name)">"#) else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</div>")?.lowerBound ?? rest.endIndex
        let block = rest[..<end]
        guard let e = block.range(of: #"<span class="error">"#) else { return nil }
        let message = block[e.upperBound...]
        return String(message[..<(message.range(of: "</span>")?.lowerBound ?? message.endIndex)])
    }

    @Test("ICE orientation 7, 45.0 °C and a vasopressor without hypotension each come back with a message beside the field; nothing is written")
    func bedsideRules() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let (path, cookie, csrf) = try await assessmentForm(app)
            let before = try await SafetyAssessmentRecord.query(on: app.db).count()
            let ice = try await app.form(path, cookie: cookie, fields: Self.assessment(csrf, [
                ("temperatureC", "37.2"), ("iceOrientation", "7"), ("iceNaming", "3"), ("iceFollowsCommands", "1"),
                ("iceWriting", "1"), ("iceAttention", "1")]))
            #expect(ice.status == .unprocessableEntity)
            #expect(Self.errorBeside("iceOrientation", in: ice.body.string) == "7 is out of range 0...4")
            let hot = try await app.form(path, cookie: cookie, fields: Self.assessment(csrf, [("temperatureC", "45.0")]))
            #expect(hot.status == .unprocessableEntity)
            #expect(Self.errorBeside("temperatureC", in: hot.body.string)?.contains("out of range 30...43") == true)
            let pressor = try await app.form(path, cookie: cookie, fields: Self.assessment(csrf, [
                ("temperatureC", "38.4"), ("vasopressor1", "norepinephrine"), ("vasopressor1Dose", "0.1"),
                ("vasopressor1Unit", "microgramsPerKilogramPerMinute")]))
            #expect(pressor.status == .unprocessableEntity)
            #expect(Self.errorBeside("hypotension", in: pressor.body.string)?.contains("a vasopressor is running") == true)
            let dose = try await app.form(path, cookie: cookie, fields: Self.assessment(csrf, [
                ("temperatureC", "38.4"), ("hypotension", "yes"), ("vasopressor1", "norepinephrine"), ("vasopressor1Dose", "50"),
                ("vasopressor1Unit", "microgramsPerKilogramPerMinute")]))
            #expect(Self.errorBeside("vasopressor1Dose", in: dose.body.string)?.contains("50 ") == true)
            // An incomplete ICE does not hide the other problems of the same form.
            let partial = try await app.form(path, cookie: cookie, fields: Self.assessment(csrf, [("temperatureC", "45.0"), ("iceOrientation", "7")]))
            #expect(partial.body.string.contains("give all five ICE items"))
            #expect(Self.errorBeside("temperatureC", in: partial.body.string)?.contains("out of range 30...43") == true)
            #expect(try await SafetyAssessmentRecord.query(on: app.db).count() == before)
            // Units and devices read as clinicians write them.
            let form = try await app.page(path, cookie: cookie).body.string
            let (manufacturing, _) = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.page(path, cookie: manufacturing).status == .forbidden, "the form is not offered to a role that cannot record")
            #expect(form.contains(">µg/kg/min<"))
            #expect(!form.contains(">microgramsPerKilogramPerMinute<"))
            #expect(form.contains(">high-flow nasal cannula<"))
        }
    }

    @Test("the same hospital number, or the same name and date of birth, is refused unless a reason is given; the override is audited")
    func duplicateEnrolment() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            _ = try await PatientRepository.enrol(Fixtures.enrolment(given: "Mina", family: "Okafor", born: "1961-02-03"),
                                                  by: f.coordinatorA, today: Self.today, on: app.db)
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            func enrol(_ given: String, _ family: String, _ born: String, _ number: String, reason: String = "") async throws -> TestingHTTPResponse {
                try await app.form("/patients/new", cookie: cookie, fields: [
                    ("_csrf", csrf), ("givenName", given), ("familyName", family), ("dateOfBirth", born), ("hospitalNumber", number),
                    ("sex", "female"), ("productId", "fucaso"), ("enrolledOn", "2026-03-01"), ("duplicateReason", reason)])
            }
            // Same hospital number (Fixtures gives "H-Mina"), different name.
            let sameNumber = try await enrol("Amina", "Other", "1970-01-01", " h-mina ")
            #expect(sameNumber.status == .unprocessableEntity)
            #expect(Self.errorBeside("duplicateReason", in: sameNumber.body.string)?.contains("C01-0001 (same hospital number)") == true)
            // Same name and date of birth, another number.
            let sameName = try await enrol("MINA", "okafor", "1961-02-03", "H-777")
            #expect(Self.errorBeside("duplicateReason", in: sameName.body.string)?.contains("C01-0001 (same name and date of birth)") == true)
            #expect(try await Patient.query(on: app.db).count() == 1)
            // A different person, said so: enrolled, and the override is in the audit trail.
            let confirmed = try await enrol("Mina", "Okafor", "1961-02-03", "H-778", reason: "namesake, different mother's name")
            #expect(confirmed.status == .seeOther)
            #expect(try await Patient.query(on: app.db).count() == 2)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "patient.duplicateOverridden").all()
            #expect(audit.count == 1)
            #expect(audit.first?.payload.contains("namesake") == true)
            // A control character is never part of an identity.
            let nul = try await enrol("Nul", "Byte", "1970-01-01", "H-\u{0}")
            #expect(Self.errorBeside("hospitalNumber", in: nul.body.string)?.contains("control character") == true)
            // Another center's patient with the same number is not a duplicate here.
            _ = try await PatientRepository.enrol(Fixtures.enrolment(given: "Zed"), by: f.coordinatorB, today: Self.today, on: app.db)
            #expect(try await enrol("Zed", "Else", "1980-01-01", "H-Zed").status == .seeOther)
        }
    }

    @Test("the age is computed from the date of birth; a typed age that disagrees is refused naming ageYears")
    func ageFromDateOfBirth() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            // Born 1960-05-04: 65 on 2026-03-01 (birthday not reached), not 45.
            let (p, t) = try await PatientRepository.enrol(Fixtures.enrolment(born: "1960-05-04"), by: f.coordinatorA, today: Self.today, on: app.db)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let typed = try await app.json(.POST, "/api/patients/\(try p.requireID())/screening", token: token,
                                           body: #"{"screenedOn":"2026-03-01","ageYears":45,"ecog":1}"#)
            #expect(typed.status == .unprocessableEntity)
            #expect(typed.errorFields == ["ageYears"])
            let computed = try await app.json(.POST, "/api/patients/\(try p.requireID())/screening", token: token,
                                              body: #"{"screenedOn":"2026-03-01","ecog":1}"#)
            #expect(computed.status == .ok)
            let stored = try #require(try await ScreeningRepository.latest(of: try t.requireID(), on: app.db))
            #expect(stored.data.ageYears == 65)
            let beforeBirth = try await app.json(.POST, "/api/patients/\(try p.requireID())/screening", token: token,
                                                 body: #"{"screenedOn":"1959-01-01","ecog":1}"#)
            #expect(beforeBirth.errorFields == ["screenedOn"])
            let (cookie, _) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let page = try await app.page("/patients/\(try p.requireID())/screening", cookie: cookie).body.string
            #expect(page.contains("born 1960-05-04"))
            #expect(!page.contains(#"name="ageYears""#))
        }
    }

    @Test("a browser gets HTML error pages inside the app's layout; the API keeps JSON")
    func errorPages() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            _ = try await Fixtures.make(on: app)
            let (cookie, _) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            var html: TestingHTTPResponse?
            try await app.testing().test(.GET, "/no-such-page", headers: ["Cookie": "cartograph-session=\(cookie)",
                                                                           "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]) { html = $0 }
            #expect(html?.status == .notFound)
            #expect(html?.headers.contentType?.subType == "html")
            #expect(html?.body.string.contains(#"<a href="/patients">Patients</a>"#) == true, "the navigation stays")
            let missing = try await app.page("/patients/\(UUID())", cookie: cookie)
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("404 Not Found"))
            let api = try await app.json(.GET, "/api/patients/\(UUID())", token: try await app.token(Fixtures.email(.coordinator, center: "C01")))
            #expect(api.status == .notFound)
            #expect(api.headers.contentType == .json)
        }
    }

    @Test("a cursor from another ordering, or forged, is refused naming cursor; flags read any common spelling")
    func listCursor() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            for name in ["Ann", "Bea", "Cy"] {
                _ = try await PatientRepository.enrol(Fixtures.enrolment(given: name), by: f.coordinatorA, today: Self.today, on: app.db)
            }
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let first = try await app.json(.GET, "/api/patients?limit=2&sort=code", token: token)
            let cursor = try #require(first.headers.first(name: "X-Next-Cursor"))
            #expect(try await app.json(.GET, "/api/patients?limit=2&sort=code&cursor=\(cursor)", token: token).status == .ok)
            let other = try await app.json(.GET, "/api/patients?limit=2&sort=stage&cursor=\(cursor)", token: token)
            #expect(other.status == .unprocessableEntity && other.errorFields == ["cursor"])
            #expect(try await app.json(.GET, "/api/patients?cursor=Zm9v", token: token).errorFields == ["cursor"])
            #expect(try await app.json(.GET, "/api/patients?overdue=TRUE", token: token).status == .ok)
        }
    }

    @Test("a slot calendar far in the future is refused naming from, never a crash")
    func slotsAtTheEndOfTime() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            _ = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.manufacturing, center: "C01"))
            for from in ["9999-12-31", "9999-12-25", "0001-01-01"] {
                let res = try await app.json(.GET, "/api/slots?from=\(from)", token: token)
                #expect(res.status == .unprocessableEntity, "\(from)")
                #expect(res.errorFields == ["from"])
            }
            let (cookie, _) = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.page("/slots?from=9999-12-25", cookie: cookie).status == .unprocessableEntity)
            #expect(try await app.json(.GET, "/api/slots?from=2027-03-01", token: token).status == .ok)
        }
    }

    @Test("only the operating center sets a manufacturing site's capacity; another center's admin gets 404 and changes nothing")
    func capacityBelongsToTheOperator() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M01", name: "Site", timeZone: "Asia/Shanghai", facilityCode: "X9999",
                                        operatorCenterID: f.centerA).create(on: app.db)
            let own = try await app.token(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.json(.POST, "/api/manufacturing-sites/M01/capacity", token: own, body: #"{"slotsPerWeek": 4}"#).status == .ok)
            for role in [Role.admin, .manufacturing] {
                let other = try await app.token(Fixtures.email(role, center: "C02"))
                let res = try await app.json(.POST, "/api/manufacturing-sites/M01/capacity", token: other, body: #"{"slotsPerWeek": 0}"#)
                #expect(res.status == .notFound, "\(role): \(res.status)")
            }
            let slots = try await app.json(.GET, "/api/slots?from=2026-03-16", token: own)
            #expect(slots.body.string.contains("\"slotsPerWeek\":4"))
        }
    }

    @Test("roles that cannot enrol, screen or import labs are refused when they open those forms, not after filling them in")
    func formsRefusedOnOpening() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (patient, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Forms"), by: f.coordinatorA,
                                                                 today: CalendarDate("2026-03-15")!, on: app.db)
            for role in [Role.manufacturing, .qa, .statistician] {
                let (cookie, _) = try await app.signIn(Fixtures.email(role, center: "C01"))
                for path in ["/patients/new", "/labs/import", "/patients/\(try patient.requireID())/screening"] {
                    let res = try await app.page(path, cookie: cookie)
                    #expect(res.status == .forbidden, "\(role) \(path): \(res.status)")
                    #expect(res.body.string.contains("<html"), "\(role) \(path) answers HTML")
                }
            }
            let (cookie, _) = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            #expect(try await app.page("/patients/new", cookie: cookie).status == .ok)
        }
    }

    @Test("sign-in's next accepts only a same-origin path", arguments: [
        ("/patients?stage=collection", "/patients?stage=collection"),
        ("/%0D%0ASet-Cookie:%20x=1", "/"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("/%09/evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/%2F/evil.example", "/"),
        ("", "/"),
    ])
    func safeNext(raw: String, expected: String) {
        #expect(PageRoutes.safeNext(raw) == expected)
    }

    @Test("a page opened without a session sends to sign-in and back to the same page with its query")
    func signInKeepsQuery() async throws {
        try await withTestApp { app in
            var location = ""
            try await app.testing().test(.GET, "/patients?stage=collection&overdue=true") { location = $0.headers.first(name: .location) ?? "" }
            let next = location.components(separatedBy: "next=").last?.removingPercentEncoding ?? ""
            #expect(location.hasPrefix("/signin?next="))
            #expect(next == "/patients?stage=collection&overdue=true")
            #expect(PageRoutes.safeNext(next) == next)
        }
    }
}
