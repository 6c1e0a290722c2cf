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
        let open = try await AlertRecord.query(on: tx).filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt == nil).all()
        guard !open.isEmpty else { return 0 }
        let therapyIDs = Array(Set(open.map { $0.$therapy.id }))
        let therapies = try await Therapy.query(on: tx).filter(\.$id ~~ therapyIDs).all()
        let centers = Dictionary(uniqueKeysWithValues: try await Center.query(on: tx).all().map { (try $0.requireID(), $0) })
        // Therapies of a known product and center; those still monitored and on the pathway keep their alerts open.
        let judged = therapies.filter { ProductCatalogue.profile(id: $0.productID) != nil && centers[$0.centerID] != nil }
        let stillMonitored = Set(try await MonitoringBoard.monitored(judged, today: { t in
            fixedToday ?? CalendarDate.today(in: centers[t.centerID]?.zone ?? .gmt, now: now)
        }, on: tx).filter { !$0.stage.isOffRamp }.map { try $0.therapy.requireID() })
        var lapsed = 0
        for therapy in judged {
            let tid = try therapy.requireID()
            guard !stillMonitored.contains(tid) else { continue }
            for alert in open where alert.$therapy.id == tid {
                alert.lapsedAt = now
                try await alert.update(on: tx)
                try await AuditTrail.record(on: tx, actor: nil, center: therapy.centerID, action: "alert.lapsed", entity: "therapy",
                                            entityID: tid.uuidString, payload: ["alert": alert.key, "studyDay": String(alert.studyDay)])
                lapsed += 1
            }
        }
        return lapsed
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
