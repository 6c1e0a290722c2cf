import CartographCore
import Fluent
import Foundation

/// The program at a glance for one center: patients by step, what is planned in the next days, what is
/// overdue and what deviated.
public struct ProgramDashboard: Codable, Sendable {
    public struct Item: Codable, Sendable, Hashable {
        public var patientID: UUID
        public var code: String
        public var date: CalendarDate
        public var windowEnd: CalendarDate
        public var what: String
        public var stage: JourneyStage
    }
    public struct DeviationItem: Codable, Sendable, Hashable {
        public var patientID: UUID
        public var code: String
        public var deviation: Deviation
    }
    public var today: CalendarDate
    public var centerName: String
    public var patientCount: Int
    public var byStage: [String: Int]
    public var upcoming: [Item]
    public var overdue: [Item]
    public var deviations: [DeviationItem]

    /// Builds the dashboard with one query per table, whatever the number of patients.
    public static func load(for actor: ActingUser, today: CalendarDate, horizonDays: Int = 14, on db: Database) async throws -> ProgramDashboard {
        guard let center = try await Center.find(actor.centerID, on: db) else { throw StoreError.notFound("center") }
        let patients = try await Patient.query(on: db).filter(\.$center.$id == actor.centerID).all()
        let codes = Dictionary(uniqueKeysWithValues: try patients.map { (try $0.requireID(), $0.code) })
        let therapies = try await Therapy.query(on: db).filter(\.$centerID == actor.centerID).all()
        let tids = try therapies.map { try $0.requireID() }
        let records = try await JourneyEventRecord.query(on: db).filter(\.$therapy.$id ~~ tids).sort(\.$sequence).all()
        let grouped = Dictionary(grouping: records, by: { $0.$therapy.id })

        var byStage: [String: Int] = [:]
        var upcoming: [Item] = [], overdue: [Item] = [], deviations: [DeviationItem] = []
        let horizon = today.adding(days: horizonDays)
        for t in therapies {
            let tid = try t.requireID()
            guard let profile = ProductCatalogue.profile(id: t.productID) else { continue }
            let events = try (grouped[tid] ?? []).map(JourneyRepository.event)
            let state = try JourneyStateMachine.replay(events, profile: profile)
            let plan = JourneyPlanning.plan(state, profile: profile, today: today)
            byStage[plan.stage.rawValue, default: 0] += 1
            let pid = t.$patient.id, code = codes[pid] ?? "?"
            for e in plan.upcoming where e.date >= today && e.date <= horizon {
                upcoming.append(Item(patientID: pid, code: code, date: e.date, windowEnd: e.windowEnd, what: e.what, stage: e.stage))
            }
            for e in plan.overdue {
                overdue.append(Item(patientID: pid, code: code, date: e.date, windowEnd: e.windowEnd, what: e.what, stage: e.stage))
            }
            deviations += plan.deviations.map { DeviationItem(patientID: pid, code: code, deviation: $0) }
        }
        // Overdue follow-up work belongs on the same list as overdue journey steps.
        for f in try await FollowUpRepository.worklist(for: actor, today: today, on: db) where f.item.status == .overdue {
            overdue.append(Item(patientID: f.patientID, code: codes[f.patientID] ?? f.item.patientCode, date: f.item.date,
                                windowEnd: f.item.windowEnd, what: f.item.what + " overdue", stage: .longTermFollowUp))
        }
        return ProgramDashboard(today: today, centerName: center.name, patientCount: patients.count, byStage: byStage,
                                upcoming: upcoming.sorted { ($0.date, $0.code) < ($1.date, $1.code) },
                                overdue: overdue.sorted { ($0.windowEnd, $0.code) < ($1.windowEnd, $1.code) },
                                deviations: deviations.sorted { ($0.deviation.date, $0.code) > ($1.deviation.date, $1.code) })
    }
}
