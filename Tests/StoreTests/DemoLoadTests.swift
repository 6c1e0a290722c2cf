import Demo
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

    @Test("every role has work when it first opens its pages, on any demo date", arguments: ["2026-03-15", "2026-12-07", "2027-07-01"])
    func workForEveryone(date: String) async throws {
        try await withTestApp(today: date) { app in
            let today = CalendarDate(date)!
            _ = try await DemoSetup.load(courses: DemoProgram.courses(patients: 40, seed: 1, today: today), today: today,
                                         hash: { try app.password.hash($0) }, on: app.db)
            func actor(_ role: Role) async throws -> ActingUser {
                let u = try await AccountRepository.user(email: DemoSetup.email(for: role), on: app.db)!
                return ActingUser(userID: try u.requireID(), centerID: u.$center.id, role: role)
            }
            // Manufacturing: bags in transit, at the site, going back to the center; one quarantined.
            let board = try await ManufacturingBoard.load(for: try await actor(.manufacturing), today: today, on: app.db)
            let phases = Set(board.inProgress.map(\.phase))
            #expect(phases.isSuperset(of: [.inTransitToManufacturing, .atManufacturingSite, .inTransitToCenter]), "\(phases)")
            #expect(board.inProgress.contains { $0.isQuarantined }, "an open temperature excursion")
            // Cells taken into manufacturing stay on the board until their lot is made, and only until then.
            for row in board.inProgress where row.phase == .inManufacturing {
                #expect(row.kind == .apheresis)
                let bag = try #require(try await CustodyBagRecord.find(row.bagID, on: app.db))
                let lots = try await CustodyBagRecord.query(on: app.db).filter(\.$therapyID == bag.therapyID).all()
                    .filter { $0.kind == CustodyBagKind.finalProduct.rawValue }
                for lot in lots { #expect(try await CustodyRepository.state(of: lot, on: app.db).lot == nil) }
            }
            // Every bag phase appears somewhere in the program.
            let bags = try await CustodyBagRecord.query(on: app.db).all()
            var allPhases = Set<CustodyPhase>()
            for b in bags { allPhases.insert(try await CustodyRepository.state(of: b, on: app.db).phase) }
            #expect(allPhases == Set(CustodyPhase.allCases).subtracting([.notStarted, .atCollectionSite]), "\(allPhases)")
            // QA: conforming results awaiting release, and an out-of-specification lot with the physician's signed request.
            let queue = try await ReleaseRepository.queue(for: try await actor(.qa), on: app.db)
            #expect(queue.contains { $0.evaluation?.disposition == .conforming })
            #expect(queue.contains { $0.evaluation?.disposition == .outOfSpecification && $0.exceptionalRequest != nil })
            #expect(queue.contains { $0.evaluation == nil }, "a lot whose results are still to be entered")
            #expect(!(try await CustodyRepository.openDeviations(for: try await actor(.qa), on: app.db)).isEmpty)
            // The nurse: a Day 0–28 patient with CRS grade ≥ 2 today.
            let monitoring = try await MonitoringBoard.load(for: try await actor(.nurse), today: today, on: app.db)
            #expect(monitoring.rows.contains { ($0.board.latestCRSGrade ?? 0) >= 2 }, "\(monitoring.rows.map { ($0.code, $0.board.latestCRSGrade) })")
            #expect(monitoring.rows.first.map { ($0.board.latestCRSGrade ?? 0) >= 2 } == true, "the sickest patient heads the board")
            // The coordinator: due and overdue work.
            let dashboard = try await ProgramDashboard.load(for: try await actor(.coordinator), today: today, on: app.db)
            #expect(dashboard.upcoming.contains { $0.date == today })
            #expect(!dashboard.overdue.isEmpty)
            // Lot numbers are unique per site.
            var lots: [String: String] = [:]
            for e in try await CustodyEventRecord.query(on: app.db).filter(\.$kind == "manufactured").all() {
                #expect(lots[e.details] == nil, "lot reused: \(e.details)")
                lots[e.details] = e.site
            }
        }
    }
}
