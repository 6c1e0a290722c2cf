import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Manufacturing and QA in the browser: a bag's own page offers the events the state machine would
/// accept for the role, each form refuses what the API refuses, a logger file is stored all or none,
/// and lot numbers are unique per site.
@Suite("Bag pages: custody events from forms", .serialized)
struct BagPageTests {
    static let today = CalendarDate("2026-03-15")!

    func patient(_ app: Application, _ f: Fixtures, given: String) async throws -> UUID {
        let (p, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: given), by: f.coordinatorA, today: Self.today, on: app.db)
        return try p.requireID()
    }

    /// Opens a bag from the trail page's button and returns its page path.
    func openBag(_ app: Application, patient: UUID, kind: CustodyBagKind, session: (cookie: String, csrf: String)) async throws -> String {
        let res = try await app.form("/patients/\(patient)/bags", cookie: session.cookie, fields: [("_csrf", session.csrf), ("kind", kind.rawValue)])
        #expect(res.status == .seeOther, "\(res.body.string)")
        return try #require(res.headers.first(name: .location))
    }

    func record(_ app: Application, _ bag: String, _ session: (cookie: String, csrf: String), _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        try await app.form(bag + "/events", cookie: session.cookie, fields: [("_csrf", session.csrf)] + fields)
    }

    func multipart(_ app: Application, _ path: String, cookie: String, fields: [(String, String)], file: String?) async throws -> TestingHTTPResponse {
        let boundary = "----cartograph-test-boundary"
        var body = ""
        for (k, v) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n" }
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logger.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: ["Cookie": "cartograph-session=\(cookie)",
                                                             "Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                     body: ByteBuffer(string: body)) { captured = $0 }
        return captured!
    }

    @Test("from collection to a released lot, every step from a form; refusals name the field; roles see only their steps")
    func wholeChain() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M01", name: "Site", timeZone: "Europe/Berlin", facilityCode: "X9999").create(on: app.db)
            let pid = try await patient(app, f, given: "Ada")
            _ = try await DoseRepository.record(weightKilograms: 70, product: nil,
                                                therapyID: try await PatientRepository.therapy(ofPatient: pid, on: app.db).requireID(),
                                                by: f.coordinatorA, on: app.db)
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let manufacturing = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            let qa = try await app.signIn(Fixtures.email(.qa, center: "C01"))
            let apheresis = try await openBag(app, patient: pid, kind: .apheresis, session: nurse)
            // The nurse is offered the collection, nothing a manufacturing site does.
            let fresh = try await app.page(apheresis, cookie: nurse.cookie).body.string
            #expect(fresh.contains(#"name="kind" value="collected""#))
            #expect(!fresh.contains(#"name="kind" value="received""#))
            #expect(try await record(app, apheresis, nurse, [("kind", "collected"), ("at", "2026-03-10T09:00")]).status == .seeOther)
            #expect(try await record(app, apheresis, nurse, [("kind", "packed"), ("condition", "cryopreserved"), ("at", "2026-03-10T15:00")]).status == .seeOther)
            // A shipment without its courier is refused beside the field; nothing is written.
            let before = try await CustodyEventRecord.query(on: app.db).count()
            let noCourier = try await record(app, apheresis, nurse, [("kind", "shipped"), ("courier", ""), ("shipperID", "DS-1"), ("at", "2026-03-10T17:00")])
            #expect(noCourier.status == .unprocessableEntity)
            #expect(FormRuleTests.errorBeside("shipped-courier", in: noCourier.body.string) == "is required")
            #expect(try await CustodyEventRecord.query(on: app.db).count() == before)
            // A time in the future is refused too.
            let future = try await record(app, apheresis, nurse, [("kind", "shipped"), ("courier", "C"), ("shipperID", "DS-1"), ("at", "2099-01-01T10:00")])
            #expect(FormRuleTests.errorBeside("shipped-at", in: future.body.string)?.contains("in the future") == true)
            #expect(try await record(app, apheresis, nurse, [("kind", "shipped"), ("courier", "Cryo Courier"), ("shipperID", "DS-1"),
                                                             ("at", "2026-03-10T17:00")]).status == .seeOther)
            // The data logger's file: one bad line refuses the whole file; a good one stores every reading.
            let bad = try await multipart(app, apheresis + "/logger", cookie: manufacturing.cookie,
                                          fields: [("_csrf", manufacturing.csrf)], file: "time,celsius\n2026-03-11T06:00,-185\n2026-03-11T07:00,cold\n")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("line 3: &quot;cold&quot; is not a temperature") || bad.body.string.contains("line 3: \"cold\" is not a temperature"))
            #expect(try await CustodyEventRecord.query(on: app.db).count() == before + 1)
            let good = try await multipart(app, apheresis + "/logger", cookie: manufacturing.cookie,
                                           fields: [("_csrf", manufacturing.csrf)], file: "time,celsius\n2026-03-11T06:00,-185\n2026-03-11T07:00,-184.5\n")
            #expect(good.status == .seeOther, "\(good.body.string)")
            #expect(try await CustodyEventRecord.query(on: app.db).count() == before + 3)
            // Hex, exponents and words are no temperatures; a file repeating a line is refused whole.
            let hex = try await record(app, apheresis, manufacturing, [("kind", "temperatureReading"), ("celsius", "0x10"), ("at", "2026-03-11T07:30")])
            #expect(FormRuleTests.errorBeside("temperatureReading-celsius", in: hex.body.string)?.contains("is not a temperature") == true)
            let repeated = try await multipart(app, apheresis + "/logger", cookie: manufacturing.cookie, fields: [("_csrf", manufacturing.csrf)],
                                               file: "2026-03-11T07:40,-185\n2026-03-11T07:40,-185\n")
            #expect(repeated.status == .unprocessableEntity)
            #expect(try await CustodyEventRecord.query(on: app.db).count() == before + 3)
            // The manufacturing side's events carry its site and time zone, not the center's.
            let readings = try await CustodyEventRecord.query(on: app.db).filter(\.$kind == "temperatureReading").all()
            #expect(readings.allSatisfy { $0.site == "M01" && $0.timeZone == "Europe/Berlin" }, "\(readings.map { ($0.site, $0.timeZone) })")
            // Manufacturing receives and takes it in; QA may not receive.
            let qaView = try await app.page(apheresis, cookie: qa.cookie).body.string
            #expect(!qaView.contains(#"name="kind" value="received""#))
            #expect(try await record(app, apheresis, manufacturing, [("kind", "received"), ("at", "2026-03-11T08:00")]).status == .seeOther)
            #expect(try await record(app, apheresis, manufacturing, [("kind", "inManufacturing"), ("at", "2026-03-11T10:00")]).status == .seeOther)
            let closed = try await app.page(apheresis, cookie: manufacturing.cookie).body.string
            #expect(closed.contains("The log is closed"))
            // The final product: a lot, release results from the form, and the certificate.
            let product = try await openBag(app, patient: pid, kind: .finalProduct, session: manufacturing)
            #expect(try await record(app, product, manufacturing, [("kind", "manufactured"), ("lot", "LOT-0001"), ("at", "2026-03-12T08:00")]).status == .seeOther)
            let results = try await app.form(product + "/release-results", cookie: manufacturing.cookie, fields: [
                ("_csrf", manufacturing.csrf), ("sterility", "negative"), ("mycoplasma", "negative"), ("endotoxinEUPerMilliliter", "0.5"),
                ("viabilityPercent", "91"), ("carExpressionPercent", "45"), ("vectorCopyNumberPerTransducedCell", "2"),
                ("replicationCompetentLentivirus", "notDetected"), ("identity", "confirmed"), ("viableCellsPerMilliliter", "1.2e7"),
                ("bagVolumeMilliliters", "70")])
            #expect(results.status == .seeOther, "\(results.body.string)")
            #expect(results.headers.first(name: .location) == product + "/certificate")
            // A second "Manufactured" on the same bag is refused with words on the page, not a bare 422.
            let again = try await record(app, product, manufacturing, [("kind", "manufactured"), ("lot", "LOT-0002"), ("at", "2026-03-12T10:00")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("Not recorded:"))
            let certificate = try await app.page(product + "/certificate", cookie: qa.cookie).body.string
            #expect(certificate.contains("overall: </text>") || certificate.contains("conforming"))
            // Another patient's lot may not reuse the number at the same site.
            let other = try await patient(app, f, given: "Ben")
            let second = try await openBag(app, patient: other, kind: .finalProduct, session: manufacturing)
            let reused = try await record(app, second, manufacturing, [("kind", "manufactured"), ("lot", "lot-0001"), ("at", "2026-03-12T09:00")])
            #expect(reused.status == .unprocessableEntity)
            #expect(FormRuleTests.errorBeside("manufactured-lot", in: reused.body.string)?.contains("already used") == true)
            // The statistician records nothing.
            let statistician = try await app.signIn(Fixtures.email(.statistician, center: "C01"))
            #expect(try await app.page(product, cookie: statistician.cookie).body.string.contains("Nothing for the Statistician role to record"))
            #expect(try await record(app, product, statistician, [("kind", "stored"), ("location", "x")]).status == .forbidden)
        }
    }
}
