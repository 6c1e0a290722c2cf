import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

@Suite("Demo program")
struct DemoLoadTests {
    @Test("the demo loads through the repositories and covers every journey stage and off-ramp")
    func everyStage() async throws {
        try await withTestApp { app in
            let today = CalendarDate("2026-03-15")!
            let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: 40, seed: 7, today: today), today: today,
                                               hash: { try app.password.hash($0) }, on: app.db)
            #expect(ids.count == 40)
            let coordinator = try await AccountRepository.user(email: DemoSetup.email(for: .coordinator), on: app.db)!
            let actor = ActingUser(userID: try coordinator.requireID(), centerID: coordinator.$center.id, role: .coordinator)
            let dashboard = try await ProgramDashboard.load(for: actor, today: today, on: app.db)
            let missing = JourneyStage.allCases.filter { (dashboard.byStage[$0.rawValue] ?? 0) == 0 }
            #expect(missing.isEmpty, "stages without a demo patient: \(missing)")
            #expect(dashboard.deviations.contains { $0.deviation.code == .lymphodepletionNotConsecutive })
            #expect(dashboard.deviations.contains { $0.deviation.code == .infusionOutsideWindow })
            #expect(!dashboard.upcoming.isEmpty)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }
}
