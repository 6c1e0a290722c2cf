import CartographCore
import Clinical
import Fluent
import Foundation
import Kinetics
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

@Suite("API: laboratory results, response, persistence and follow-up")
struct OutcomeAPITests {
    static let today = CalendarDate("2026-03-15")!
    static let infusion = CalendarDate("2025-12-01")!

    /// An infused patient of center A and a coordinator token for each center.
    func setup(_ app: Application) async throws -> (tokenA: String, tokenB: String, patient: Patient, fixtures: Fixtures) {
        let f = try await Fixtures.make(on: app)
        let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today,
                                                       given: "Ada", family: "Lovelace", on: app.db)
        return (try await app.token(Fixtures.email(.coordinator, center: "C01")), try await app.token(Fixtures.email(.coordinator, center: "C02")), p, f)
    }

    func csv(_ app: Application, token: String, _ text: String, contentType: String = "text/csv") async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        headers.bearerAuthorization = BearerAuthorization(token: token)
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, "/api/labs/import", headers: headers, body: ByteBuffer(string: text)) { captured = $0 }
        return captured!
    }

    @Test("one result or an array is stored and listed; the API answers in the body's own field names")
    func recordAndList() async throws {
        try await withTestApp { app in
            // setup
            let (token, _, p, _) = try await setup(app)
            let path = "/api/patients/\(try p.requireID())/labs"
            // MUT
            let one = try await app.json(.POST, path, token: token, body: #"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"}"#)
            let many = try await app.json(.POST, path, token: token, body: """
                [{"date":"2025-12-29","analyte":"serumImmunofixation","value":"positive"},
                 {"date":"2025-12-29","analyte":"mrd","value":"negative","method":"NGF","sensitivity":1e-5},
                 {"date":"2025-12-11","analyte":"transgeneCopies","value":52000,"unit":"copies/ug","llod":5,"lloq":25},
                 {"date":"2025-12-29","analyte":"marrowClonality","value":false}]
                """)
            let list = try await app.json(.GET, path, token: token)
            // validate
            #expect(one.status == .created, "\(one.body.string)")
            #expect(many.status == .created, "\(many.body.string)")
            let stored = try list.content.decode([StoredLabResult].self)
            #expect(stored.map(\.analyte) == [.serumMProtein, .transgeneCopies, .marrowClonality, .mrd, .serumImmunofixation])
            #expect(stored.first { $0.analyte == .mrd }?.sensitivity == 1e-5)
            #expect(stored.first { $0.analyte == .marrowClonality }?.value == .finding(false))
            #expect(stored.allSatisfy { $0.source == .api })
        }
    }

    @Test("malformed and rule-breaking results are 400 or 422 naming each field; nothing is written", arguments: [
        (#"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL","colour":"red"}"#, 400, ["colour"]),
        (#"{"analyte":"serumMProtein","value":3.0}"#, 400, ["date"]),
        (#"[{"date":"2025-11-25","analyte":"serumMProtein","unit":"g/dL","value":[1]}]"#, 400, ["[0].value"]),
        (#"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"mmol/L"}"#, 422, ["unit"]),
        (#"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0}"#, 422, ["unit"]),
        (#"{"date":"2026-03-16","analyte":"serumMProtein","value":3.0,"unit":"g/dL"}"#, 422, ["date"]),
        (#"{"date":"2025-11-25","analyte":"serumMprotein-x","value":3.0,"unit":"g/dL"}"#, 422, ["analyte"]),
        (#"[{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},{"date":"2025-12-29","analyte":"mrd","value":"negative"},{"date":"2025-12-29","analyte":"serumImmunofixation","value":4}]"#,
         422, ["[1].method", "[2].value"]),
        (#"[{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},{"date":"2025-11-25","analyte":"serumMProtein","value":3.1,"unit":"g/dL"}]"#,
         422, ["[1].date"]),
        (#"{"date":"2025-12-11","analyte":"transgeneCopies","value":52000,"unit":"copies/ug","llod":5,"lloq":2}"#, 422, ["lloq"]),
    ])
    func badResults(body: String, status: Int, fields: [String]) async throws {
        try await withTestApp { app in
            let (token, _, p, _) = try await setup(app)
            let before = try await TableCounts.read(app.db)
            let res = try await app.json(.POST, "/api/patients/\(try p.requireID())/labs", token: token, body: body)
            #expect(Int(res.status.code) == status, "\(res.body.string)")
            #expect(res.errorFields == fields, "\(res.body.string)")
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("a CSV file is imported whole; a file with bad rows gets a 422 report naming each row and column and writes nothing")
    func importFile() async throws {
        try await withTestApp { app in
            // setup
            let (token, _, p, _) = try await setup(app)
            let good = "patient,date,analyte,value,unit,method,sensitivity,llod,lloq\n\(p.code),2025-11-25,serumMProtein,3.0,g/dL,,,,\n"
                + "\(p.code),2025-12-29,serumMProtein,1.2,g/dL,,,,\n"
            let bad = "patient,date,analyte,value,unit\n\(p.code),2026-01-26,serumMProtein,0.2,g/dL\n\(p.code),2026-01-26,serumImmunofixation,maybe,\n"
                + "\(p.code),2026-02-30,kappaFreeLightChain,12,mg/L\n"
            // MUT
            let accepted = try await csv(app, token: token, good)
            let before = try await TableCounts.read(app.db)
            let refused = try await csv(app, token: token, bad)
            let wrongType = try await csv(app, token: token, good, contentType: "application/json")
            // validate
            #expect(accepted.status == .created, "\(accepted.body.string)")
            #expect(accepted.body.string.contains(#""imported":2"#))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorFields == ["rows[3].value", "rows[4].date"])
            struct Body: Decodable { var report: LabImportReport }
            let report = try JSONDecoder().decode(Body.self, from: Data(refused.body.readableBytesView)).report
            #expect(report.dataRows == 3)
            #expect(report.problems.map(\.row) == [3, 4])
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("response: serum M-protein 3.0 → 1.2 → 0.2 → 0.2 g/dL with immunofixation positive is a confirmed VGPR")
    func responseEndpoint() async throws {
        try await withTestApp { app in
            // setup: baseline 3.0 g/dL on 2025-11-25 (within 28 days of the first lymphodepletion dose,
            // 2025-11-26), then Day 28, 56 and 84 (infusion 2025-12-01).
            let (token, _, p, _) = try await setup(app)
            let id = try p.requireID()
            let file = """
            patient,date,analyte,value,unit
            \(p.code),2025-11-25,serumMProtein,3.0,g/dL
            \(p.code),2025-12-29,serumMProtein,1.2,g/dL
            \(p.code),2026-01-26,serumMProtein,0.2,g/dL
            \(p.code),2026-01-26,serumImmunofixation,positive,
            \(p.code),2026-02-23,serumMProtein,0.2,g/dL
            \(p.code),2026-02-23,serumImmunofixation,positive,
            """
            #expect(try await csv(app, token: token, file).status == .created)
            // MUT
            let res = try await app.json(.GET, "/api/patients/\(id)/response", token: token)
            // validate. By hand (Kumar 2016): Day 28: (3.0 − 1.2)/3.0 = 60% ≥ 50% → PR; Day 56 and 84:
            // (3.0 − 0.2)/3.0 = 93.3% ≥ 90% → VGPR (not CR: immunofixation positive, no marrow). Each is
            // confirmed by a neighbour at least as deep; the best confirmed response is VGPR from Day 56,
            // the first response (PR) Day 28; no progression.
            #expect(res.status == .ok, "\(res.body.string)")
            let report = try res.content.decode(PatientResponseReport.self)
            let c = report.course
            #expect(c.measurableDisease == [.serum])
            #expect(c.assessments.map(\.day) == [28, 56, 84])
            #expect(c.assessments.map(\.category) == [.partialResponse, .veryGoodPartialResponse, .veryGoodPartialResponse])
            #expect(c.assessments.map(\.confirmed) == [true, true, true])
            #expect(c.bestConfirmedResponse == .veryGoodPartialResponse)
            #expect(c.bestConfirmedResponseDay == 56)
            #expect(c.firstResponseDay == 28)
            #expect(c.progressionDay == nil)
            #expect(c.completeResponseDay == nil)
            #expect(report.assessmentDates.map(\.description) == ["2025-12-29", "2026-01-26", "2026-02-23"])
            #expect(report.input.baseline.serumMProteinGramsPerDeciliter == 3.0)
        }
    }

    @Test("persistence: NCA of a stored transgene series, checked by hand")
    func persistenceEndpoint() async throws {
        try await withTestApp { app in
            let (token, _, p, _) = try await setup(app)
            let id = try p.requireID()
            // Day 7: 100, Day 14: 1000, Day 28: 100 copies/µg; LLOD 10.
            let body = """
            [{"date":"2025-12-08","analyte":"transgeneCopies","value":100,"unit":"copies/ug","llod":10},
             {"date":"2025-12-15","analyte":"transgeneCopies","value":1000,"unit":"copies/ug","llod":10},
             {"date":"2025-12-29","analyte":"transgeneCopies","value":100,"unit":"copies/ug","llod":10}]
            """
            #expect(try await app.json(.POST, "/api/patients/\(id)/labs", token: token, body: body).status == .created)
            // MUT
            let res = try await app.json(.GET, "/api/patients/\(id)/persistence", token: token)
            // validate. AUC(0–28), linear up, log down, from (0, 0): 0→7: (0 + 100)/2 × 7 = 350;
            // 7→14: (100 + 1000)/2 × 7 = 3850; 14→28: (1000 − 100)/ln(1000/100) × 14 = 5472.110…;
            // total 9672.110.
            let report = try res.content.decode(PatientPersistenceReport.self)
            let nca = try #require(report.nca)
            #expect(nca.cmax == 1000)
            #expect(nca.tmax == 14)
            #expect(abs(nca.auc0to28! - 9672.110) < 0.01)
            #expect(nca.tlast == 28)
            #expect(nca.persistenceOngoing)
            #expect(report.series.lowerLimitOfDetection == 10)
        }
    }

    @Test("another center's patient is 404 on every outcome route; a patient not infused has no response (409)")
    func scoping() async throws {
        try await withTestApp { app in
            let (tokenA, tokenB, p, f) = try await setup(app)
            let id = try p.requireID()
            for path in ["labs", "response", "persistence", "follow-up"] {
                #expect(try await app.json(.GET, "/api/patients/\(id)/\(path)", token: tokenB).status == .notFound, "\(path)")
            }
            #expect(try await app.json(.POST, "/api/patients/\(id)/labs", token: tokenB,
                                       body: #"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"}"#).status == .notFound)
            #expect(try await app.json(.POST, "/api/patients/\(id)/follow-up/visits", token: tokenB, body: #"{"date":"2026-01-01"}"#).status == .notFound)
            let (waiting, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Wait"), by: f.coordinatorA, today: Self.today, on: app.db)
            #expect(try await app.json(.GET, "/api/patients/\(try waiting.requireID())/response", token: tokenA).status == .conflict)
        }
    }

    @Test("roles without identity get outcomes with the code only")
    func identityHidden() async throws {
        try await withTestApp { app in
            let (tokenA, _, p, _) = try await setup(app)
            let id = try p.requireID()
            _ = try await app.json(.POST, "/api/patients/\(id)/labs", token: tokenA,
                                   body: #"{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"}"#)
            let token = try await app.token(Fixtures.email(.statistician, center: "C01"))
            for path in ["/api/patients/\(id)/response", "/api/patients/\(id)/persistence", "/api/patients/\(id)/labs",
                         "/api/patients/\(id)/follow-up", "/api/follow-up"] {
                let res = try await app.json(.GET, path, token: token)
                #expect(res.status == .ok, "\(path)")
                #expect(!res.body.string.contains("Lovelace") && !res.body.string.contains("Ada"), "\(path)")
            }
            // A statistician reads but does not record.
            #expect(try await app.json(.POST, "/api/patients/\(id)/labs", token: token,
                                       body: #"{"date":"2025-11-26","analyte":"serumMProtein","value":3.0,"unit":"g/dL"}"#).status == .forbidden)
        }
    }

    @Test("follow-up visits and events through the API: 201, field errors, and the worklist")
    func followUp() async throws {
        try await withTestApp { app in
            let (token, _, p, _) = try await setup(app)
            let id = try p.requireID()
            let visit = try await app.json(.POST, "/api/patients/\(id)/follow-up/visits", token: token, body: #"{"date":"2025-12-30","contact":"telephone"}"#)
            #expect(visit.status == .created, "\(visit.body.string)")
            let before = try await TableCounts.read(app.db)
            let cases: [(String, Int, [String])] = [
                (#"{"kind":"death","date":"2026-01-05"}"#, 422, ["deathCause"]),
                (#"{"kind":"abduction","date":"2026-01-05"}"#, 400, ["kind"]),
                (#"{"kind":"registryReportFiled","date":"2026-01-05","timepoint":"Q3"}"#, 400, ["timepoint"]),
                (#"{"kind":"progression","date":"2026-01-05","mood":"low"}"#, 400, ["mood"]),
            ]
            for (body, status, fields) in cases {
                let res = try await app.json(.POST, "/api/patients/\(id)/follow-up/events", token: token, body: body)
                #expect(Int(res.status.code) == status, "\(body): \(res.body.string)")
                #expect(res.errorFields == fields, "\(body)")
            }
            #expect(try await app.json(.POST, "/api/patients/\(id)/follow-up/visits", token: token, body: #"{"date":"2025-11-01"}"#).errorFields == ["date"])
            #expect(try await TableCounts.read(app.db) == before)
            let event = try await app.json(.POST, "/api/patients/\(id)/follow-up/events", token: token,
                                           body: #"{"kind":"newTherapy","date":"2026-02-01","detail":"teclistamab"}"#)
            #expect(event.status == .created, "\(event.body.string)")
            // Day 28 (2025-12-29) was seen on 2025-12-30; Month 2 (2026-02-01, window 01-18…02-15) is overdue and,
            // after the new therapy on 2026-02-01 (not before it), still a response visit; Month 3 (2026-03-01,
            // window 02-15…03-15) is due and now survival follow-up; the D100 report (2026-03-11) is due.
            let list = try await app.json(.GET, "/api/follow-up", token: token)
            let items = try list.content.decode([CenterFollowUpItem].self)
            #expect(items.map(\.item.what) == ["Follow-up visit, Month 2", "Survival follow-up, Month 3", "Registry report, Day 100"])
            #expect(items.map(\.item.status) == [.overdue, .due, .due])
        }
    }
}
