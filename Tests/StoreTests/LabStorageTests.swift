import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Testing
import TestSupport

@Suite("Laboratory results storage")
struct LabStorageTests {
    let today = CalendarDate("2026-03-15")!

    func result(_ code: String, _ date: String, _ analyte: LabAnalyte, _ value: LabResultValue, method: MRDMethod? = nil,
                sensitivity: Double? = nil, llod: Double? = nil, lloq: Double? = nil) -> LabResult {
        LabResult(patientCode: code, sampleDate: CalendarDate(date)!, analyte: analyte, value: value, method: method,
                  sensitivity: sensitivity, lowerLimitOfDetection: llod, lowerLimitOfQuantification: lloq)
    }

    @Test("numbers, findings, MRD and transgene results round-trip with one audit record each")
    func roundTrip() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let (p, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            let sent = [
                result(p.code, "2026-02-01", .serumMProtein, .number(2.4)),
                result(p.code, "2026-02-01", .serumImmunofixation, .finding(true)),
                result(p.code, "2026-02-01", .marrowClonality, .finding(false)),
                result(p.code, "2026-03-01", .mrd, .finding(false), method: .nextGenerationSequencing, sensitivity: 1e-6),
                result(p.code, "2026-03-01", .transgeneCopies, .number(48_000), llod: 5, lloq: 25),
            ]
            // MUT
            let stored = try await LabRepository.record(sent, source: .api, by: f.coordinatorA, today: today, on: app.db)
            let read = try await LabRepository.results(patientID: try p.requireID(), for: f.coordinatorA, on: app.db)
            // validate
            #expect(stored.count == 5)
            #expect(Set(read.map { $0.labResult(patientCode: p.code) }) == Set(sent))
            #expect(read.allSatisfy { $0.source == .api })
            #expect(read.first { $0.analyte == .serumMProtein }?.unit == "g/dL")
            #expect(read.map(\.date) == read.map(\.date).sorted())
            let after = try await TableCounts.read(app.db)
            #expect(after.labs == before.labs + 5)
            #expect(after.audit == before.audit + 5)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "lab.recorded").all()
            #expect(audit.count == 5)
            #expect(audit.allSatisfy { $0.entityID == (try? t.requireID().uuidString) })
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: after.audit))
        }
    }

    @Test("every rule broken is named as results[i].column and nothing is written")
    func refusedBatch() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            _ = try await LabRepository.record([result(p.code, "2026-02-01", .serumMProtein, .number(2.4))], source: .form,
                                               by: f.coordinatorA, today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            var wrongUnit = result(p.code, "2026-02-02", .serumMProtein, .number(2.4))
            wrongUnit.unit = "mmol/L"
            let batch = [
                result(p.code, "2026-02-03", .kappaFreeLightChain, .number(40)),            // fine on its own
                wrongUnit,                                                                   // mmol/L is no unit of serum M-protein
                result(p.code, "2026-03-16", .lambdaFreeLightChain, .number(10)),            // tomorrow
                result(p.code, "2026-02-04", .mrd, .finding(false)),                          // MRD without a method
                result(p.code, "2026-02-03", .kappaFreeLightChain, .number(41)),            // same day and analyte as [0]
            ]
            // MUT
            var fields: [String] = []
            do { _ = try await LabRepository.record(batch, source: .api, by: f.coordinatorA, today: today, on: app.db) }
            catch StoreError.invalid(let errors) { fields = errors.map(\.field) }
            // A result already stored (2026-02-01 serumMProtein) is refused in a second write.
            var repeated: [String] = []
            do { _ = try await LabRepository.record([result(p.code, "2026-02-01", .serumMProtein, .number(2.5))], source: .api,
                                                    by: f.coordinatorA, today: today, on: app.db) }
            catch StoreError.invalid(let errors) { repeated = errors.map(\.field) }
            // validate
            #expect(fields == ["results[1].unit", "results[2].date", "results[3].method", "results[4].date"])
            #expect(repeated == ["results[0].date"])
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("roles that record nothing clinical cannot record results")
    func roles() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            for role in [Role.manufacturing, .qa, .statistician] {
                await #expect(throws: StoreError.self, "\(role)") {
                    _ = try await LabRepository.record([result(p.code, "2026-02-01", .serumMProtein, .number(2.4))], source: .api,
                                                       by: f.usersA[role]!, today: today, on: app.db)
                }
            }
            #expect(try await TableCounts.read(app.db).labs == 0)
        }
    }

    @Test("a valid file imports every row; a file with bad rows imports nothing and names each row and column")
    func csvImport() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let (a, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Ann"), by: f.coordinatorA, today: today, on: app.db)
            let (b, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Bea"), by: f.coordinatorA, today: today, on: app.db)
            let good = """
            patient,date,analyte,value,unit,method,sensitivity,llod,lloq
            \(a.code),2026-01-05,serumMProtein,2.4,g/dL,,,,
            \(a.code),2026-03-02,mrd,negative,,NGF,1e-5,,
            \(b.code),2026-01-19,transgeneCopies,48000,copies/ug,,,5,25
            """
            // MUT
            let outcome = try await LabRepository.importCSV(Data(good.utf8), by: f.coordinatorA, today: today, on: app.db)
            // validate
            #expect(outcome == .imported(results: 3, patients: [a.code, b.code].sorted()))
            let aResults = try await LabRepository.results(patientID: try a.requireID(), for: f.coordinatorA, on: app.db)
            #expect(aResults.map(\.analyte) == [.serumMProtein, .mrd])
            #expect(aResults.allSatisfy { $0.source == .csv })
            #expect(aResults.last?.method == .nextGenerationFlow)

            // A second file: row 2 is new and fine, row 3 repeats a stored result, row 4 has a bad unit and
            // an unknown patient, row 5 a future date. Lines count from the header (row 1).
            let before = try await TableCounts.read(app.db)
            let bad = """
            patient,date,analyte,value,unit,method,sensitivity,llod,lloq
            \(a.code),2026-02-05,serumMProtein,1.1,g/dL,,,,
            \(a.code),2026-01-05,serumMProtein,2.4,g/dL,,,,
            C09-0001,2026-02-05,serumMProtein,11,mmol/L,,,,
            \(b.code),2026-04-01,lambdaFreeLightChain,12,mg/L,,,,
            """
            let refused = try await LabRepository.importCSV(Data(bad.utf8), by: f.coordinatorA, today: today, on: app.db)
            guard case .rejected(let report) = refused else { Issue.record("expected a rejection, got \(refused)"); return }
            #expect(report.problems.map { "\($0.row):\($0.column ?? "-")" } == ["4:patient", "4:unit", "5:date"])
            #expect(try await TableCounts.read(app.db) == before)

            // Once the file's own rows are fine, the stored duplicate on row 3 is what refuses it.
            let duplicate = """
            patient,date,analyte,value,unit
            \(a.code),2026-02-05,serumMProtein,1.1,g/dL
            \(a.code),2026-01-05,serumMProtein,2.4,g/dL
            """
            let second = try await LabRepository.importCSV(Data(duplicate.utf8), by: f.coordinatorA, today: today, on: app.db)
            guard case .rejected(let dupReport) = second else { Issue.record("expected a rejection"); return }
            #expect(dupReport.problems.map(\.row) == [3])
            #expect(dupReport.problems.first?.message.contains("already recorded") == true)
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("another center's patients are unknown to an import and not found to a read")
    func centerScoping() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (a, _) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let file = "patient,date,analyte,value,unit\n\(a.code),2026-01-05,serumMProtein,2.4,g/dL\n"
            let outcome = try await LabRepository.importCSV(Data(file.utf8), by: f.coordinatorB, today: today, on: app.db)
            guard case .rejected(let report) = outcome else { Issue.record("center B imported center A's patient"); return }
            #expect(report.problems.map(\.column) == ["patient"])
            await #expect(throws: StoreError.notFound("patient")) {
                _ = try await LabRepository.results(patientID: try a.requireID(), for: f.coordinatorB, on: app.db)
            }
            await #expect(throws: StoreError.self) {
                _ = try await LabRepository.record([result(a.code, "2026-02-01", .serumMProtein, .number(2.4))], source: .api,
                                                   by: f.coordinatorB, today: today, on: app.db)
            }
            #expect(try await TableCounts.read(app.db).labs == 0)
        }
    }
}
