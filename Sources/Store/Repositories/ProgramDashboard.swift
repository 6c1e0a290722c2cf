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

    /// How far ahead the dashboard lists planned steps, in days.
    public static let horizonDays = 14

    /// Builds the dashboard from the center's stored statuses (`PatientStatuses`), derived again first
    /// where a therapy's records changed or the day did: one read of the statuses whatever the number
    /// of patients, and no journey replayed unless it changed.
    public static func load(for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> ProgramDashboard {
        guard let center = try await Center.find(actor.centerID, on: db) else { throw StoreError.notFound("center") }
        try await PatientStatuses.refresh(center: actor.centerID, today: today, on: db)
        struct Row: Decodable {
            let patientID: UUID, stage: String, work: String?, code: String
            enum CodingKeys: String, CodingKey { case patientID = "patient_id", stage, work, code }
        }
        let rows = try await PatientStatuses.sql(db).raw("""
            SELECT s.patient_id, s.stage, s.work, p.code FROM patient_statuses s JOIN patients p ON p.id = s.patient_id
            WHERE s.center_id = \(bind: actor.centerID)
            """).all(decoding: Row.self)
        let patientCount = try await Patient.query(on: db).filter(\.$center.$id == actor.centerID).count()
        var byStage: [String: Int] = [:]
        var upcoming: [Item] = [], overdue: [Item] = [], deviations: [DeviationItem] = []
        let decoder = JSONDecoder()
        for r in rows {
            byStage[r.stage, default: 0] += 1
            guard let text = r.work else { continue }
            guard let work = try? decoder.decode(DashboardWork.self, from: Data(text.utf8)) else {
                throw StoreError.conflict("the stored status of patient \(r.code) is unreadable")
            }
            upcoming += work.upcoming.map { Item(patientID: r.patientID, code: r.code, date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
            overdue += work.overdue.map { Item(patientID: r.patientID, code: r.code, date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
            deviations += work.deviations.map { DeviationItem(patientID: r.patientID, code: r.code, deviation: $0) }
        }
        return ProgramDashboard(today: today, centerName: center.name, patientCount: patientCount, byStage: byStage,
                                upcoming: upcoming.sorted { ($0.date, $0.code) < ($1.date, $1.code) },
                                overdue: overdue.sorted { ($0.windowEnd, $0.code) < ($1.windowEnd, $1.code) },
                                deviations: deviations.sorted { ($0.deviation.date, $0.code) > ($1.deviation.date, $1.code) })
    }
}

/// One therapy's share of the dashboard on one day: the steps planned within the dashboard's horizon,
/// the overdue steps (journey and follow-up) and the deviations. Derived with the therapy's status
/// (`DerivedPatientStatus`) and stored beside it.
struct DashboardWork: Codable, Sendable, Hashable {
    struct Step: Codable, Sendable, Hashable {
        var date: CalendarDate
        var windowEnd: CalendarDate
        var what: String
        var stage: JourneyStage
    }
    var upcoming: [Step] = []
    var overdue: [Step] = []
    var deviations: [Deviation] = []

    var isEmpty: Bool { upcoming.isEmpty && overdue.isEmpty && deviations.isEmpty }

    /// The journey's part: planned steps from today to the horizon, overdue steps, deviations.
    init(plan: JourneyPlan, today: CalendarDate) {
        let horizon = today.adding(days: ProgramDashboard.horizonDays)
        upcoming = plan.upcoming.filter { $0.date >= today && $0.date <= horizon }
            .map { Step(date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
        overdue = plan.overdue.map { Step(date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
        deviations = plan.deviations
    }
}
