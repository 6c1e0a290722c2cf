import CartographCore
import Fluent
import Foundation

/// The one way an alert comes into being, whatever raised it (a graded assessment, a missed visit, a
/// lapsing slot, a bedside mismatch): stored once per key and therapy, queued for the center's
/// webhooks, and audited as `alert.raised` with the same payload shape, in the caller's transaction.
enum AlertLedger {
    /// What every `alert.raised` audit record holds; `details` is the rule's own record, when it has one.
    struct Raised<Details: Encodable>: Encodable {
        let key: String
        let kind: String
        let severity: String
        let studyDay: Int
        let message: String
        let details: Details?
    }

    /// Raises the alert unless the therapy already has one with `key`; returns the new record, or nil.
    @discardableResult
    static func raise(therapyID: UUID, centerID: UUID, key: String, kind: String, severity: String, studyDay: Int, message: String,
                      details: (some Encodable)? = String?.none, actor: UUID?, now: Date, on tx: Database) async throws -> AlertRecord? {
        guard try await AlertRecord.query(on: tx).filter(\.$therapy.$id == therapyID).filter(\.$key == key).first() == nil else { return nil }
        let r = AlertRecord()
        r.$therapy.id = therapyID
        r.key = key
        r.kind = kind
        r.severity = severity
        r.studyDay = studyDay
        r.message = message
        r.raisedAt = now
        try await r.create(on: tx)
        try await AlertOutbox.enqueue(r, centerID: centerID, now: now, on: tx)
        try await AuditTrail.record(on: tx, actor: actor, center: centerID, action: "alert.raised", entity: "therapy",
                                    entityID: therapyID.uuidString,
                                    payload: Raised(key: key, kind: kind, severity: severity, studyDay: studyDay, message: message, details: details))
        return r
    }
}
