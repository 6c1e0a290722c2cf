import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("API: bad input gets a clear answer and changes nothing")
struct APIInputTests {
    static let enrol = #"{"givenName":"Ada","familyName":"Lovelace","dateOfBirth":"1960-12-10","hospitalNumber":"H1","sex":"female"}"#

    func setup(_ app: Application) async throws -> (token: String, patient: UUID) {
        _ = try await Fixtures.make(on: app)
        let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
        let created = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol)
        return (token, try created.content.decode(PatientFile.self).id)
    }

    @Test("malformed, unknown, missing, mistyped and impossible enrolment fields", arguments: [
        ("{\"givenName\": ", 400, [String]()),
        (#"[1,2]"#, 400, ["body"]),
        // Foundation's two readers disagree on which duplicate wins, so any duplicate is refused.
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"female","sex":"male"}"#, 400, ["sex"]),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"female","weightKg":1e400}"#, 400, []),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"female","weightKg":70}"#, 400, ["weightKg"]),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-01-01","sex":"female"}"#, 400, ["hospitalNumber"]),
        (#"{"givenName":7,"familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"female"}"#, 400, ["givenName"]),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-02-30","hospitalNumber":"H","sex":"female"}"#, 400, ["dateOfBirth"]),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"dragon"}"#, 400, ["sex"]),
        (#"{"givenName":"A","familyName":"B","dateOfBirth":"2027-01-01","hospitalNumber":"H","sex":"female"}"#, 422, ["dateOfBirth", "enrolledOn"]),
        (#"{"givenName":"","familyName":"B","dateOfBirth":"1960-01-01","hospitalNumber":"H","sex":"female","productId":"nope"}"#, 422, ["givenName", "productId"]),
    ])
    func badEnrolment(body: String, status: Int, fields: [String]) async throws {
        try await withTestApp { app in
            let (token, _) = try await setup(app)
            let before = try await TableCounts.read(app.db)
            let res = try await app.json(.POST, "/api/patients", token: token, body: body)
            #expect(Int(res.status.code) == status, "\(res.body.string)")
            #expect(res.errorFields == fields)
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("journey events the rules refuse are 422 naming the field, and nothing is written")
    func badEvents() async throws {
        try await withTestApp { app in
            let (token, id) = try await setup(app)
            let path = "/api/patients/\(id)/events"
            let before = try await TableCounts.read(app.db)
            // Infusion before collection: the state machine refuses it.
            let early = try await app.json(.POST, path, token: token, body: #"{"kind":"infused","date":"2026-03-01"}"#)
            #expect(early.status == .unprocessableEntity)
            #expect(early.errorFields == ["kind"])
            // Eligibility is computed from the screening, never typed.
            let typed = try await app.json(.POST, path, token: token, body: #"{"kind":"screenedEligible","date":"2026-03-01"}"#)
            #expect(typed.status == .unprocessableEntity)
            // Unknown kind and wrong date.
            #expect(try await app.json(.POST, path, token: token, body: #"{"kind":"teleported","date":"2026-03-01"}"#).errorFields == ["kind"])
            #expect(try await app.json(.POST, path, token: token, body: #"{"kind":"collectionScheduled","date":"01/03/2026"}"#).errorFields == ["date"])
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("a screening is computed into a verdict that moves the journey; bad values are refused")
    func screening() async throws {
        try await withTestApp { app in
            let (token, id) = try await setup(app)
            let path = "/api/patients/\(id)/screening"
            let bad = try await app.json(.POST, path, token: token, body: #"{"ecog":9,"labs":{"platelets":-5,"unicorns":1}}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.errorFields == ["labs.unicorns"])
            let impossible = try await app.json(.POST, path, token: token, body: #"{"ecog":9,"labs":{"platelets":-5}}"#)
            #expect(impossible.status == .unprocessableEntity)
            #expect(Set(impossible.errorFields) == ["ecog", "labs.platelets"])
            // Two prior lines: FUCASO needs at least three (seed 003), so the verdict is "not eligible". The
            // age agrees with the date of birth (1960-05-04: 65 on 2026-03-10, birthday not reached).
            let res = try await app.json(.POST, path, token: token, body: #"""
                {"screenedOn":"2026-03-10","ageYears":65,"diagnosis":"multipleMyeloma",
                 "priorLines":[{"drugClasses":["proteasomeInhibitor"]},{"drugClasses":["immunomodulatoryDrug"]}],
                 "lastLineOutcome":"progressiveDisease","ecog":1,"activeInfection":false}
                """#)
            #expect(res.status == .ok)
            let file = try res.content.decode(PatientFile.self)
            #expect(file.eligibility?.overall == .notEligible)
            #expect(file.stage == .notEligible)
            #expect(file.eligibility?.criteria.first { $0.key == "priorLines" }?.status == .notMet)
        }
    }

    @Test("dose: weight 0 is 422 naming weightKg; a partial product characterisation names what is missing")
    func dose() async throws {
        try await withTestApp { app in
            let (token, id) = try await setup(app)
            let path = "/api/patients/\(id)/dose"
            let before = try await TableCounts.read(app.db)
            let zero = try await app.json(.POST, path, token: token, body: #"{"weightKg":0}"#)
            #expect(zero.status == .unprocessableEntity)
            #expect(zero.errorFields == ["weightKg"])
            let partial = try await app.json(.POST, path, token: token, body: #"{"weightKg":70,"carPositiveFraction":0.4}"#)
            #expect(partial.status == .unprocessableEntity)
            #expect(partial.errorFields == ["viableCellsPerMilliliter", "bagVolumeMilliliters"])
            #expect(try await TableCounts.read(app.db) == before)
            // 70 kg × 1.0e6/kg = 7.0e7; 4.0e7/mL × 0.5 = 2.0e7 CAR-T/mL → 3.5 mL.
            let ok = try await app.json(.POST, path, token: token, body: #"{"weightKg":70,"viableCellsPerMilliliter":4e7,"carPositiveFraction":0.5,"bagVolumeMilliliters":50}"#)
            #expect(ok.status == .ok)
            let dose = try ok.content.decode(PatientFile.self).dose
            #expect(dose?.targetCells == 7.0e7)
            #expect(dose?.volumeMilliliters == 3.5)
        }
    }

    @Test("unknown keys inside nested objects are refused with their path, all of them at once, and nothing is written")
    func nestedUnknownKeys() async throws {
        try await withTestApp { app in
            let (token, patient) = try await setup(app)
            let before = try await TableCounts.read(app.db)
            let assessment = try await app.json(.POST, "/api/patients/\(patient)/assessments", token: token, body: #"""
                {"temperatureC":38.6,"hypotension":true,
                 "vasopressors":[{"drug":"norepinephrine","dose":0.1,"unit":"microgramsPerKilogramPerMinute","rate":3}],
                 "ice":{"orientation":4,"naming":3,"followsCommands":1,"writing":1,"attention":1,"mood":"calm"},
                 "extra":true}
                """#)
            #expect(assessment.status == .badRequest)
            #expect(Set(assessment.errorFields) == ["extra", "vasopressors[0].rate", "ice.mood"], "\(assessment.errorFields)")
            let screening = try await app.json(.POST, "/api/patients/\(patient)/screening", token: token,
                                               body: #"{"priorLines":[{"drugClasses":["proteasomeInhibitor"]},{"drugClasses":[],"year":2021}]}"#)
            #expect(screening.status == .badRequest && screening.errorFields == ["priorLines[1].year"])
            #expect(try await TableCounts.read(app.db) == before)
        }
    }
}
