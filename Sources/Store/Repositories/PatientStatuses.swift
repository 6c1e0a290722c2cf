import CartographCore
import Clinical
import Fluent
import Foundation
import SQLKit
import Synchronization

/// What the list says about one patient's therapy today, derived from its records: where the journey
/// state machine puts it, its study day, its overdue steps (journey and follow-up) and its deviations.
struct DerivedPatientStatus: Sendable, Hashable {
    var stage: JourneyStage
    var studyDay: Int?
    var overdue: Int
    var deviations: Int
    /// Day 0, once infused.
    var infusedOn: CalendarDate?
    /// The therapy's share of the dashboard today.
    var work: DashboardWork

    /// The one derivation the list, the dashboard, the board's selection, their stored statuses and the
    /// tests share.
    /// - Parameters:
    ///   - events: the therapy's journey events in order.
    ///   - followUp: its follow-up visits and events, read only once the patient is infused.
    static func derive(events: [JourneyEvent], profile: ProductProfile, code: String,
                       followUp: (visits: [StoredFollowUpVisit], events: [StoredFollowUpEvent]),
                       today: CalendarDate) throws -> DerivedPatientStatus {
        let state = try JourneyStateMachine.replay(events, profile: profile)
        let plan = JourneyPlanning.plan(state, profile: profile, today: today)
        var work = DashboardWork(plan: plan, today: today)
        // Overdue follow-up work (visits, registry reports, work-ups) counts as overdue too, so the list,
        // the dashboard and the follow-up worklist give one answer.
        var followUpOverdue = 0
        let infusion = events.last(where: { $0.kind == .infused })?.date
        if let infusion {
            let record = FollowUpRepository.trackerRecord(code: code, infusion: infusion, visits: followUp.visits, events: followUp.events)
            let status = FollowUpTracker.status(of: record, schedule: profile.followUp, today: today)
            let overdue = FollowUpWorklist.center([status]).filter { $0.status == .overdue }
            followUpOverdue = overdue.count
            work.overdue += overdue.map {
                DashboardWork.Step(date: $0.date, windowEnd: $0.windowEnd, what: $0.what + " overdue", stage: .longTermFollowUp)
            }
        }
        return DerivedPatientStatus(
            stage: plan.stage,
            // A study day counts only while the patient is followed.
            studyDay: plan.stage.isOffRamp ? nil : state.infusionDate.map { CartographCore.studyDay(of: today, infusion: $0) },
            overdue: plan.overdue.count + followUpOverdue,
            deviations: plan.deviations.count,
            infusedOn: infusion,
            work: work)
    }
}

/// The stored copy of each therapy's `DerivedPatientStatus` (table `patient_statuses`), so that a page
/// of the list is one indexed query at any center size.
///
/// A stored row is current only while its `revision` equals the therapy's and `computed_for` is today.
/// Every writer of a therapy's clinical records (journey, follow-up, laboratory results and their
/// corrections, bedside assessments and interventions) calls `recordsChanged` in its transaction, which
/// moves the therapy's revision on (`DerivedResultCache` keys on the same revision); `refresh` recomputes every row that is not current before the list is
/// read. A reader racing a writer may store a row computed from the older records, but under the older
/// revision, so the next read recomputes it: a stale row is never taken for a current one.
public enum PatientStatuses {
    /// Moves the therapy's revision on. Call inside the transaction that changes its clinical records;
    /// the increment is one SQL statement, so concurrent writers never lose one.
    static func recordsChanged(therapyID: UUID, on tx: Database) async throws {
        try await sql(tx).raw("UPDATE therapies SET revision = revision + 1 WHERE id = \(bind: therapyID)").run()
    }

    /// `recordsChanged` for a journey event, with the therapy's stage it leads to, in the same statement.
    static func recordsChanged(therapyID: UUID, stage: JourneyStage, on tx: Database) async throws {
        try await sql(tx).raw("UPDATE therapies SET stage = \(bind: stage.rawValue), revision = revision + 1 WHERE id = \(bind: therapyID)").run()
    }

    /// The records version of the whole database: its number of therapies and the sum of their
    /// revisions. It moves whenever any clinical record of any patient (real or virtual) changes or a
    /// patient is enrolled, so results computed over many centers' records (the cohort report, whose
    /// virtual cohorts belong to no center) may be kept while it stands still. One pass over an index.
    public static func recordsVersion(on db: Database) async throws -> String {
        struct Version: Decodable { let n: Int; let total: Int? }
        let v = try await sql(db).raw("SELECT COUNT(*) AS n, CAST(SUM(revision) AS BIGINT) AS total FROM therapies")
            .first(decoding: Version.self)
        return "\(v?.n ?? 0):\(v?.total ?? 0)"
    }

    /// `recordsChanged` for every therapy a batch wrote to, in statements of at most 500 therapies.
    static func recordsChanged(therapyIDs: Set<UUID>, on tx: Database) async throws {
        let ids = therapyIDs.sorted { $0.uuidString < $1.uuidString }
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            try await sql(tx).update("therapies").set(SQLIdentifier("revision"), to: SQLRaw("revision + 1"))
                .where("id", .in, chunk).run()
            start += chunk.count
        }
    }

    /// The center's records version (its number of therapies and the sum of their revisions) and the
    /// day at which this process last found every status of the center current. Revisions only grow
    /// and every new therapy adds one to the count, so while the version read from the database is
    /// the same, no status can have gone stale: the check is one index-only count instead of a join
    /// over the center's therapies. Kept per process; the version itself comes from the shared
    /// database, so several app instances stay right.
    private static let foundCurrent = Mutex<[UUID: RecordsVersion]>([:])

    struct RecordsVersion: Decodable, Equatable, Sendable {
        var day: String?
        let n: Int
        let total: Int?
    }

    /// Recomputes every status of the center that is missing, from an older revision or from another
    /// day. Returns how many were recomputed.
    @discardableResult
    static func refresh(center: UUID, today: CalendarDate, on db: Database) async throws -> Int {
        // Read before the statuses are checked: a change committed meanwhile moves the version past it.
        guard var version = try await sql(db).raw("""
            SELECT COUNT(*) AS n, CAST(SUM(revision) AS BIGINT) AS total FROM therapies WHERE center_id = \(bind: center)
            """).first(decoding: RecordsVersion.self) else { return 0 }
        version.day = today.description
        if foundCurrent.withLock({ $0[center] }) == version { return 0 }
        let recomputed = try await recompute(center: center, today: today, on: db)
        foundCurrent.withLock { $0[center] = version }
        return recomputed
    }

    static func recompute(center: UUID, today: CalendarDate, on db: Database) async throws -> Int {
        struct Stale: Decodable {
            let id: UUID, patientID: UUID, productID: String, revision: Int, code: String
            enum CodingKeys: String, CodingKey { case id, patientID = "patient_id", productID = "product_id", revision, code }
        }
        let sql = try sql(db)
        let stale = try await sql.raw("""
            SELECT t.id, t.patient_id, t.product_id, t.revision, p.code FROM therapies t
            JOIN patients p ON p.id = t.patient_id
            LEFT JOIN patient_statuses s ON s.therapy_id = t.id
            WHERE t.center_id = \(bind: center)
              AND (s.therapy_id IS NULL OR s.revision <> t.revision OR s.computed_for <> \(bind: today.description))
            """).all(decoding: Stale.self)
        var start = 0
        while start < stale.count {
            let chunk = Array(stale[start..<min(stale.count, start + 400)])
            start += chunk.count
            let ids = chunk.map(\.id)
            let events = try await journeyEvents(of: ids, on: sql)
            let infused = ids.filter { events[$0]?.contains { $0.kind == .infused } ?? false }
            let visits = infused.isEmpty ? [] : try await FollowUpVisitRecord.query(on: db).filter(\.$therapy.$id ~~ infused).all()
            let followUpEvents = infused.isEmpty ? [] : try await FollowUpEventRecord.query(on: db).filter(\.$therapy.$id ~~ infused).all()
            let visitsOf = Dictionary(grouping: visits, by: { $0.$therapy.id })
            let followUpEventsOf = Dictionary(grouping: followUpEvents, by: { $0.$therapy.id })
            var derivedOf: [(Stale, DerivedPatientStatus)] = []
            for t in chunk {
                guard let profile = ProductCatalogue.profile(id: t.productID) else { throw StoreError.conflict("unknown product \(t.productID)") }
                derivedOf.append((t, try DerivedPatientStatus.derive(
                    events: events[t.id] ?? [], profile: profile, code: t.code,
                    followUp: (try (visitsOf[t.id] ?? []).map(FollowUpRepository.visit), try (followUpEventsOf[t.id] ?? []).map(FollowUpRepository.event)),
                    today: today)))
            }
            try await store(derivedOf.map { ($0.0.id, $0.0.patientID, $0.0.code, $0.0.revision, $0.1) }, center: center, today: today, on: db)
        }
        return stale.count
    }

    /// Writes the statuses and their dashboard items in one transaction, so a status row and its items
    /// always come from the same derivation. Concurrent refreshes of one center take turns: SQLite's
    /// write lock, and on PostgreSQL an advisory lock per center.
    static func store(_ rows: [(therapyID: UUID, patientID: UUID, code: String, revision: Int, derived: DerivedPatientStatus)],
                      center: UUID, today: CalendarDate, on db: Database) async throws {
        guard !rows.isEmpty else { return }
        try await db.transaction { tx in
            let sql = try sql(tx)
            if sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(7340273, hashtext(\(bind: center.uuidString)))").run()
            }
            try await sql.delete(from: "dashboard_items").where("therapy_id", .in, rows.map(\.therapyID)).run()
            let statuses = sql.insert(into: "patient_statuses")
                .columns("therapy_id", "patient_id", "center_id", "revision", "computed_for", "stage", "stage_order",
                         "study_day", "overdue", "deviations", "infused_on")
            var items: [[any SQLExpression]] = []
            for r in rows {
                let d = r.derived
                statuses.values([SQLBind(r.therapyID), SQLBind(r.patientID), SQLBind(center), SQLBind(r.revision), SQLBind(today.description),
                                 SQLBind(d.stage.rawValue), SQLBind(stageOrder(d.stage)), SQLBind(d.studyDay),
                                 SQLBind(d.overdue), SQLBind(d.deviations), SQLBind(d.infusedOn?.description)])
                func item(_ list: String, _ date: CalendarDate, _ windowEnd: CalendarDate, _ what: String, _ stage: JourneyStage,
                          _ deviation: String?) -> [any SQLExpression] {
                    [SQLBind(r.therapyID), SQLBind(center), SQLBind(r.patientID), SQLBind(r.code), SQLBind(list), SQLBind(date.description),
                     SQLBind(windowEnd.description), SQLBind(what), SQLBind(stage.rawValue), SQLBind(deviation)]
                }
                items += d.work.upcoming.map { item("upcoming", $0.date, $0.windowEnd, $0.what, $0.stage, nil) }
                items += d.work.overdue.map { item("overdue", $0.date, $0.windowEnd, $0.what, $0.stage, nil) }
                items += d.work.deviations.map { item("deviation", $0.date, $0.date, $0.message, d.stage, $0.code.rawValue) }
            }
            try await statuses.onConflict(with: ["therapy_id"]) { update in
                ["revision", "computed_for", "stage", "stage_order", "study_day", "overdue", "deviations", "infused_on"]
                    .reduce(update) { $0.set(excludedValueOf: $1) }
            }.run()
            // Ten columns a row: 500 rows a statement stays far below both databases' bound-parameter limits.
            var start = 0
            while start < items.count {
                let end = min(items.count, start + 500)
                try await sql.insert(into: "dashboard_items")
                    .columns("therapy_id", "center_id", "patient_id", "code", "list", "item_date", "window_end", "what", "stage", "deviation_code")
                    .rows(items[start..<end].map { $0 }).run()
                start = end
            }
        }
    }

    /// The journey events of each therapy, in order, read as plain columns (no model per row).
    static func journeyEvents(of therapyIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [JourneyEvent]] {
        struct Row: Decodable {
            let therapyID: UUID, kind: String, date: String, reason: String?
            enum CodingKeys: String, CodingKey { case therapyID = "therapy_id", kind, date = "event_date", reason }
        }
        let rows = try await sql.raw("""
            SELECT therapy_id, kind, event_date, reason FROM journey_events
            WHERE therapy_id IN (\(binds: therapyIDs)) ORDER BY therapy_id, sequence
            """).all(decoding: Row.self)
        var out: [UUID: [JourneyEvent]] = [:]
        for r in rows {
            guard let kind = JourneyEventKind(rawValue: r.kind), let date = CalendarDate(r.date) else {
                throw StoreError.conflict("a stored journey event of therapy \(r.therapyID) is unreadable")
            }
            out[r.therapyID, default: []].append(JourneyEvent(kind, on: date, reason: r.reason))
        }
        return out
    }

    /// The stage's place in the journey, for sorting.
    static func stageOrder(_ stage: JourneyStage) -> Int { JourneyStage.allCases.firstIndex(of: stage) ?? JourneyStage.allCases.count }

    static func sql(_ db: Database) throws -> any SQLDatabase {
        try plainSQL(db, for: "the patient list")
    }
}
