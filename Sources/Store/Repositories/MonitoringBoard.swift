import CartographCore
import Clinical
import Fluent
import Foundation

/// The Day 0–28 board: every patient of the center between infusion and the end of short-term
/// monitoring, with today's grades, the trend, what is pending and the open alerts.
public struct MonitoringBoard: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var patientID: UUID
        public var code: String
        public var name: String?
        public var board: SafetyBoardRow
        public var openAlerts: [AlertView]
        /// Alerts acknowledged in the last 24 hours, with who acknowledged them and when.
        public var recentlyAcknowledged: [AlertView] = []

        /// The worst of today's CRS and ICANS grades (0 when neither is graded yet).
        public var worstCurrentGrade: Int { max(board.latestCRSGrade ?? 0, board.latestICANSGrade ?? 0) }

        /// Triage order: the worst current grade first, then the most severe open alert, then the
        /// earliest study day (the days of highest risk), then the code.
        static func triage(_ a: Row, _ b: Row) -> Bool {
            if a.worstCurrentGrade != b.worstCurrentGrade { return a.worstCurrentGrade > b.worstCurrentGrade }
            let (sa, sb) = (a.board.highestOpenSeverity, b.board.highestOpenSeverity)
            if sa != sb {
                // Severities order themselves (`SafetyAlertSeverity` is Comparable); no open alert ranks last.
                guard let sa else { return false }
                guard let sb else { return true }
                return sa > sb
            }
            return (a.board.studyDay, a.code) < (b.board.studyDay, b.code)
        }
    }
    public var today: CalendarDate
    public var rows: [Row]
    /// The center's time zone, in which acknowledgement times are shown.
    public var timeZone: String = "UTC"

    /// A therapy inside Day 0 to the end of its product's monitoring window, with its product, Day 0 and
    /// the journey's stage.
    struct Monitored {
        var therapy: Therapy
        var profile: ProductProfile
        var infusion: CalendarDate
        var stage: JourneyStage
    }

    /// Those of `therapies` (of a known product) whose study day on their own `today` lies inside Day 0
    /// to the end of monitoring; one query for all their journeys. The board and the alert scheduler
    /// share it.
    static func monitored(_ therapies: [Therapy], today: (Therapy) -> CalendarDate, on db: Database) async throws -> [Monitored] {
        let tids = try therapies.map { try $0.requireID() }
        let events = Dictionary(grouping: try await JourneyEventRecord.query(on: db).filter(\.$therapy.$id ~~ tids).sort(\.$sequence).all(),
                                by: { $0.$therapy.id })
        var out: [Monitored] = []
        for t in therapies {
            guard let profile = ProductCatalogue.profile(id: t.productID) else { continue }
            let state = try JourneyStateMachine.replay(try (events[try t.requireID()] ?? []).map(JourneyRepository.event), profile: profile)
            guard let infusion = state.infusionDate,
                  (0...profile.windows.monitoringEndDay).contains(studyDay(of: today(t), infusion: infusion)) else { continue }
            out.append(Monitored(therapy: t, profile: profile, infusion: infusion, stage: state.stage))
        }
        return out
    }

    /// Builds the rows; reading writes nothing (missed-assessment alerts are raised by
    /// `TimeDrivenAlerts` on the app's schedule). One query per table.
    public static func load(for actor: ActingUser, today: CalendarDate, now: Date = Date(), on db: Database) async throws -> MonitoringBoard {
        // Candidates by index: the therapies whose stored status puts Day 0 inside the longest
        // monitoring window any product has; each is then checked against its own product's window.
        try await PatientStatuses.refresh(center: actor.centerID, today: today, on: db)
        let longest = ProductCatalogue.all.map(\.windows.monitoringEndDay).max() ?? 0
        struct Candidate: Decodable { let therapy_id: UUID }
        let candidates = try await PatientStatuses.sql(db).select().column("therapy_id").from("patient_statuses")
            .where("center_id", .equal, actor.centerID)
            .where("infused_on", .greaterThanOrEqual, today.adding(days: -longest).description)
            .where("infused_on", .lessThanOrEqual, today.description)
            .all(decoding: Candidate.self).map(\.therapy_id)
        let therapies = candidates.isEmpty ? [] : try await Therapy.query(on: db).filter(\.$id ~~ candidates).all()
        let monitored = try await Self.monitored(therapies, today: { _ in today }, on: db).map { ($0.therapy, $0.profile, $0.infusion) }
        let ids = try monitored.map { try $0.0.requireID() }
        let assessments = Dictionary(grouping: try await SafetyAssessmentRecord.query(on: db).filter(\.$therapy.$id ~~ ids).sort(\.$assessedAt).all(),
                                     by: { $0.$therapy.id })
        let alerts = Dictionary(grouping: try await AlertRecord.query(on: db).filter(\.$therapy.$id ~~ ids).sort(\.$raisedAt, .descending).all(),
                                by: { $0.$therapy.id })
        let patientIDs = monitored.map { $0.0.$patient.id }
        let patients = Dictionary(uniqueKeysWithValues: try await Patient.query(on: db).filter(\.$id ~~ patientIDs).all().map { (try $0.requireID(), $0) })
        var names: [UUID: String] = [:]
        if actor.role.seesIdentity {
            for i in try await PatientIdentity.query(on: db).filter(\.$patient.$id ~~ patientIDs).all() {
                names[i.$patient.id] = "\(i.familyName), \(i.givenName)"
            }
        }
        let dayAgo = now.addingTimeInterval(-86_400)
        let acknowledgedRecently = alerts.values.joined().filter { ($0.acknowledgedAt ?? .distantPast) >= dayAgo }
        let ackNames = try await SafetyRepository.userNames(Set(acknowledgedRecently.compactMap(\.acknowledgedBy)), on: db)
        var rows: [Row] = []
        for (t, profile, infusion) in monitored {
            let tid = try t.requireID()
            let stored = alerts[tid] ?? []
            let boardPatient = SafetyBoardPatient(
                patientID: tid.uuidString, infusionDate: infusion,
                assessments: try (assessments[tid] ?? []).map(SafetyRepository.seriesPoint),
                alerts: [], acknowledgedAlertKeys: [])
            guard let row = try SafetyBoard.rows(patients: [boardPatient], today: today, windows: profile.windows).first else { continue }
            var boardRow = row
            let open = try stored.filter { $0.acknowledgedAt == nil && $0.lapsedAt == nil }.map { try SafetyRepository.alertView($0, names: [:]) }
            boardRow.openAlerts = open.count
            boardRow.highestOpenSeverity = open.compactMap { SafetyAlertSeverity(rawValue: $0.severity) }.max()
            let pid = t.$patient.id
            let acknowledged = try stored.filter { ($0.acknowledgedAt ?? .distantPast) >= dayAgo }
                .sorted { ($0.acknowledgedAt ?? .distantPast) > ($1.acknowledgedAt ?? .distantPast) }
                .map { try SafetyRepository.alertView($0, names: ackNames) }
            rows.append(Row(patientID: pid, code: patients[pid]?.code ?? "?", name: names[pid], board: boardRow, openAlerts: open,
                            recentlyAcknowledged: acknowledged))
        }
        let zone = try await Center.find(actor.centerID, on: db)?.timeZone ?? "UTC"
        return MonitoringBoard(today: today, rows: rows.sorted(by: Row.triage), timeZone: zone)
    }
}
