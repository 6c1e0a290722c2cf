import Demo
import CartographCore
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("HTTP: Day 0–28 safety")
struct SafetyHTTPTests {
    /// A demo program loaded through the repositories, and a monitored patient's ID.
    func demo(_ app: Application) async throws -> (token: String, monitored: UUID) {
        let today = CalendarDate("2026-03-15")!
        _ = try await DemoSetup.load(courses: DemoProgram.courses(patients: 18, seed: 3, today: today), today: today,
                                     hash: { try app.password.hash($0) }, on: app.db)
        let token = try await app.tokenFor(DemoSetup.email(for: .nurse), password: DemoSetup.password)
        let board = try await app.json(.GET, "/api/board", token: token)
        #expect(board.status == .ok)
        let rows = try board.content.decode(MonitoringBoard.self).rows
        #expect(!rows.isEmpty, "the demo has patients in Day 0–28")
        #expect(rows.allSatisfy { (0...28).contains($0.board.studyDay) })
        // A patient below grade 2, so a grade 3 reading is a new grade ≥ 2 (the board's first row, the
        // sickest, already runs a grade 2 CRS).
        return (token, try #require(rows.first { ($0.board.latestCRSGrade ?? 0) < 2 }).patientID)
    }

    @Test("an assessment posted as JSON is graded by the engine; bad enum and unknown fields are 400 naming them")
    func postAssessment() async throws {
        try await withTestApp { app in
            let (token, patient) = try await demo(app)
            let path = "/api/patients/\(patient)/assessments"
            let before = try await TableCounts.read(app.db)
            let badEnum = try await app.json(.POST, path, token: token, body: #"{"temperatureC":38.2,"oxygenDevice":"tent"}"#)
            #expect(badEnum.status == .badRequest)
            #expect(badEnum.errorFields == ["oxygenDevice"])
            let typed = try await app.json(.POST, path, token: token, body: #"{"temperatureC":38.2,"crsGrade":1}"#)
            #expect(typed.status == .badRequest)
            #expect(typed.errorFields == ["crsGrade"], "a grade cannot be typed")
            let impossible = try await app.json(.POST, path, token: token, body: #"{"temperatureC":101}"#)
            #expect(impossible.status == .unprocessableEntity)
            #expect(impossible.errorFields == ["temperatureC"])
            #expect(try await TableCounts.read(app.db) == before)
            // 38.6 °C, one vasopressor (norepinephrine): grade 3 (ASTCT 2019, one vasopressor with or without vasopressin).
            let ok = try await app.json(.POST, path, token: token, body: #"""
                {"temperatureC":38.6,"hypotension":true,"vasopressors":[{"drug":"norepinephrine","dose":0.05,"unit":"microgramsPerKilogramPerMinute"}],
                 "ice":{"orientation":4,"naming":3,"followsCommands":1,"writing":1,"attention":1}}
                """#)
            #expect(ok.status == .created, "\(ok.body.string)")
            let body = try JSONSerialization.jsonObject(with: Data(ok.body.readableBytesView)) as! [String: Any]
            let assessment = body["assessment"] as! [String: Any]
            #expect(assessment["crsGrade"] as? Int == 3)
            #expect(assessment["icansGrade"] as? Int == 0)
            #expect((body["alertsRaised"] as? [[String: Any]])?.contains { $0["kind"] as? String == "newGradeAtLeast2" } == true)
        }
    }

    @Test("the board and the patient page show computed grades; manufacturing cannot record")
    func pages() async throws {
        try await withTestApp { app in
            let (_, patient) = try await demo(app)
            let (cookie, _) = try await app.signIn(DemoSetup.email(for: .nurse), password: DemoSetup.password)
            let board = try await app.page("/board", cookie: cookie)
            #expect(board.status == .ok)
            #expect(board.body.string.contains("Day 0–28 board"))
            let page = try await app.page("/patients/\(patient)", cookie: cookie)
            #expect(page.body.string.contains(#"<section id="safety">"#))
            #expect(page.body.string.contains("CRS and ICANS grades by study day"))
            let manufacturing = try await app.tokenFor(DemoSetup.email(for: .manufacturing), password: DemoSetup.password)
            let refused = try await app.json(.POST, "/api/patients/\(patient)/assessments", token: manufacturing, body: #"{"temperatureC":37}"#)
            #expect(refused.status == .forbidden)
        }
    }
}
