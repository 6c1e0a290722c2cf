import Demo
import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Trial
import Vapor
import VaporTesting

/// Real and virtual never meet in daily work: with an in-silico cohort stored next to a real center,
/// every list page and listing endpoint of that center, for every role, shows none of its patients;
/// lab import refuses their codes; only the outcomes report's virtual cohort reads them.
@Suite("Virtual cohorts stay out of a center's daily work", .serialized)
struct VirtualSeparationTests {
    static let today = "2026-03-15"

    static let pages = ["/", "/patients", "/patients?search=VF1", "/board", "/follow-up", "/manufacturing", "/release-queue",
                        "/deviations", "/slots", "/reports/fucaso"]
    static let endpoints = ["/api/patients", "/api/patients?search=VF1", "/api/dashboard", "/api/board", "/api/follow-up",
                            "/api/release-queue", "/api/deviations", "/api/slots", "/api/reports/fucaso"]

    @Test("no list page or listing endpoint of a real center shows a virtual patient, for any role")
    func everyList() async throws {
        try await withTestApp(today: Self.today) { app in
            // setup: a real center with one infused patient, and a six-patient virtual cohort
            let f = try await Fixtures.make(on: app)
            _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-05")!, today: CalendarDate(Self.today)!,
                                                  given: "Real", family: "Patient", on: app.db)
            let run = try FucasoTrial.run(FucasoTrialOptions(patients: 6, seed: 3, dataCut: CalendarDate(Self.today)!, keepRecords: true))
            let (courses, bedside) = try VirtualPatientCourseScript.courses(run)
            _ = try await DemoSetup.load(courses: courses, today: CalendarDate(Self.today)!, origin: "virtual", bedside: bedside,
                                         hash: { try app.password.hash($0) }, on: app.db)
            let virtualCodes = try await Patient.query(on: app.db).filter(\.$origin == "virtual").all().map(\.code)
            #expect(virtualCodes.count == 6)
            for role in Role.staff {
                let session = try await app.signIn(Fixtures.email(role, center: "C01"))
                let token = try await app.token(Fixtures.email(role, center: "C01"))
                // MUT and validate: every page and endpoint answers and names no virtual patient
                for path in Self.pages {
                    let res = try await app.page(path, cookie: session.cookie)
                    #expect(res.status == .ok, "\(role) \(path): \(res.status)")
                    for code in virtualCodes { #expect(!res.body.string.contains(code), "\(role) \(path) shows \(code)") }
                }
                for path in Self.endpoints {
                    let res = try await app.json(.GET, path, token: token)
                    #expect(res.status == .ok, "\(role) \(path): \(res.status) \(res.body.string.prefix(200))")
                    for code in virtualCodes { #expect(!res.body.string.contains(code), "\(role) \(path) shows \(code)") }
                }
            }
            // The virtual cohort is read only when asked for, as the in-silico comparison.
            let statistician = try await app.token(Fixtures.email(.statistician, center: "C01"))
            let report = try await app.json(.GET, "/api/reports/fucaso?cut=\(Self.today)&origin=virtual", token: statistician)
            #expect(report.status == .ok)
            #expect(report.body.string.contains(virtualCodes[0]))
            // A center's lab import cannot reach a virtual patient by its code.
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            var headers: HTTPHeaders = ["Content-Type": "text/csv"]
            headers.bearerAuthorization = BearerAuthorization(token: coordinator)
            var status: HTTPStatus = .ok
            let csv = "patient,date,analyte,value,unit,method,sensitivity,llod,lloq\n\(virtualCodes[0]),2026-03-01,serumMProtein,1.0,g/dL,,,,\n"
            try await app.testing().test(.POST, "/api/labs/import", headers: headers, body: ByteBuffer(string: csv)) { status = $0.status }
            #expect(status == .unprocessableEntity)
        }
    }

    @Test("the report shows real and in-silico cohorts side by side when asked, each column its own cohort's figures")
    func sideBySide() async throws {
        try await withTestApp(today: Self.today) { app in
            let f = try await Fixtures.make(on: app)
            _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-01-05")!, today: CalendarDate(Self.today)!,
                                                  given: "Real", family: "Patient", on: app.db)
            let run = try FucasoTrial.run(FucasoTrialOptions(patients: 8, seed: 5, dataCut: CalendarDate(Self.today)!, keepRecords: true))
            let (courses, bedside) = try VirtualPatientCourseScript.courses(run)
            _ = try await DemoSetup.load(courses: courses, today: CalendarDate(Self.today)!, origin: "virtual", bedside: bedside,
                                         hash: { try app.password.hash($0) }, on: app.db)
            let token = try await app.token(Fixtures.email(.statistician, center: "C01"))
            func json(_ path: String) async throws -> [String: Any] {
                let res = try await app.json(.GET, path, token: token)
                #expect(res.status == .ok, "\(path): \(res.status)")
                return try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any] ?? [:]
            }
            let real = try await json("/api/reports/fucaso?cut=\(Self.today)")
            let virtual = try await json("/api/reports/fucaso?cut=\(Self.today)&origin=virtual")
            let both = try await json("/api/reports/fucaso?cut=\(Self.today)&origin=compare")
            // Never pooled: each side is exactly the report of its own cohort.
            for key in ["infused", "evaluable", "enrolled"] {
                #expect((both["real"] as? [String: Any])?[key] as? Int == real[key] as? Int, "real \(key)")
                #expect((both["inSilico"] as? [String: Any])?[key] as? Int == virtual[key] as? Int, "in silico \(key)")
            }
            // The real patient has no measurable disease, so PFS cannot be compared; OS compares the two
            // infused populations, group by group, whenever anyone has died.
            let tests = (both["timeToEvent"] as? [[String: Any]]) ?? []
            #expect(tests.map { $0["endpoint"] as? String } == ["Progression-free survival", "Overall survival", "Duration of response"])
            #expect(real["evaluable"] as? Int == 0 && tests.first?["test"] == nil)
            if let os = (tests.dropFirst().first?["test"] as? [String: Any])?["groups"] as? [[String: Any]] {
                #expect(os.map { $0["n"] as? Int } == [1, 8])
            }
            #expect(real["infused"] as? Int == 1)
            #expect(virtual["infused"] as? Int == 8)
            // The page puts the two columns side by side and tests each time-to-event endpoint.
            let session = try await app.signIn(Fixtures.email(.statistician, center: "C01"))
            let page = try await app.page("/reports/fucaso?cut=\(Self.today)&origin=compare", cookie: session.cookie)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Real patients (95% CI)") && html.contains("Virtual patients, in silico (95% CI)"))
            #expect(html.contains("log-rank") && html.contains("not testable"))
            // The single-cohort report links to the comparison once both cohorts exist.
            let single = try await app.page("/reports/fucaso?cut=\(Self.today)", cookie: session.cookie)
            #expect(single.body.string.contains("origin=compare"))
            // The standalone export is of one cohort only; an unknown origin is named.
            #expect(try await app.page("/reports/fucaso/export.html?origin=compare", cookie: session.cookie).status == .unprocessableEntity)
            let unknown = try await app.json(.GET, "/api/reports/fucaso?origin=pooled", token: token)
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("origin"))
            let csv = try await app.page("/reports/fucaso/tables/comparison.csv?cut=\(Self.today)&origin=compare", cookie: session.cookie)
            #expect(csv.status == .ok && csv.body.string.hasPrefix("Figure,"))
        }
    }
}
