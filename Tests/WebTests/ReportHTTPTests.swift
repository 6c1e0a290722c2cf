import CartographCore
import Clinical
import Foundation
import NIOCore
import Outcomes
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

@Suite("Outcomes report: pages, export, CSV and API")
struct ReportHTTPTests {
    static let today = CalendarDate("2026-03-15")!
    static let infusion = CalendarDate("2025-12-01")!

    /// One infused patient of center A with serum M-protein 3.0 → 1.2 on D14 and D28 (−60%: a confirmed
    /// PR by IMWG 2016) and a CRS grade from a bedside assessment.
    func setup(_ app: Application) async throws -> (tokenA: String, tokenB: String, cookie: String, fixtures: Fixtures) {
        let f = try await Fixtures.make(on: app)
        let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today,
                                                       given: "Ada", family: "Lovelace", on: app.db)
        let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
        let posted = try await app.json(.POST, "/api/patients/\(try p.requireID())/labs", token: token, body: """
            [{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},
             {"date":"2025-12-15","analyte":"serumMProtein","value":1.2,"unit":"g/dL"},
             {"date":"2025-12-29","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}]
            """)
        #expect(posted.status == .created, "\(posted.body.string)")
        let session = try await app.signIn(Fixtures.email(.statistician, center: "C01"))
        return (token, try await app.token(Fixtures.email(.coordinator, center: "C02")), session.cookie, f)
    }

    @Test("the API computes the center's cohort from its records, with populations and denominators; other centers see none of it")
    func api() async throws {
        try await withTestApp { app in
            // setup
            let (tokenA, tokenB, _, _) = try await setup(app)
            // MUT
            let a = try await app.json(.GET, "/api/reports/fucaso?cut=2026-03-01", token: tokenA)
            let b = try await app.json(.GET, "/api/reports/fucaso", token: tokenB)
            // validate
            #expect(a.status == .ok, "\(a.body.string)")
            let report = try JSONDecoder().decode(CohortReport.self, from: Data(a.body.string.utf8))
            #expect(report.dataCut == CalendarDate("2026-03-01")!)
            #expect(report.infused == 1 && report.evaluable == 1)
            #expect(report.orr.successes == 1 && report.orr.total == 1 && report.orr.population == .evaluable)
            #expect(report.patients.first?.bestResponse == .partialResponse)
            #expect(report.patients.first?.firstResponseDay == 14)
            let other = try JSONDecoder().decode(CohortReport.self, from: Data(b.body.string.utf8))
            #expect(other.enrolled == 0 && other.infused == 0)
        }
    }

    @Test("a bad data cut is refused naming the field; an unknown product is not found")
    func badInput() async throws {
        try await withTestApp { app in
            let (token, _, cookie, _) = try await setup(app)
            let notADate = try await app.json(.GET, "/api/reports/fucaso?cut=yesterday", token: token)
            #expect(notADate.status == .unprocessableEntity)
            #expect(notADate.body.string.contains(#""field":"cut""#))
            let future = try await app.json(.GET, "/api/reports/fucaso?cut=2026-03-16", token: token)
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("after today"))
            let unknown = try await app.json(.GET, "/api/reports/kymriah", token: token)
            #expect(unknown.status == .notFound)
            // The page shows the report at today's date with the problem above it.
            let page = try await app.page("/reports/fucaso?cut=2026-13-01", cookie: cookie)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("cut: \"2026-13-01\" is not a date"))
            #expect(page.body.string.contains("Headline results"))
        }
    }

    @Test("the page, the one-file export and the CSV of a table")
    func pageExportAndCSV() async throws {
        try await withTestApp { app in
            // setup
            let (_, _, cookie, _) = try await setup(app)
            // MUT
            let page = try await app.page("/reports/fucaso", cookie: cookie)
            let export = try await app.page("/reports/fucaso/export.html?cut=2026-03-01", cookie: cookie)
            let csv = try await app.page("/reports/fucaso/tables/headline.csv", cookie: cookie)
            let missing = try await app.page("/reports/fucaso/tables/nothing.csv", cookie: cookie)
            // validate
            #expect(page.status == .ok)
            #expect(page.body.string.contains("100.0% (2.5–100.0), 1/1"))  // ORR 1/1, exact interval (R binom.test: 0.025–1)
            #expect(export.status == .ok)
            #expect(export.headers.first(name: .contentDisposition)?.contains("fucaso-report-2026-03-01.html") == true)
            let html = export.body.string
            #expect(html.contains("<svg") && html.contains("<style>"))
            #expect(!html.contains("href=\"/") && !html.contains("src="))  // nothing fetched from the server
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.hasPrefix("Figure,Value (95% CI),Population\r\n"))
            #expect(missing.status == .notFound)
        }
    }

    @Test("virtual patients are reported only under origin=virtual, never pooled with the real ones; a bad origin names the field")
    func virtualCohortIsSeparate() async throws {
        try await withTestApp { app in
            // setup: the real patient of `setup`, and a second infused patient marked virtual as
            // `cartograph trial --into` marks its patients
            let (token, _, cookie, f) = try await setup(app)
            let (v, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today,
                                                           given: "Virtual", family: "V-000001", on: app.db)
            v.origin = "virtual"
            try await v.save(on: app.db)
            // MUT
            let real = try await app.json(.GET, "/api/reports/fucaso", token: token)
            let virtual = try await app.json(.GET, "/api/reports/fucaso?origin=virtual", token: token)
            let bad = try await app.json(.GET, "/api/reports/fucaso?origin=both", token: token)
            let page = try await app.page("/reports/fucaso?origin=virtual", cookie: cookie)
            // validate: one infused patient in each report, each its own
            let r = try JSONDecoder().decode(CohortReport.self, from: Data(real.body.string.utf8))
            let w = try JSONDecoder().decode(CohortReport.self, from: Data(virtual.body.string.utf8))
            #expect(r.infused == 1 && w.infused == 1)
            #expect(r.patients.map(\.patientCode) != w.patients.map(\.patientCode))
            #expect(w.patients.first?.patientCode == v.code)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#""field":"origin""#))
            let html = page.body.string
            #expect(html.contains("outcomes report (virtual patients, in silico)"))
            #expect(html.contains("href=\"/reports/fucaso?cut=2026-03-15&amp;origin=real\"") || html.contains("href=\"/reports/fucaso?cut=2026-03-15&origin=real\""))
            #expect(html.contains("tables/headline.csv?cut=2026-03-15&amp;origin=virtual") || html.contains("tables/headline.csv?cut=2026-03-15&origin=virtual"))
        }
    }
}
