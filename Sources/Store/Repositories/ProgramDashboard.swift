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

    /// How many items are overdue in all, when `overdue` may have been cut to a limit.
    public var overdueCount: Int?
    /// How many deviations there are in all, when `deviations` may have been cut to a limit.
    public var deviationCount: Int?

    /// Every overdue item, listed or not.
    public var overdueTotal: Int { overdueCount ?? overdue.count }
    /// Every deviation, listed or not.
    public var deviationTotal: Int { deviationCount ?? deviations.count }

    /// How far ahead the dashboard lists planned steps, in days.
    public static let horizonDays = 14

    /// Builds the dashboard from the center's stored statuses and dashboard items (`PatientStatuses`),
    /// derived again first where a therapy's records changed or the day did: its lists come from the
    /// database already ordered and counted, whatever the number of patients, and no journey is
    /// replayed unless it changed.
    /// - Parameter limit: the most overdue items and deviations returned (the longest overdue and the
    ///   most recent first); `overdueCount` and `deviationCount` count them all. Nil returns all.
    public static func load(for actor: ActingUser, today: CalendarDate, limit: Int? = nil, on db: Database) async throws -> ProgramDashboard {
        guard let center = try await Center.find(actor.centerID, on: db) else { throw StoreError.notFound("center") }
        try await PatientStatuses.refresh(center: actor.centerID, today: today, on: db)
        let sql = try PatientStatuses.sql(db)
        struct StageCount: Decodable { let stage: String; let n: Int }
        let stages = try await sql.raw("""
            SELECT stage, COUNT(*) AS n FROM patient_statuses WHERE center_id = \(bind: actor.centerID) GROUP BY stage
            """).all(decoding: StageCount.self)
        struct ListCount: Decodable { let list: String; let n: Int }
        let counts = Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT list, COUNT(*) AS n FROM dashboard_items WHERE center_id = \(bind: actor.centerID) GROUP BY list
            """).all(decoding: ListCount.self).map { ($0.list, $0.n) })
        struct Row: Decodable {
            let patient_id: UUID, code: String, item_date: String, window_end: String, what: String, stage: String, deviation_code: String?
        }
        func rows(_ list: String, order: String, limit: Int?) async throws -> [Row] {
            let limitClause = limit.map { " LIMIT \($0)" } ?? ""
            return try await sql.raw("""
                SELECT patient_id, code, item_date, window_end, what, stage, deviation_code FROM dashboard_items
                WHERE center_id = \(bind: actor.centerID) AND list = \(bind: list) ORDER BY \(unsafeRaw: order)\(unsafeRaw: limitClause)
                """).all(decoding: Row.self)
        }
        let unreadable = StoreError.conflict("a stored dashboard item is unreadable")
        func item(_ r: Row) throws -> Item {
            guard let date = CalendarDate(r.item_date), let end = CalendarDate(r.window_end), let stage = JourneyStage(rawValue: r.stage)
            else { throw unreadable }
            return Item(patientID: r.patient_id, code: r.code, date: date, windowEnd: end, what: r.what, stage: stage)
        }
        let limit = limit.map { max(0, $0) }
        let deviations = try await rows("deviation", order: "item_date DESC, code DESC", limit: limit).map { r in
            guard let code = r.deviation_code.flatMap(Deviation.Code.init(rawValue:)), let date = CalendarDate(r.item_date) else { throw unreadable }
            return DeviationItem(patientID: r.patient_id, code: r.code, deviation: Deviation(code: code, date: date, message: r.what))
        }
        var dashboard = ProgramDashboard(
            today: today, centerName: center.name,
            patientCount: try await Patient.query(on: db).filter(\.$center.$id == actor.centerID).count(),
            byStage: Dictionary(uniqueKeysWithValues: stages.map { ($0.stage, $0.n) }),
            upcoming: try await rows("upcoming", order: "item_date, code", limit: nil).map(item),
            overdue: try await rows("overdue", order: "window_end, code", limit: limit).map(item),
            deviations: deviations)
        dashboard.overdueCount = counts["overdue"] ?? 0
        dashboard.deviationCount = counts["deviation"] ?? 0
        return dashboard
    }
}

/// One therapy's share of the dashboard on one day: the steps planned within the dashboard's horizon,
/// the overdue steps (journey and follow-up) and the deviations. Derived with the therapy's status
/// (`DerivedPatientStatus`) and stored beside it.
struct DashboardWork: Sendable, Hashable {
    struct Step: Sendable, Hashable {
        var date: CalendarDate
        var windowEnd: CalendarDate
        var what: String
        var stage: JourneyStage
    }
    var upcoming: [Step] = []
    var overdue: [Step] = []
    var deviations: [Deviation] = []

    /// The journey's part: planned steps from today to the horizon, overdue steps, deviations.
    init(plan: JourneyPlan, today: CalendarDate) {
        let horizon = today.adding(days: ProgramDashboard.horizonDays)
        upcoming = plan.upcoming.filter { $0.date >= today && $0.date <= horizon }
            .map { Step(date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
        overdue = plan.overdue.map { Step(date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) }
        deviations = plan.deviations
    }
}
