import CartographCore
import Clinical
import Fluent
import Foundation
import Outcomes
import Store
import Testing
import TestSupport
import Vapor

@Suite("Corrections of stored laboratory results")
struct LabCorrectionStorageTests {
    static let today = CalendarDate("2026-03-15")!
    static let infusion = CalendarDate("2025-12-01")!

    /// An infused patient with serum M-protein 3.0 g/dL at baseline and a mistyped 12 g/dL on Day 14.
    func setup(_ app: Application) async throws -> (f: Fixtures, patient: Patient, typo: StoredLabResult) {
        let f = try await Fixtures.make(on: app)
        let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today, on: app.db)
        let stored = try await LabRepository.record([
            LabResult(patientCode: p.code, sampleDate: CalendarDate("2025-11-25")!, analyte: .serumMProtein, value: .number(3.0)),
            LabResult(patientCode: p.code, sampleDate: CalendarDate("2025-12-15")!, analyte: .serumMProtein, value: .number(12)),
        ], source: .form, by: f.coordinatorA, today: Self.today, on: app.db)
        return (f, p, stored[1])
    }

    func serum(_ labs: [StoredLabResult]) -> [Double] {
        labs.filter { $0.analyte == .serumMProtein }.compactMap(\.value.number)
    }

    @Test("a corrected value replaces the original for every reader; the original row and the audit trail keep what was believed")
    func correctedValue() async throws {
        try await withTestApp { app in
            // setup
            let (f, p, typo) = try await setup(app)
            let pid = try p.requireID()
            let labsBefore = try await LabResultRecord.query(on: app.db).count()
            let typoRow = try #require(try await LabResultRecord.find(typo.id, on: app.db))
            let auditBefore = try await AuditEvent.query(on: app.db).count()
            let fixed = LabResult(patientCode: "ignored: the path's patient is used", sampleDate: typo.date,
                                  analyte: .serumMProtein, value: .number(1.2))
            // MUT
            let c = try await LabCorrectionRepository.correct(resultID: typo.id, patientID: pid, replacement: fixed,
                                                              reason: "  transcription: 12 for 1.2 g/dL ", by: f.coordinatorA,
                                                              today: Self.today, on: app.db)
            // validate: the patient's results and the cohort's records hold 1.2, not 12
            let read = try await LabRepository.results(patientID: pid, for: f.coordinatorA, on: app.db)
            #expect(serum(read) == [3.0, 1.2])
            let cohort = try await CohortRepository.records(productID: "fucaso", origin: "real", for: f.coordinatorA, on: app.db)
            #expect(cohort.first?.labs.filter { $0.analyte == .serumMProtein }.compactMap(\.value.number) == [3.0, 1.2])
            #expect(c.before.value == .number(12) && c.after?.value == .number(1.2))
            #expect(c.reason == "transcription: 12 for 1.2 g/dL" && c.sequence == 1)
            #expect(c.after?.source == .form && c.after?.id == typo.id)  // the result keeps its id and provenance
            // the stored row is untouched, no row added, one correction and one audit record naming both values
            let rowAfter = try #require(try await LabResultRecord.find(typo.id, on: app.db))
            #expect(rowAfter.valueNumber == 12 && rowAfter.recordedAt == typoRow.recordedAt)
            #expect(try await LabResultRecord.query(on: app.db).count() == labsBefore)
            #expect(try await LabResultCorrectionRecord.query(on: app.db).count() == 1)
            #expect(try await AuditEvent.query(on: app.db).count() == auditBefore + 1)
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "lab.corrected").first())
            #expect(audit.payload.contains("\"reason\":\"transcription: 12 for 1.2 g\\/dL\"") || audit.payload.contains("transcription: 12 for 1.2 g/dL"))
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: auditBefore + 1))
            let listed = try await LabCorrectionRepository.corrections(patientID: pid, for: f.coordinatorA, on: app.db)
            #expect(listed.map(\.id) == [c.id])
        }
    }

    @Test("a result entered in error is withdrawn; its date and analyte stay taken, and correcting it again restores it")
    func withdrawnThenRestored() async throws {
        try await withTestApp { app in
            // setup
            let (f, p, typo) = try await setup(app)
            let pid = try p.requireID()
            // MUT
            let gone = try await LabCorrectionRepository.correct(resultID: typo.id, patientID: pid, replacement: nil,
                                                                 reason: "sample of another patient", by: f.coordinatorA,
                                                                 today: Self.today, on: app.db)
            let afterWithdrawal = try await LabRepository.results(patientID: pid, for: f.coordinatorA, on: app.db)
            var refusedAnew = false
            do {
                _ = try await LabRepository.record([LabResult(patientCode: p.code, sampleDate: typo.date, analyte: .serumMProtein,
                                                              value: .number(1.1))],
                                                   source: .api, by: f.coordinatorA, today: Self.today, on: app.db)
            } catch StoreError.invalid(let e) { refusedAnew = e.first?.message.contains("correct that result") == true }
            let back = try await LabCorrectionRepository.correct(resultID: typo.id, patientID: pid,
                                                                 replacement: LabResult(patientCode: p.code, sampleDate: typo.date,
                                                                                        analyte: .serumMProtein, value: .number(1.1)),
                                                                 reason: "the right sample was found", by: f.coordinatorA,
                                                                 today: Self.today, on: app.db)
            // validate
            #expect(gone.after == nil && gone.sequence == 1)
            #expect(serum(afterWithdrawal) == [3.0])
            #expect(refusedAnew)
            #expect(back.sequence == 2 && back.before.value == .number(12) && back.after?.value == .number(1.1))
            #expect(serum(try await LabRepository.results(patientID: pid, for: f.coordinatorA, on: app.db)) == [3.0, 1.1])
            let history = try await LabCorrectionRepository.corrections(patientID: pid, for: f.coordinatorA, on: app.db)
            #expect(history.map(\.sequence) == [1, 2])
            #expect(history.map { $0.after?.value } == [nil, .number(1.1)])
        }
    }

    @Test("a missing reason, a bad replacement, another center or a role without the right write nothing; a second correction follows the first")
    func refused() async throws {
        try await withTestApp { app in
            // setup
            let (f, p, typo) = try await setup(app)
            let pid = try p.requireID()
            func correct(_ replacement: LabResult?, reason: String = "typo", as actor: ActingUser? = nil) async throws {
                _ = try await LabCorrectionRepository.correct(resultID: typo.id, patientID: pid, replacement: replacement, reason: reason,
                                                              by: actor ?? f.coordinatorA, today: Self.today, on: app.db)
            }
            let good = LabResult(patientCode: p.code, sampleDate: typo.date, analyte: .serumMProtein, value: .number(1.2))
            var wrongUnit = good
            wrongUnit.unit = "mmol/L"
            var future = good
            future.sampleDate = CalendarDate("2026-03-16")!
            let clash = LabResult(patientCode: p.code, sampleDate: CalendarDate("2025-11-25")!, analyte: .serumMProtein, value: .number(1.2))
            let before = try await TableCounts.read(app.db)
            // MUT / validate: each refusal names its field and writes nothing
            await #expect(throws: StoreError.invalid([FieldError("reason", "is required: say why the result is corrected")])) {
                try await correct(good, reason: "   ")
            }
            do { try await correct(wrongUnit); Issue.record("wrong unit accepted") } catch StoreError.invalid(let e) {
                #expect(e.map(\.field) == ["replacement.unit"])
            }
            do { try await correct(future); Issue.record("future date accepted") } catch StoreError.invalid(let e) {
                #expect(e.map(\.field) == ["replacement.date"])
            }
            do { try await correct(clash); Issue.record("a second serum M-protein on 2025-11-25 accepted") } catch StoreError.invalid(let e) {
                #expect(e.map(\.field) == ["replacement.date"])
            }
            await #expect(throws: StoreError.self) { try await correct(good, as: f.coordinatorB) }  // not found in center B
            await #expect(throws: StoreError.forbidden("the Manufacturing role cannot correct results")) {
                try await correct(good, as: f.usersA[.manufacturing]!)
            }
            #expect(try await TableCounts.read(app.db) == before)
            #expect(try await LabResultCorrectionRecord.query(on: app.db).count() == 0)
            // the first correction passes, and a second one of the same result is in force after it
            try await correct(good)
            var better = good
            better.value = .number(1.3)
            try await correct(better, reason: "re-read by the laboratory")
            #expect(serum(try await LabRepository.results(patientID: pid, for: f.coordinatorA, on: app.db)) == [3.0, 1.3])
        }
    }
}
