import CartographCore
import Clinical
import Fluent
import Foundation
@testable import Store
import Testing
import TestSupport

/// The dashboard and the Day 0–28 board read each therapy's derivations from `patient_statuses`; a
/// stored derivation must change as soon as a record it came from changes, on the same day, and when
/// the day changes.
@Suite("Stored statuses: the dashboard and the board follow every change", .serialized)
struct StoredStatusCacheTests {
    static let infusion = CalendarDate("2026-03-08")!

    @Test("an overdue follow-up visit leaves the dashboard the moment the visit is recorded, and a later day brings the next one")
    func followUpVisit() async throws {
        let today = CalendarDate("2026-05-20")!
        try await withTestApp(today: today.description) { app in
            let f = try await Fixtures.make(on: app)
            let (patient, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, on: app.db)
            let pid = try patient.requireID()
            let before = try await ProgramDashboard.load(for: f.coordinatorA, today: today, on: app.db)
            let overdue = before.overdue.filter { $0.patientID == pid && $0.stage == .longTermFollowUp }
            let first = try #require(overdue.first, "no overdue follow-up on \(today): \(before.overdue)")
            #expect(first.what.hasSuffix(" overdue"))
            // The same answer as the follow-up worklist, derived straight from the records.
            let worklist = try await FollowUpRepository.worklist(for: f.coordinatorA, today: today, on: app.db)
                .filter { $0.patientID == pid && $0.item.status == .overdue }
            #expect(Set(overdue.map(\.what)) == Set(worklist.map { $0.item.what + " overdue" }))
            // MUT: the visit is recorded; the stored status is now from an older revision.
            _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: first.date), patientID: pid, by: f.coordinatorA,
                                                         today: today, on: app.db)
            let after = try await ProgramDashboard.load(for: f.coordinatorA, today: today, on: app.db)
            #expect(!after.overdue.contains { $0.patientID == pid && $0.what == first.what }, "\(after.overdue)")
            // Months later the next visits are overdue: the day alone makes the stored status stale.
            let later = try await ProgramDashboard.load(for: f.coordinatorA, today: today.adding(days: 200), on: app.db)
            #expect(later.overdue.filter { $0.patientID == pid }.count > after.overdue.filter { $0.patientID == pid }.count)
        }
    }

    @Test("a dashboard cut to a limit keeps the longest overdue first and counts every item")
    func limit() async throws {
        let today = CalendarDate("2026-09-20")!
        try await withTestApp(today: today.description) { app in
            let f = try await Fixtures.make(on: app)
            for (i, name) in ["Ann", "Bo", "Cy"].enumerated() {
                _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion.adding(days: 10 * i), today: today,
                                                      given: name, on: app.db)
            }
            let all = try await ProgramDashboard.load(for: f.coordinatorA, today: today, on: app.db)
            #expect(all.overdue.count >= 3, "\(all.overdue)")
            #expect(all.overdueTotal == all.overdue.count)
            let cut = try await ProgramDashboard.load(for: f.coordinatorA, today: today, limit: 2, on: app.db)
            #expect(cut.overdue == Array(all.overdue.prefix(2)))
            #expect(cut.overdueCount == all.overdue.count)
            #expect(cut.upcoming == all.upcoming)
            #expect(cut.byStage == all.byStage)
            // Ordered as the dashboard promises: the window that closed first, then the patient code.
            #expect(all.overdue.map { "\($0.windowEnd) \($0.code)" } == all.overdue.map { "\($0.windowEnd) \($0.code)" }.sorted())
        }
    }

    @Test("the board shows a patient infused after it was last read, inside the window and not after it")
    func boardSelection() async throws {
        let today = CalendarDate("2026-03-10")!
        try await withTestApp(today: today.description) { app in
            let f = try await Fixtures.make(on: app)
            let nurse = f.usersA[.nurse]!
            let early = try await MonitoringBoard.load(for: nurse, today: today, on: app.db)
            #expect(early.rows.isEmpty)
            let (patient, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, on: app.db)
            let board = try await MonitoringBoard.load(for: nurse, today: today, on: app.db)
            #expect(board.rows.map(\.patientID) == [try patient.requireID()])
            #expect(board.rows.first?.board.studyDay == 2)
            // The last day of the window, then the day after it.
            let profile = try #require(ProductCatalogue.profile(id: "fucaso"))
            let last = Self.infusion.adding(days: profile.windows.monitoringEndDay)
            #expect(try await MonitoringBoard.load(for: nurse, today: last, on: app.db).rows.count == 1)
            #expect(try await MonitoringBoard.load(for: nurse, today: last.adding(days: 1), on: app.db).rows.isEmpty)
            // Another center's nurse sees none of it.
            #expect(try await MonitoringBoard.load(for: f.usersB[.nurse]!, today: today, on: app.db).rows.isEmpty)
        }
    }
}
