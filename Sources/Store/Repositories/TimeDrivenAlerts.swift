import CartographCore
import Clinical
import Fluent
import Foundation
import SQLKit

/// Alerts that time itself raises, not a recorded observation: a scheduled Day 0–28 safety assessment
/// that was not recorded. The app's scheduler calls `raiseDue` every minute, so the alert exists when it
/// comes due whether or not anyone opens a page; no page or API read writes an alert.
///
/// On PostgreSQL several app instances may share the database: each round takes a transaction-scoped
/// advisory lock and an instance that does not get it skips the round, so one instance raises each
/// alert once. Raising is idempotent anyway (an alert's key is stored once per therapy).
public enum TimeDrivenAlerts {
    static let advisoryLock = 7_340_272

    /// Raises every due alert of every real center's patients in Day 0–28; returns how many were raised
    /// (0 also when another instance holds this round).
    /// - Parameter fixedToday: the settings' fixed date, used instead of each center's calendar day.
    @discardableResult
    public static func raiseDue(now: Date = Date(), fixedToday: CalendarDate? = nil, on db: Database) async throws -> Int {
        try await retryingTransaction(on: db) { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                struct Locked: Decodable { let locked: Bool }
                let got = try await sql.raw("SELECT pg_try_advisory_xact_lock(\(literal: advisoryLock)) AS locked").first(decoding: Locked.self)
                guard got?.locked == true else { return 0 }
            }
            var raised = 0
            for center in try await Center.query(on: tx).all() where center.code != VirtualStudy.centerCode {
                let today = fixedToday ?? CalendarDate.today(in: center.zone, now: now)
                for (therapy, profile, infusion) in try await monitored(center: try center.requireID(), today: today, on: tx) {
                    raised += try await SafetyRepository.syncAlerts(therapy: therapy, profile: profile, infusion: infusion,
                                                                    today: today, actor: nil, on: tx).count
                }
                raised += try await raiseOverdueFollowUp(center: try center.requireID(), today: today, now: now, on: tx)
                raised += try await raiseLapsingSlots(center: try center.requireID(), today: today, now: now, on: tx)
            }
            try await lapse(now: now, fixedToday: fixedToday, on: tx)
            return raised
        }
    }

    /// Marks lapsed every open alert of a patient who left the Day 0–28 window or the pathway: it can
    /// no longer be acted on ("reschedule at once" on Day 172 helps no one), but it stays in the record
    /// as never acknowledged. Audited.
    @discardableResult
    static func lapse(now: Date, fixedToday: CalendarDate?, on tx: Database) async throws -> Int {
        // Follow-up and slot alerts outlive Day 28; they are settled by their own rounds.
        let open = try await AlertRecord.query(on: tx).filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt == nil)
            .filter(\.$kind !~ longTermKinds).all()
        guard !open.isEmpty else { return 0 }
        let therapyIDs = Array(Set(open.map { $0.$therapy.id }))
        let therapies = try await Therapy.query(on: tx).filter(\.$id ~~ therapyIDs).all()
        let centers = Dictionary(uniqueKeysWithValues: try await Center.query(on: tx).all().map { (try $0.requireID(), $0) })
        // Therapies of a known product and center; those still monitored and on the pathway keep their alerts open.
        let judged = therapies.filter { ProductCatalogue.profile(id: $0.productID) != nil && centers[$0.centerID] != nil }
        let stillMonitored = Set(try await MonitoringBoard.monitored(judged, today: { t in
            fixedToday ?? CalendarDate.today(in: centers[t.centerID]?.zone ?? .gmt, now: now)
        }, on: tx).filter { !$0.stage.isOffRamp }.map { try $0.therapy.requireID() })
        var lapsing: [UUID] = []
        var audit: [AuditTrail.Entry] = []
        let openOf = Dictionary(grouping: open, by: { $0.$therapy.id })
        for therapy in judged {
            let tid = try therapy.requireID()
            guard !stillMonitored.contains(tid) else { continue }
            for alert in openOf[tid] ?? [] {
                lapsing.append(try alert.requireID())
                audit.append(try AuditTrail.Entry(actor: nil, center: therapy.centerID, action: "alert.lapsed", entity: "therapy",
                                                  entityID: tid.uuidString, payload: ["alert": alert.key, "studyDay": String(alert.studyDay)]))
            }
        }
        try await markLapsed(lapsing, at: now, on: tx)
        try await AuditTrail.append(audit, on: tx)
        return lapsing.count
    }

    /// Sets `lapsed_at` on the alerts in statements of 500, with their audit records appended in one
    /// run by the caller: a round that lapses thousands of alerts (a cohort stored at once, a server
    /// that was down for weeks) holds the write lock for a moment, not for as long as thousands of
    /// single updates take, during which every other writer waits.
    static func markLapsed(_ ids: [UUID], at now: Date, on tx: Database) async throws {
        guard let sql = tx as? any SQLDatabase else { throw StoreError.conflict("lapsing alerts needs an SQL database") }
        var start = 0
        while start < ids.count {
            let end = min(ids.count, start + 500)
            try await sql.update(AlertRecord.schema).set("lapsed_at", to: now).where("id", .in, Array(ids[start..<end])).run()
            start = end
        }
    }

    /// Kinds of alert raised outside Day 0–28, which leaving the monitoring window does not lapse.
    public static let longTermKinds = [overdueFollowUp, slotLapsing]
    public static let overdueFollowUp = "overdueFollowUp"
    public static let slotLapsing = "slotLapsing"

    /// Stores an alert unless one with its key exists for the therapy, queues it for the center's
    /// webhooks and audits it; returns whether it was new.
    static func raise(therapy: Therapy, key: String, kind: String, severity: String, studyDay: Int, message: String,
                      now: Date, on tx: Database) async throws -> Bool {
        try await AlertLedger.raise(therapyID: try therapy.requireID(), centerID: therapy.centerID, key: key, kind: kind, severity: severity,
                                    studyDay: studyDay, message: message, actor: nil, now: now, on: tx) != nil
    }

    /// Lapses the open alerts of `kind` in the center whose key is no longer among `current`: what
    /// they said was done (the visit was recorded, the collection happened). Audited.
    static func settle(kind: String, center: UUID, current: Set<String>, now: Date, on tx: Database) async throws {
        let open = try await AlertRecord.query(on: tx).filter(\.$kind == kind).filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt == nil)
            .join(Therapy.self, on: \AlertRecord.$therapy.$id == \Therapy.$id).filter(Therapy.self, \.$centerID == center).all()
        let settled = open.filter { !current.contains($0.key) }
        try await markLapsed(try settled.map { try $0.requireID() }, at: now, on: tx)
        try await AuditTrail.append(try settled.map {
            try AuditTrail.Entry(actor: nil, center: center, action: "alert.lapsed", entity: "therapy",
                                 entityID: $0.$therapy.id.uuidString, payload: ["alert": $0.key, "why": "no longer due"])
        }, on: tx)
    }

    /// A warning for every follow-up item past the end of its window (visits, survival contacts,
    /// registry reports, malignancy work-ups); settled when the item is done.
    static func raiseOverdueFollowUp(center: UUID, today: CalendarDate, now: Date, on tx: Database) async throws -> Int {
        let items = try await FollowUpRepository.worklist(center: center, today: today, on: tx).filter { $0.item.item.status == .overdue }
        let therapies = Dictionary(uniqueKeysWithValues: try await Therapy.query(on: tx).filter(\.$id ~~ items.map(\.therapyID)).all()
            .map { (try $0.requireID(), $0) })
        var raised = 0, current = Set<String>()
        for row in items {
            guard let therapy = therapies[row.therapyID] else { continue }
            let item = row.item.item
            let key = "followup-overdue:\(item.kind.rawValue):\(item.date)"
            current.insert(key)
            if try await raise(therapy: therapy, key: key, kind: overdueFollowUp, severity: "warning", studyDay: row.infusion.days(to: today),
                               message: "\(item.what) is overdue: its window ended \(item.windowEnd).", now: now, on: tx) {
                raised += 1
            }
        }
        try await settle(kind: overdueFollowUp, center: center, current: current, now: now, on: tx)
        return raised
    }

    /// A warning for every booked manufacturing slot whose collection date has passed without a
    /// recorded collection while its ISO week still runs: the slot lapses unused at the week's end.
    static func raiseLapsingSlots(center: UUID, today: CalendarDate, now: Date, on tx: Database) async throws -> Int {
        let bookings = try await SlotBookingRecord.query(on: tx).filter(\.$centerID == center).filter(\.$status == "active").all()
        let collected = Set(try await JourneyEventRecord.query(on: tx).filter(\.$therapy.$id ~~ bookings.map(\.therapyID))
            .filter(\.$kind == JourneyEventKind.collected.rawValue).all().map { $0.$therapy.id })
        let therapies = Dictionary(uniqueKeysWithValues: try await Therapy.query(on: tx).filter(\.$id ~~ bookings.map(\.therapyID)).all()
            .map { (try $0.requireID(), $0) })
        let sites = Dictionary(uniqueKeysWithValues: try await ManufacturingSite.query(on: tx).all().map { (try $0.requireID(), $0.code) })
        var raised = 0, current = Set<String>()
        for b in bookings where !collected.contains(b.therapyID) {
            guard let date = CalendarDate(b.collectionDate), let therapy = therapies[b.therapyID], date < today else { continue }
            let weekEnd = date.isoWeek.sunday
            guard today <= weekEnd else { continue }
            let key = "slot-lapsing:\(b.slotKey ?? b.isoWeek)"
            current.insert(key)
            let site = sites[b.siteID] ?? "the site"
            if try await raise(therapy: therapy, key: key, kind: slotLapsing, severity: "warning", studyDay: 0,
                               message: "Collection planned for \(date) is not recorded; the manufacturing slot at \(site) in \(b.isoWeek) "
                                   + "lapses unused after \(weekEnd). Record the collection or move it.", now: now, on: tx) {
                raised += 1
            }
        }
        try await settle(kind: slotLapsing, center: center, current: current, now: now, on: tx)
        return raised
    }

    /// The center's real therapies whose study day `today` is inside Day 0 to the end of monitoring,
    /// still on the pathway.
    static func monitored(center: UUID, today: CalendarDate, on db: Database) async throws -> [(Therapy, ProductProfile, CalendarDate)] {
        let therapies = try await Therapy.query(on: db).filter(\.$centerID == center)
            .join(Patient.self, on: \Therapy.$patient.$id == \Patient.$id).filter(Patient.self, \.$origin == "real").all()
        return try await MonitoringBoard.monitored(therapies, today: { _ in today }, on: db)
            .filter { !$0.stage.isOffRamp }.map { ($0.therapy, $0.profile, $0.infusion) }
    }
}
