import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// Patient and caregiver accounts: a printed code (7 days, once), the account it opens, and what that
/// account may not become.
@Suite("Patient and caregiver accounts", .serialized)
struct PatientAccessTests {
    static let enrol = #"{"givenName":"Mei","familyName":"Lin","dateOfBirth":"1958-04-02","hospitalNumber":"H-PA-1","sex":"female"}"#

    /// Opens `/activate`, then posts the form with its CSRF token and cookie.
    static func activate(_ app: Application, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        var cookie = "", csrf = ""
        try await app.testing().test(.GET, "/activate") { res in
            cookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
            csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
            #expect(res.headers.setCookie?["cartograph-session"] == nil, "the form stores no session")
        }
        let form = ([("_csrf", csrf)] + fields).map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, "/activate", headers: ["Cookie": "cartograph-signin=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { captured = $0 }
        return captured!
    }

    @Test("a coordinator's code opens one account, once, within 7 days; the account signs in to /me; every step is audited")
    func codeOpensOneAccount() async throws {
        try await withTestApp { app in
            // setup
            _ = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let patient = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol).content.decode(PatientFile.self).id
            // MUT: the API issues the code
            let issued = try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: token,
                                            body: #"{"holder":"caregiver","holderName":"Lin Wei"}"#, idempotencyKey: "code-1")
            #expect(issued.status == .created, "\(issued.body.string)")
            let code = try issued.content.decode(PatientAccess.IssuedCode.self)
            #expect(code.code.wholeMatch(of: /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/) != nil)
            let lifetime = code.expiresAt.timeIntervalSinceNow
            #expect(lifetime > 7 * 86400 - 120 && lifetime <= 7 * 86400)
            // A retry with the key does not read the code back from storage.
            let retry = try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: token,
                                           body: #"{"holder":"caregiver","holderName":"Lin Wei"}"#, idempotencyKey: "code-1")
            #expect(retry.status == .conflict && !retry.body.string.contains(code.code))
            #expect(try await ActivationCode.query(on: app.db).all().allSatisfy { !$0.codeDigest.contains(PatientAccess.normalised(code.code)) })
            // Bad input is refused beside its field; the code stays usable.
            let weak = try await Self.activate(app, [("code", code.code), ("email", "lin.wei@home.test"), ("newPassword", "short"), ("confirmation", "short")])
            #expect(weak.status == .unprocessableEntity && weak.body.string.contains("at least 12"))
            let wrong = try await Self.activate(app, [("code", "AAAA-BBBB-CCCC"), ("email", "lin.wei@home.test"),
                                                       ("newPassword", "tea garden lantern moon"), ("confirmation", "tea garden lantern moon")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("this code does not work"))
            // Typed in lower case with spaces, it works.
            let typed = code.code.lowercased().replacingOccurrences(of: "-", with: " ")
            let opened = try await Self.activate(app, [("code", typed), ("email", "Lin.Wei@home.test"),
                                                        ("newPassword", "tea garden lantern moon"), ("confirmation", "tea garden lantern moon")])
            #expect(opened.status == .seeOther && opened.headers.first(name: .location) == "/me")
            let again = try await Self.activate(app, [("code", code.code), ("email", "other@home.test"),
                                                       ("newPassword", "tea garden lantern moon"), ("confirmation", "tea garden lantern moon")])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("this code does not work"))
            // validate
            let account = try #require(try await User.query(on: app.db).filter(\.$email == "lin.wei@home.test").first())
            #expect(account.role == .patient && account.patientID == patient && account.relationship == "caregiver")
            let session = try await app.signIn("lin.wei@home.test", password: "tea garden lantern moon")
            let me = try await app.page("/me", cookie: session.cookie)
            #expect(me.status == .ok && me.body.string.contains("Mei&#39;s treatment journey") || me.body.string.contains("Mei's treatment journey"))
            let actions = try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["patientAccess.codeIssued", "patientAccess.activated", "patientAccess.viewed"]).all().map(\.action)
            #expect(Set(actions) == ["patientAccess.activated", "patientAccess.codeIssued", "patientAccess.viewed"])
            #expect(actions.filter { $0 == "patientAccess.codeIssued" }.count == 1 && actions.filter { $0 == "patientAccess.activated" }.count == 1)
            // The staff page lists the account.
            let staff = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            #expect(try await app.page("/patients/\(patient)", cookie: staff.cookie).body.string.contains("Lin Wei · caregiver · active"))
            // A blank name on the page's form comes back to the patient page, the problem beside the field.
            let blank = try await app.form("/patients/\(patient)/activation-codes", cookie: staff.cookie,
                                           fields: [("_csrf", staff.csrf), ("holder", "patient"), ("holderName", "   ")])
            #expect(blank.status == .unprocessableEntity)
            #expect(FormRuleTests.errorBeside("holderName", in: blank.body.string)?.hasPrefix("required") == true)
        }
    }

    @Test("a code is refused at exactly 7 days; only clinical roles of the patient's center issue one; no role change makes or unmakes a patient account")
    func limits() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let patient = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol).content.decode(PatientFile.self).id
            let issuedAt = Date().addingTimeInterval(-PatientAccess.codeLifetime)
            let old = try await PatientAccess.issue(patientID: patient, holder: .patient, holderName: "Mei Lin", by: f.coordinatorA, now: issuedAt, on: app.db)
            // MUT / validate: expiry
            await #expect(throws: StoreError.self) {
                _ = try await PatientAccess.activate(code: old.code, email: "mei@home.test", passwordHash: "x", on: app.db)
            }
            let fresh = try await PatientAccess.issue(patientID: patient, holder: .patient, holderName: "Mei Lin", by: f.coordinatorA,
                                                      now: issuedAt.addingTimeInterval(1), on: app.db)
            let user = try await PatientAccess.activate(code: fresh.code, email: "mei@home.test", passwordHash: try app.password.hash(Fixtures.password), on: app.db)
            // Who may issue: manufacturing 403, another center 404, bad names 422.
            let body = #"{"holder":"patient","holderName":"Mei Lin"}"#
            let manufacturing = try await app.token(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: manufacturing, body: body).status == .forbidden)
            let elsewhere = try await app.token(Fixtures.email(.coordinator, center: "C02"))
            #expect(try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: elsewhere, body: body).status == .notFound)
            let blank = try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: token, body: #"{"holder":"patient","holderName":"  "}"#)
            #expect(blank.status == .unprocessableEntity && blank.errorFields == ["holderName"])
            let unknownHolder = try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: token, body: #"{"holder":"neighbour","holderName":"X"}"#)
            #expect(unknownHolder.status == .badRequest && unknownHolder.errorFields == ["holder"])
            // Role changes: the patient account keeps its role; no staff account becomes one; none is created as one.
            let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
            let toStaff = try await app.json(.POST, "/api/admin/users/\(try user.requireID())/role", token: admin, body: #"{"role":"coordinator"}"#)
            #expect(toStaff.status == .conflict)
            let nurse = f.usersA[.nurse]!.userID
            let toPatient = try await app.json(.POST, "/api/admin/users/\(nurse)/role", token: admin, body: #"{"role":"patient"}"#)
            #expect(toPatient.status == .unprocessableEntity && toPatient.errorFields == ["role"])
            let created = try await app.json(.POST, "/api/admin/users", token: admin, body: #"{"email":"p@c01.test","displayName":"P","role":"patient"}"#)
            #expect(created.status == .unprocessableEntity && created.errorFields == ["role"])
            #expect(try await User.find(user.id, on: app.db)?.role == .patient)
        }
    }
}

/// What an attack on the new doors found, each kept shut.
@Suite("Patient access under attack", .serialized)
struct PatientAccessAttackTests {
    @Test("wrong codes and taken e-mails at /activate are throttled per address before any password is hashed")
    func activationThrottled() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let patient = try await app.json(.POST, "/api/patients", token: token, body: PatientAccessTests.enrol).content.decode(PatientFile.self).id
            let code = try await PatientAccess.issue(patientID: patient, holder: .patient, holderName: "Mei Lin", by: f.coordinatorA, on: app.db)
            let password = "tea garden lantern moon"
            // MUT: a taken e-mail with the right code, then wrong codes
            let taken = try await PatientAccessTests.activate(app, [("code", code.code), ("email", Fixtures.email(.admin, center: "C01")),
                                                                     ("newPassword", password), ("confirmation", password)])
            var statuses: [HTTPStatus] = []
            for i in 0..<5 {
                statuses.append(try await PatientAccessTests.activate(app, [("code", "AAAA-BBBB-CC\(i)\(i)"), ("email", "x\(i)@home.test"),
                                                                             ("newPassword", password), ("confirmation", password)]).status)
            }
            let right = try await PatientAccessTests.activate(app, [("code", code.code), ("email", "mei@home.test"),
                                                                     ("newPassword", password), ("confirmation", password)])
            // validate: the taken address counted; the sixth refusal and everything after it wait
            #expect(taken.status == .unprocessableEntity)
            #expect(statuses == [.unprocessableEntity, .unprocessableEntity, .unprocessableEntity, .unprocessableEntity, .tooManyRequests])
            #expect(right.status == .tooManyRequests && right.body.string.contains("try again in"))
            #expect(try await User.query(on: app.db).filter(\.$email == "mei@home.test").count() == 0)
        }
    }

    @Test("oversized or disguised input is refused: a 300-character e-mail, names of combining marks or line separators")
    func oversized() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let patient = try await app.json(.POST, "/api/patients", token: token, body: PatientAccessTests.enrol).content.decode(PatientFile.self).id
            let code = try await PatientAccess.issue(patientID: patient, holder: .patient, holderName: "Mei Lin", by: f.coordinatorA, on: app.db)
            // MUT / validate
            let long = try await PatientAccessTests.activate(app, [("code", code.code), ("email", String(repeating: "a", count: 300) + "@home.test"),
                                                                    ("newPassword", "tea garden lantern moon"), ("confirmation", "tea garden lantern moon")])
            #expect(long.status == .unprocessableEntity && FormRuleTests.errorBeside("email", in: long.body.string) == "at most 254 characters")
            for name in ["Z" + String(repeating: "\u{301}", count: 500), "A\u{2028}B", "\u{301}\u{301}\u{301}"] {
                let body = try String(data: JSONEncoder().encode(["holder": "caregiver", "holderName": name]), encoding: .utf8)!
                let res = try await app.json(.POST, "/api/patients/\(patient)/activation-codes", token: token, body: body)
                #expect(res.status == .unprocessableEntity && res.errorFields == ["holderName"], "\(name.unicodeScalars.count) scalars: \(res.status)")
            }
        }
    }

    @Test("the anonymous forms refuse an empty or made-up CSRF pair and a post from another site")
    func anonymousFormsCSRF() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            func post(_ path: String, cookie: String, csrf: String, headers extra: [(String, String)] = []) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                var headers: HTTPHeaders = ["Cookie": "cartograph-signin=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"]
                for (k, v) in extra { headers.add(name: k, value: v) }
                try await app.testing().test(.POST, path, headers: headers,
                                             body: ByteBuffer(string: "_csrf=\(csrf)&email=\(Fixtures.email(.nurse, center: "C01"))&password=correct+horse+battery&next=/")) {
                    status = $0.status
                }
                return status
            }
            // MUT / validate
            for path in ["/signin", "/activate"] {
                #expect(try await post(path, cookie: "", csrf: "") == .forbidden, "\(path): empty pair")
                #expect(try await post(path, cookie: "k", csrf: "k") == .forbidden, "\(path): made-up pair")
            }
            var cookie = "", csrf = ""
            try await app.testing().test(.GET, "/signin") { res in
                cookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
                csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
            }
            let encoded = csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await post("/signin", cookie: cookie, csrf: encoded, headers: [("Sec-Fetch-Site", "cross-site")]) == .forbidden)
            #expect(try await post("/signin", cookie: cookie, csrf: encoded, headers: [("Origin", "https://evil.example")]) == .forbidden)
            #expect(try await post("/signin", cookie: cookie, csrf: encoded, headers: [("Sec-Fetch-Site", "same-origin")]) == .seeOther)
        }
    }

    @Test("hostile JSON bodies get short, named answers: 80,000 unknown keys, 0e5, a fraction for a whole number, subnormals, 41 prior lines")
    func hostileJSON() async throws {
        try await withTestApp { app in
            // setup
            _ = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let patient = try await app.json(.POST, "/api/patients", token: token, body: PatientAccessTests.enrol).content.decode(PatientFile.self).id
            // MUT / validate
            let keys = (0..<80_000).map { #""k\#($0)":1"# }.joined(separator: ",")
            let flood = try await app.json(.POST, "/api/tokens", token: nil, body: "{\(keys)}")
            #expect(flood.status == .badRequest && flood.errorFields.count == 51 && flood.body.readableBytes < 20_000, "\(flood.body.readableBytes) bytes")
            let zero = try await app.json(.POST, "/api/patients/\(patient)/dose", token: token, body: #"{"weightKg":0e5}"#)
            #expect(zero.status == .unprocessableEntity && zero.errorFields == ["weightKg"], "\(zero.status) \(zero.body.string)")
            let tiny = try await app.json(.POST, "/api/patients/\(patient)/dose", token: token, body: #"{"weightKg":4.9e-324}"#)
            #expect(tiny.status == .badRequest && tiny.body.string.contains("too small"))
            let fraction = try await app.json(.POST, "/api/patients/\(patient)/screening", token: token, body: #"{"ageYears":1.5}"#)
            #expect(fraction.status == .badRequest && fraction.errorFields == ["ageYears"], "\(fraction.body.string)")
            let line = #"{"drugClasses":["proteasomeInhibitor"]}"#
            let lines = try await app.json(.POST, "/api/patients/\(patient)/screening", token: token,
                                           body: #"{"priorLines":[\#(Array(repeating: line, count: 41).joined(separator: ","))]}"#)
            #expect(lines.status == .unprocessableEntity && lines.errorFields == ["priorLines"], "\(lines.status) \(lines.body.string.prefix(200))")
        }
    }
}
