import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The daily self-check: patient-reported, never graded, urgent on the board at 38.0 °C or a
/// neurological symptom, refused beside the field when it cannot be right.
@Suite("Daily self-check", .serialized)
struct SelfCheckTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static var today: CalendarDate { CalendarDate.today(in: zone) }

    /// A patient infused five days ago (so today is Day 5) with an account, signed in.
    static func setUp(_ app: Application, infused: Bool = true) async throws -> (f: Fixtures, therapy: UUID, patient: UUID, session: (cookie: String, csrf: String)) {
        let f = try await Fixtures.make(on: app)
        let pid: UUID, therapy: UUID
        if infused {
            let (patient, t) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: today.adding(days: -5), today: today, given: "Mei", on: app.db)
            pid = try patient.requireID(); therapy = t
        } else {
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let file = try await app.json(.POST, "/api/patients", token: token,
                                          body: #"{"givenName":"Mei","familyName":"Wait","dateOfBirth":"1960-01-01","hospitalNumber":"H-SC","sex":"female"}"#)
                .content.decode(PatientFile.self)
            pid = file.id; therapy = file.therapyID
        }
        let code = try await PatientAccess.issue(patientID: pid, holder: .patient, holderName: "Mei", by: f.coordinatorA, on: app.db)
        _ = try await PatientAccess.activate(code: code.code, email: "mei@home.test", passwordHash: try app.password.hash(Fixtures.password), on: app.db)
        return (f, therapy, pid, try await app.signIn("mei@home.test"))
    }

    static func local(_ date: Date) -> String { AssessmentForm.formatLocal(date, timeZone: zone) }

    static func send(_ app: Application, _ session: (cookie: String, csrf: String), _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        try await app.form("/me/check", cookie: session.cookie, fields: [("_csrf", session.csrf)] + fields)
    }

    @Test("fever and confusion reach the board as urgent, patient-reported alerts; nothing is graded; chills alone is a warning")
    func urgentOnTheBoard() async throws {
        try await withTestApp(today: Self.today.description) { app in
            // setup
            let (_, therapy, patient, session) = try await Self.setUp(app)
            let me = try await app.page("/me", cookie: session.cookie)
            #expect(me.body.string.contains("While you stay near the center") && me.body.string.contains("/me/check"))
            let assessmentsBefore = try await SafetyAssessmentRecord.query(on: app.db).count()
            // MUT
            let sent = try await Self.send(app, session, [("recordedAt", Self.local(Date().addingTimeInterval(-3600))), ("temperatureC", "38.4"),
                                                          ("confusion", "true"), ("note", "felt muddled after lunch")])
            let chills = try await Self.send(app, session, [("recordedAt", Self.local(Date().addingTimeInterval(-600))), ("temperatureC", "37,2"),
                                                            ("chills", "true")])
            // validate
            #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "/me?sent=1", "\(sent.status) \(sent.body.string)")
            #expect(chills.status == .seeOther)
            let alerts = try await AlertRecord.query(on: app.db).filter(\.$therapy.$id == therapy).all()
            let byKind = Dictionary(grouping: alerts.filter { $0.kind.hasPrefix("patientReported") }, by: \.kind)
            #expect(byKind[SelfChecks.feverKind]?.first?.severity == "urgent")
            #expect(byKind[SelfChecks.neurologicalKind]?.first?.severity == "urgent")
            #expect(byKind[SelfChecks.symptomsKind]?.first?.severity == "warning")
            #expect(byKind[SelfChecks.feverKind]?.first?.message.hasPrefix("Patient-reported, day 5") == true
                    || byKind[SelfChecks.feverKind]?.first?.message.hasPrefix("Patient-reported, day 4") == true)
            #expect(try await SafetyAssessmentRecord.query(on: app.db).count() == assessmentsBefore, "patient reports are never graded")
            #expect(try await SelfCheckRecord.query(on: app.db).count() == 2)
            let staff = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let board = try await app.page("/board", cookie: staff.cookie)
            #expect(board.body.string.contains("Patient-reported") && board.body.string.contains("38.4 °C"))
            let page = try await app.page("/patients/\(patient)", cookie: staff.cookie)
            #expect(page.body.string.contains("felt muddled after lunch") && page.body.string.contains("37.2 °C"))
        }
    }

    @Test("bad input is refused beside its field and stores nothing", arguments: [
        ("temperatureC", "3.9"), ("temperatureC", "39a"), ("temperatureC", "1e400"), ("recordedAt", "future"), ("recordedAt", "2026-02-30T10:00"),
        ("recordedAt", "long ago"), ("note", String(repeating: "x", count: 1001)),
    ])
    func refused(field: String, value: String) async throws {
        try await withTestApp(today: Self.today.description) { app in
            // setup
            let (_, _, _, session) = try await Self.setUp(app)
            var fields: [String: String] = ["recordedAt": Self.local(Date().addingTimeInterval(-60)), "temperatureC": "37.0"]
            switch value {
            case "future": fields[field] = Self.local(Date().addingTimeInterval(2 * 3600))
            case "long ago": fields[field] = Self.local(Date().addingTimeInterval(-3 * 86400))
            default: fields[field] = value
            }
            // MUT
            let res = try await Self.send(app, session, fields.map { ($0.key, $0.value) })
            // validate
            #expect(res.status == .unprocessableEntity, "\(field)=\(value.prefix(20)): \(res.status)")
            #expect(FormRuleTests.errorBeside(field, in: res.body.string) != nil, "\(field): no error beside it")
            #expect(try await SelfCheckRecord.query(on: app.db).count() == 0)
            #expect(try await AlertRecord.query(on: app.db).filter(\.$kind ~~ [SelfChecks.feverKind, SelfChecks.neurologicalKind, SelfChecks.symptomsKind]).count() == 0)
        }
    }

    @Test("outside the monitoring window there is no form and a report is refused; staff cannot send one")
    func outsideTheWindow() async throws {
        try await withTestApp(today: Self.today.description) { app in
            // setup: infusion planned 40 days from now (not infused yet)
            let (f, _, _, session) = try await Self.setUp(app, infused: false)
            // MUT
            let form = try await app.page("/me/check", cookie: session.cookie)
            let sent = try await Self.send(app, session, [("recordedAt", Self.local(Date())), ("temperatureC", "38.5")])
            // validate
            #expect(form.body.string.contains("The self-check is for the days") && !form.body.string.contains("Send to my care team"))
            #expect(sent.status == .unprocessableEntity)
            await #expect(throws: StoreError.self) {
                _ = try await SelfChecks.record(SelfCheckEntry(recordedAt: Date(), temperatureC: 38.5), by: f.usersA[.nurse]!, today: Self.today, on: app.db)
            }
            #expect(try await SelfCheckRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("an administrator sets the center's 24-hour number; patients see it as a link to call; bad numbers and other roles are refused")
    func emergencyPhone() async throws {
        try await withTestApp(today: Self.today.description) { app in
            // setup
            let (_, _, _, session) = try await Self.setUp(app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let nurse = try await app.token(Fixtures.email(.nurse, center: "C01"))
            // MUT / validate
            #expect(try await app.json(.POST, "/api/admin/emergency-phone", token: nurse, body: #"{"phone":"+86 10 1234 5678"}"#).status == .forbidden)
            for bad in ["12", "call me", "+86 +10 1234", "<script>1234567</script>", String(repeating: "1", count: 25)] {
                let res = try await app.json(.POST, "/api/admin/emergency-phone", token: admin, body: #"{"phone":"\#(bad)"}"#)
                #expect(res.status == .unprocessableEntity && res.errorFields == ["phone"], "\(bad): \(res.status)")
            }
            #expect(try await app.json(.POST, "/api/admin/emergency-phone", token: admin, body: #"{"phone":"+86 (10) 1234-5678"}"#).status == .noContent)
            let me = try await app.page("/me", cookie: session.cookie)
            #expect(me.body.string.contains("href=\"tel:+861012345678\"") && me.body.string.contains("+86 (10) 1234-5678"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "center.emergencyPhoneSet").count() == 1)
        }
    }

    @Test("an administrator sets how far patients stay; the patient's page says it; out-of-range, malformed and other roles are refused; null clears it")
    func stayWithin() async throws {
        try await withTestApp(today: Self.today.description) { app in
            // setup: a patient in the monitoring window with an account
            let (_, _, _, session) = try await Self.setUp(app)
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            // MUT / validate
            #expect(try await app.json(.POST, "/api/admin/stay-within", token: coordinator, body: #"{"kilometres":50}"#).status == .forbidden)
            for bad in ["0", "501", "-3"] {
                let res = try await app.json(.POST, "/api/admin/stay-within", token: admin, body: #"{"kilometres":\#(bad)}"#)
                #expect(res.status == .unprocessableEntity && res.errorFields == ["kilometres"], "\(bad): \(res.status)")
            }
            for bad in [#"{"kilometres":2.5}"#, #"{"kilometres":"50"}"#, #"{"kilometres":50,"miles":30}"#] {
                #expect(try await app.json(.POST, "/api/admin/stay-within", token: admin, body: bad).status == .badRequest, "\(bad)")
            }
            var me = try await app.page("/me", cookie: session.cookie)
            #expect(me.body.string.contains("Stay within reach of the treatment center"))
            #expect(try await app.json(.POST, "/api/admin/stay-within", token: admin, body: #"{"kilometres":50}"#).status == .noContent)
            me = try await app.page("/me", cookie: session.cookie)
            #expect(me.body.string.contains("Stay within 50 km of the treatment center until day 28"))
            #expect(try await app.json(.POST, "/api/admin/stay-within", token: admin, body: #"{"kilometres":null}"#).status == .noContent)
            me = try await app.page("/me", cookie: session.cookie)
            #expect(me.body.string.contains("Stay within reach of the treatment center"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "center.stayWithinSet").count() == 2)
            // The administrators' page: the error beside the field, the value kept.
            let page = try await app.signIn(Fixtures.email(.admin, center: "C01"))
            let refused = try await app.form("/admin/stay-within", cookie: page.cookie, fields: [("_csrf", page.csrf), ("kilometres", "12e3")])
            #expect(refused.status == .unprocessableEntity)
            #expect(FormRuleTests.errorBeside("kilometres", in: refused.body.string) != nil)
            let saved = try await app.form("/admin/stay-within", cookie: page.cookie, fields: [("_csrf", page.csrf), ("kilometres", "30")])
            #expect(saved.status == .ok && saved.body.string.contains("within 30 km of the center"))
        }
    }
}
