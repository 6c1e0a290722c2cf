import Demo
import CartographCore
import Clinical
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

@Suite("Pages: results, import and follow-up")
struct OutcomePageTests {
    static let today = CalendarDate("2026-03-15")!

    @Test("the lab form stores a result; a refused one comes back with the error beside its field")
    func labForm() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2025-12-01")!, today: Self.today, on: app.db)
            let id = try p.requireID()
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            // MUT
            let ok = try await app.form("/patients/\(id)/labs", cookie: cookie, fields: [
                ("_csrf", csrf), ("lab.date", "2025-11-25"), ("lab.analyte", "serumMProtein"), ("lab.value", "3.0"), ("lab.unit", "g/dL")])
            let before = try await TableCounts.read(app.db)
            let bad = try await app.form("/patients/\(id)/labs", cookie: cookie, fields: [
                ("_csrf", csrf), ("lab.date", "2025-12-29"), ("lab.analyte", "serumMProtein"), ("lab.value", "12"), ("lab.unit", "mmol/L")])
            let forged = try await app.form("/patients/\(id)/labs", cookie: cookie, fields: [
                ("lab.date", "2025-12-29"), ("lab.analyte", "serumMProtein"), ("lab.value", "1.2"), ("lab.unit", "g/dL")])
            // validate
            #expect(ok.status == .seeOther)
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains(/<div class="field invalid">\s*<label for="lab\.unit">/))
            #expect(html.contains("is not a unit of serumMProtein; expected g/dL"))
            #expect(html.contains(#"value="mmol/L""#))
            #expect(forged.status == .forbidden)
            #expect(try await TableCounts.read(app.db) == before)
            let page = try await app.page("/patients/\(id)", cookie: cookie).body.string
            #expect(page.contains("Laboratory results"))
            #expect(page.contains("Response (IMWG-2016)"))
        }
    }

    @Test("the correction form: no reason comes back beside its field and writes nothing; a corrected value shows in the corrections table")
    func correctionForm() async throws {
        try await withTestApp { app in
            // setup: a result typed as 12 g/dL
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2025-12-01")!, today: Self.today, on: app.db)
            let id = try p.requireID()
            let typo = try await LabRepository.record([LabResult(patientCode: p.code, sampleDate: CalendarDate("2025-12-15")!,
                                                                 analyte: .serumMProtein, value: .number(12))],
                                                      source: .form, by: f.coordinatorA, today: Self.today, on: app.db)[0]
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            // MUT
            let noReason = try await app.form("/patients/\(id)/labs/correction", cookie: cookie, fields: [
                ("_csrf", csrf), ("correction.result", typo.id.uuidString), ("correction.action", "replace"),
                ("correction.value", "1.2"), ("correction.reason", "  ")])
            let corrections = try await LabResultCorrectionRecord.query(on: app.db).count()
            let ok = try await app.form("/patients/\(id)/labs/correction", cookie: cookie, fields: [
                ("_csrf", csrf), ("correction.result", typo.id.uuidString), ("correction.action", "replace"),
                ("correction.value", "1.2"), ("correction.reason", "transcription error")])
            let page = try await app.page("/patients/\(id)", cookie: cookie).body.string
            // validate
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains(/<div class="field invalid">\s*<label for="correction\.reason">/))
            #expect(corrections == 0)
            #expect(ok.status == .seeOther)
            #expect(page.contains("Corrections (1)"))
            #expect(page.contains(/<td>2025-12-15 serumMProtein 12 g\/dL<\/td>\s*<td>2025-12-15 serumMProtein 1.2 g\/dL<\/td>\s*<td>transcription error<\/td>/))
            let labs = try await LabRepository.results(patientID: id, for: f.coordinatorA, on: app.db)
            #expect(labs.map(\.value) == [.number(1.2)])
        }
    }

    @Test("a pasted file with a bad row imports nothing and the report names the rows beside the file field")
    func importPage() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: Self.today, on: app.db)
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            #expect(try await app.page("/labs/import", cookie: cookie).status == .ok)
            let before = try await TableCounts.read(app.db)
            let text = "patient,date,analyte,value,unit\n\(p.code),2026-01-05,serumMProtein,2.4,g/dL\n\(p.code),2026-01-05,ldh,300,U/L\nC01-9999,2026-01-06,ldh,200,U/L\n"
            let refused = try await app.form("/labs/import", cookie: cookie, fields: [("_csrf", csrf), ("csv", text)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"<div id="import-report" class="report alert">"#))
            #expect(refused.body.string.contains(/<td>4<\/td>\s*<td>patient<\/td>/))
            #expect(try await TableCounts.read(app.db) == before)
            let fixed = String(text.split(separator: "\n").dropLast().joined(separator: "\n"))
            let accepted = try await app.form("/labs/import", cookie: cookie, fields: [("_csrf", csrf), ("csv", fixed)])
            #expect(accepted.status == .ok)
            #expect(accepted.body.string.contains("Imported 2 results for \(p.code)."))
        }
    }

    @Test("the worklist page lists the center's due and overdue items, linked to each patient")
    func worklistPage() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2025-12-01")!, today: Self.today, on: app.db)
            let (cookie, _) = try await app.signIn(Fixtures.email(.qa, center: "C01"))
            let html = try await app.page("/follow-up", cookie: cookie).body.string
            #expect(html.contains(#"<a href="/patients/\#(try p.requireID())">\#(p.code)</a>"#))
            #expect(html.contains("Follow-up visit, Day 28"))
            #expect(!html.contains("Testperson"))
        }
    }

    @Test("follow-up forms record a visit and return a refused event with its errors")
    func followUpForms() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2025-12-01")!, today: Self.today, on: app.db)
            let id = try p.requireID()
            let (cookie, csrf) = try await app.signIn(Fixtures.email(.physician, center: "C01"))
            let visit = try await app.form("/patients/\(id)/follow-up/visits", cookie: cookie, fields: [
                ("_csrf", csrf), ("visit.date", "2025-12-30"), ("visit.contact", "clinic"), ("visit.note", "")])
            #expect(visit.status == .seeOther)
            let before = try await TableCounts.read(app.db)
            let event = try await app.form("/patients/\(id)/follow-up/events", cookie: cookie, fields: [
                ("_csrf", csrf), ("event.kind", "death"), ("event.date", "2026-01-10"), ("event.timepoint", ""), ("event.deathCause", ""),
                ("event.detail", ""), ("event.transgeneInTumour", "")])
            #expect(event.status == .unprocessableEntity)
            #expect(event.body.string.contains(/<div class="field invalid">\s*<label for="event\.deathCause">/))
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("the demo's infused patients get computed responses: mostly CR or sCR, some VGPR or PR, some progressions")
    func demoResponses() async throws {
        try await withTestApp { app in
            let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: 60, seed: 11, today: Self.today), today: Self.today,
                                               hash: { try app.password.hash($0) }, on: app.db)
            let coordinator = try await AccountRepository.user(email: DemoSetup.email(for: .coordinator), on: app.db)!
            let actor = ActingUser(userID: try coordinator.requireID(), centerID: coordinator.$center.id, role: .coordinator)
            var best: [IMWGCategory?] = []
            var progressions = 0, persistence = 0, mrdNegative = 0
            for id in ids {
                guard let report = try? await PatientOutcomes.response(patientID: id, for: actor, on: app.db),
                      !report.course.assessments.isEmpty else { continue }
                best.append(report.course.bestConfirmedResponse)
                if report.course.progressionDay != nil { progressions += 1 }
                if report.course.firstMRDNegativeDay != nil { mrdNegative += 1 }
                let kinetics = try await PatientOutcomes.persistence(patientID: id, for: actor, on: app.db)
                if let nca = kinetics.nca, let tmax = nca.tmax, (10...14).contains(tmax) { persistence += 1 }
            }
            let complete = best.filter { $0?.isCompleteResponse == true }.count
            #expect(best.count >= 15)
            #expect(complete * 2 > best.count, "\(best)")
            #expect(best.contains(.veryGoodPartialResponse) || best.contains(.partialResponse), "\(best)")
            #expect(progressions >= 1)
            #expect(mrdNegative >= 1)
            #expect(persistence == best.count)
            #expect(!(try await FollowUpRepository.worklist(for: actor, today: Self.today, on: app.db)).isEmpty)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }
}
