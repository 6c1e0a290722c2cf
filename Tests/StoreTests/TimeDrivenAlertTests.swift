import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

/// Alerts time raises after Day 28: an overdue follow-up item, raised once, queued for the center's
/// webhook, left open past Day 28 and settled when the visit is recorded.
@Suite("Time-driven alerts after Day 28", .serialized)
struct TimeDrivenAlertTests {
    @Test("a follow-up visit past its window raises one warning, delivered like any alert, settled by recording the visit")
    func overdueFollowUp() async throws {
        try await withTestApp(today: "2026-04-21") { app in
            let f = try await Fixtures.make(on: app)
            _ = try await NotificationChannels.addWebhook(name: "Pager", url: "https://203.0.113.10/hook", allowInsecure: false,
                                                          by: f.usersA[.admin]!, on: app.db)
            // Infused 2026-03-08: the Day 28 visit is planned for 2026-04-05, on time until 2026-04-19 (±14 days).
            let (patient, therapyID) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-08")!,
                                                                         today: CalendarDate("2026-04-21")!, on: app.db)
            // On the window's last day nothing is overdue yet.
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-04-19")!, on: app.db)
            #expect(try await AlertRecord.query(on: app.db).filter(\.$kind == TimeDrivenAlerts.overdueFollowUp).count() == 0)
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-04-20")!, on: app.db)
            let alerts = try await AlertRecord.query(on: app.db).filter(\.$kind == TimeDrivenAlerts.overdueFollowUp).all()
            #expect(alerts.count == 1)
            let alert = try #require(alerts.first)
            #expect(alert.$therapy.id == therapyID && alert.severity == "warning" && alert.studyDay == 43)
            #expect(alert.message.contains("Day 28") && alert.message.contains("2026-04-19"), "\(alert.message)")
            #expect(alert.lapsedAt == nil, "past Day 28, and still open")
            #expect(try await AlertDelivery.query(on: app.db).filter(\.$alertID == alert.requireID()).count() == 1)
            // Raised once.
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-04-21")!, on: app.db)
            #expect(try await AlertRecord.query(on: app.db).filter(\.$kind == TimeDrivenAlerts.overdueFollowUp).count() == 1)
            // The visit, which took place on 2026-04-19, is entered late: the alert is settled, kept in the record.
            _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: CalendarDate("2026-04-19")!), patientID: try patient.requireID(),
                                                         by: f.coordinatorA, today: CalendarDate("2026-04-21")!, on: app.db)
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-04-21")!, on: app.db)
            let settled = try #require(try await AlertRecord.find(alert.requireID(), on: app.db))
            #expect(settled.lapsedAt != nil && settled.acknowledgedAt == nil)
            // Another center's patients raise nothing for center B.
            let bAlerts = try await AlertRecord.query(on: app.db).join(Therapy.self, on: \AlertRecord.$therapy.$id == \Therapy.$id)
                .filter(Therapy.self, \.$centerID == f.centerB).count()
            #expect(bAlerts == 0)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
            try await AlertAuditCheck.expectUniform(on: app.db)
        }
    }
}
