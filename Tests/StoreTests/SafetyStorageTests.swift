import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

@Suite("Safety records: grades computed on save, alerts, board")
struct SafetyStorageTests {
    let today = CalendarDate("2026-03-15")!
    /// Study day `day` at `hour` in Asia/Shanghai (UTC+8). Day 0 is the infusion, 2026-03-08; its 08:00 local
    /// is 2026-03-08T00:00Z = 1 772 928 000 s (1 773 100 800 for 2026-03-10 minus 2 × 86 400).
    static func shanghai(_ day: Int, hour: Int = 8) -> Date {
        Date(timeIntervalSince1970: 1_772_928_000 + Double(day) * 86_400 + Double(hour - 8) * 3_600)
    }

    /// A patient infused on 2026-03-10, through the real journey.
    func infusedPatient(_ app: Application, _ f: Fixtures) async throws -> UUID {
        let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
        let tid = try t.requireID()
        let data = ScreeningData(ageYears: 60, diagnosis: .multipleMyeloma,
                                 priorLines: [.init(drugClasses: [.proteasomeInhibitor]), .init(drugClasses: [.immunomodulatoryDrug]), .init(drugClasses: [.other])],
                                 lastLineOutcome: .progressiveDisease, ecog: 1,
                                 labs: [.absoluteNeutrophilCount: 1500, .platelets: 100_000, .hemoglobin: 10, .creatinineClearance: 80,
                                        .alanineAminotransferaseULN: 1, .totalBilirubinULN: 1, .leftVentricularEjectionFraction: 60, .oxygenSaturation: 97],
                                 activeInfection: false, extramedullaryDisease: false)
        _ = try await ScreeningRepository.save(data, screenedOn: CalendarDate("2026-01-11")!, therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
        _ = try await DoseRepository.record(weightKilograms: 70, product: nil, therapyID: tid, by: f.coordinatorA, on: app.db)
        for (kind, date) in [(JourneyEventKind.collectionScheduled, "2026-01-20"), (.collected, "2026-01-20"), (.manufacturingStarted, "2026-01-21"),
                             (.released, "2026-02-20"), (.lymphodepletionDose, "2026-03-03"), (.lymphodepletionDose, "2026-03-04"),
                             (.lymphodepletionDose, "2026-03-05"), (.infused, "2026-03-08")] {
            if kind == .infused { try await Fixtures.custodyTrail(therapyID: tid, infusion: CalendarDate(date)!, center: f.centerA, on: app.db) }
            _ = try await JourneyRepository.record(JourneyEvent(kind, on: CalendarDate(date)!), therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
        }
        return tid
    }

    @Test("grades are computed from the observations: 38.5 °C with hypotension and no pressor is CRS grade 2")
    func gradeOnSave() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let tid = try await infusedPatient(app, f)
            let nurse = f.usersA[.nurse]!
            let at = Self.shanghai(2)   // 2026-03-10 is study day 2 (infusion 2026-03-08)
            let (graded, alerts) = try await SafetyRepository.recordAssessment(
                SafetyAssessment(studyDay: 0, recordedAt: at, temperatureC: 38.5, hypotension: true), at: at, therapyID: tid, by: nurse,
                now: at, on: app.db)
            #expect(graded.studyDay == 2)
            #expect(graded.crsGrade == 2)
            #expect(graded.icansGrade == 0)
            // 0 → 2 is both a rise and a new grade ≥ 2: one clinical event, one alert naming both
            // (rule set alerts-2); and the Day 1 assessment that FUCASO schedules was never recorded,
            // so it is reported missed.
            #expect(alerts.map(\.kind).sorted() == ["missedAssessment", "newGradeAtLeast2"])
            #expect(alerts.first { $0.kind == "newGradeAtLeast2" }?.message.contains("new grade ≥ 2, rising") == true)
            #expect(alerts.first { $0.kind == "missedAssessment" }?.studyDay == 1)
            // Reading the file again raises nothing new: alert keys are unique.
            let file = try await SafetyRepository.file(therapyID: tid, for: nurse, today: CalendarDate("2026-03-10")!, on: app.db)
            #expect(file.alerts.count == 2)
            #expect(file.crs?.maxGrade == 2)
            try await AlertAuditCheck.expectUniform(on: app.db)
        }
    }

    @Test("after tocilizumab, hypoxia on high-flow oxygen is CRS 3 without fever (ASTCT 2019)")
    func afterTocilizumab() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let tid = try await infusedPatient(app, f)
            let nurse = f.usersA[.nurse]!
            // Without tocilizumab: 37.0 °C and 8 L/min is not CRS (fever required).
            let first = Self.shanghai(3)
            let (before, _) = try await SafetyRepository.recordAssessment(
                SafetyAssessment(studyDay: 0, recordedAt: first, temperatureC: 37.0, oxygenDevice: .highFlowNasalCannula, oxygenFlowLitersPerMinute: 8),
                at: first, therapyID: tid, by: nurse, now: first, on: app.db)
            #expect(before.crsGrade == 0)
            _ = try await SafetyRepository.recordIntervention(.tocilizumab, drug: "tocilizumab", dose: "8 mg/kg", at: first.addingTimeInterval(600),
                                                              therapyID: tid, by: nurse, now: first.addingTimeInterval(600), on: app.db)
            let later = first.addingTimeInterval(3600)
            let (after, _) = try await SafetyRepository.recordAssessment(
                SafetyAssessment(studyDay: 0, recordedAt: later, temperatureC: 37.0, oxygenDevice: .highFlowNasalCannula, oxygenFlowLitersPerMinute: 8),
                at: later, therapyID: tid, by: nurse, now: later, on: app.db)
            #expect(after.crsGrade == 3)
        }
    }

    @Test("refused: before infusion, not infused, wrong role, other center; nothing is written")
    func refusals() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let tid = try await infusedPatient(app, f)
            let (_, other) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Not"), by: f.coordinatorA, today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            let earlyAt = Self.shanghai(-3)
            let a = SafetyAssessment(studyDay: 0, recordedAt: earlyAt, temperatureC: 37)
            await #expect(throws: StoreError.self) {
                _ = try await SafetyRepository.recordAssessment(a, at: earlyAt, therapyID: tid, by: f.usersA[.nurse]!, now: earlyAt, on: app.db)
            }
            await #expect(throws: StoreError.self) {
                _ = try await SafetyRepository.recordAssessment(a, at: Self.shanghai(1), therapyID: try other.requireID(), by: f.usersA[.nurse]!, now: Self.shanghai(1), on: app.db)
            }
            await #expect(throws: StoreError.forbidden("the Manufacturing role cannot record assessments")) {
                _ = try await SafetyRepository.recordAssessment(a, at: Self.shanghai(1), therapyID: tid, by: f.usersA[.manufacturing]!, now: Self.shanghai(1), on: app.db)
            }
            await #expect(throws: StoreError.notFound("therapy")) {
                _ = try await SafetyRepository.recordAssessment(a, at: Self.shanghai(1), therapyID: tid, by: f.usersB[.nurse]!, now: Self.shanghai(1), on: app.db)
            }
            // An impossible temperature names the field.
            do {
                _ = try await SafetyRepository.recordAssessment(SafetyAssessment(studyDay: 0, recordedAt: Self.shanghai(1), temperatureC: 98.6),
                                                                at: Self.shanghai(1), therapyID: tid, by: f.usersA[.nurse]!, now: Self.shanghai(1), on: app.db)
                Issue.record("98.6 °C accepted")
            } catch StoreError.invalid(let errors) {
                #expect(errors.map(\.field) == ["temperatureC"])
            }
            #expect(try await TableCounts.read(app.db) == before)
            #expect(try await SafetyAssessmentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("a missed scheduled assessment raises an alert; acknowledging it names the user; the board shows the patient")
    func missedAndBoard() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let tid = try await infusedPatient(app, f)
            let nurse = f.usersA[.nurse]!
            // Day 1 recorded, Day 2 (2026-03-10) not; on 2026-03-11 (Day 3) Day 2 is missed (FUCASO schedules days 1–14).
            _ = try await SafetyRepository.recordAssessment(SafetyAssessment(studyDay: 0, recordedAt: Self.shanghai(1), temperatureC: 36.8),
                                                            at: Self.shanghai(1), therapyID: tid, by: nurse, now: Self.shanghai(1), on: app.db)
            // Reading the board writes nothing; the scheduler's round raises the missed assessment, once.
            let before = try await MonitoringBoard.load(for: nurse, today: CalendarDate("2026-03-11")!, on: app.db)
            #expect(before.rows.first?.openAlerts.contains { $0.kind == "missedAssessment" } == false)
            #expect(try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-11")!, on: app.db) == 1)
            #expect(try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-11")!, on: app.db) == 0)
            let board = try await MonitoringBoard.load(for: nurse, today: CalendarDate("2026-03-11")!, on: app.db)
            let row = try #require(board.rows.first)
            #expect(board.rows.count == 1)
            #expect(row.board.studyDay == 3)
            #expect(row.board.latestCRSGrade == 0)
            #expect(row.board.assessmentPending)
            let missed = try #require(row.openAlerts.first { $0.kind == "missedAssessment" })
            #expect(missed.studyDay == 2)
            let acknowledged = try await SafetyRepository.acknowledge(alertID: missed.id, by: nurse, on: app.db)
            #expect(acknowledged.acknowledgedBy == nurse.userID)
            await #expect(throws: StoreError.self) { _ = try await SafetyRepository.acknowledge(alertID: missed.id, by: nurse, on: app.db) }
            // Another center's user cannot see or acknowledge it.
            #expect(try await MonitoringBoard.load(for: f.usersB[.nurse]!, today: CalendarDate("2026-03-11")!, on: app.db).rows.isEmpty)
            // Day 29 (2026-04-06) is past the board.
            #expect(try await MonitoringBoard.load(for: nurse, today: CalendarDate("2026-04-06")!, on: app.db).rows.isEmpty)
            // An alert left unacknowledged lapses once the patient is past Day 28: out of every open list, kept in the record.
            _ = try await SafetyRepository.recordAssessment(SafetyAssessment(studyDay: 0, recordedAt: Self.shanghai(1) + 60, temperatureC: 38.6),
                                                            at: Self.shanghai(1) + 60, therapyID: tid, by: nurse, now: Self.shanghai(1) + 60, on: app.db)
            let openBefore = try await AlertRecord.query(on: app.db).filter(\.$acknowledgedAt == nil).count()
            #expect(openBefore > 0)
            #expect(try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-20")!, on: app.db) >= 0)
            #expect(try await AlertRecord.query(on: app.db).filter(\.$lapsedAt != nil).count() == 0, "still inside Day 0–28")
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-04-06")!, on: app.db)
            let after = try await AlertRecord.query(on: app.db).filter(\.$acknowledgedAt == nil).all()
            #expect(!after.isEmpty && after.allSatisfy { $0.lapsedAt != nil })
            let listed = try await PatientDirectory.page(PatientListQuery(), for: nurse, today: CalendarDate("2026-04-06")!, on: app.db).rows
            #expect(listed.allSatisfy { $0.openAlerts == 0 })
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "alert.lapsed").count() == after.count)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }

    @Test("CAR-HEMATOTOX and ICAHT are computed from the stored laboratory series")
    func hematotoxicityFromLabs() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let tid = try await infusedPatient(app, f)   // first lymphodepletion dose 2026-03-03 (Day −5)
            func lab(_ date: String, _ analyte: LabAnalyte, _ value: Double, _ unit: String) -> LabResult {
                LabResult(patientCode: "C01-0001", sampleDate: CalendarDate(date)!, analyte: analyte, value: .number(value), unit: unit)
            }
            // Before lymphodepletion (Rejeski 2021 bands): platelets 70,000 → 2, ANC 1,000 → 1, Hb 8.5 → 1,
            // CRP 3.5 mg/dL → 1, ferritin 2,500 → 2: score 7, high risk.
            // After infusion: ANC 900 on Day 1 (03-09), 400 on Day 3 (03-11), 200 on Day 6 (03-14), so early ICAHT applies.
            let results = [lab("2026-03-02", .platelets, 70_000, "/uL"), lab("2026-03-02", .absoluteNeutrophilCount, 1_000, "/uL"),
                           lab("2026-03-02", .hemoglobin, 8.5, "g/dL"), lab("2026-03-02", .crp, 3.5, "mg/dL"),
                           lab("2026-03-02", .ferritin, 2_500, "ng/mL"),
                           lab("2026-03-09", .absoluteNeutrophilCount, 900, "/uL"), lab("2026-03-11", .absoluteNeutrophilCount, 400, "/uL"),
                           lab("2026-03-14", .absoluteNeutrophilCount, 200, "/uL")]
            _ = try await LabRepository.record(results, source: .api, by: f.coordinatorA, today: CalendarDate("2026-03-15")!, on: app.db)
            let file = try await SafetyRepository.file(therapyID: tid, for: f.coordinatorA, today: CalendarDate("2026-03-15")!, on: app.db)
            #expect(file.hematotox?.result.score == 7)
            #expect(file.hematotox?.result.risk == .high)
            #expect(file.icaht?.early != nil)
        }
    }
}
