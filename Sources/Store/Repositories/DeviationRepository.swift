import CartographCore
import Fluent
import Foundation

/// Closing deviations: QA only, always with a reason and QA's signature ("deviation closure").
public enum DeviationRepository {
    /// Closes deviation `deviationID` of the user's center.
    ///
    /// A bag's deviation is closed through its custody log (`quarantineReleased`, signed), so the bag
    /// leaves quarantine when none stays open; a bedside-mismatch deviation is closed on its own row
    /// with the same signature. Other roles get 403 and nothing is written.
    @discardableResult
    public static func close(_ deviationID: UUID, reason: String, signerName: String, by actor: ActingUser, at instant: Date = Date(),
                             on db: Database) async throws -> DeviationView {
        guard actor.role == .qa else {
            throw StoreError.forbidden(CustodyTransitionError.onlyQAClosesDeviations(role: actor.role).description)
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.invalid([FieldError("reason", "a deviation is closed with a reason")]) }
        try await retryingTransaction(on: db) { tx in
            guard let row = try await CustodyDeviationRecord.query(on: tx).filter(\.$id == deviationID)
                .filter(\.$centerID == actor.centerID).first() else { throw StoreError.notFound("deviation") }
            guard row.closedAtMilliseconds == nil else { throw StoreError.conflict("the deviation is already closed") }
            if let bagID = row.bagID, row.kind != "bedsideMismatch" {
                try await CustodyRepository.append(.quarantineReleased(deviationID: row.number, reason: trimmed), bagID: bagID, by: actor,
                                                   at: instant, site: nil, timeZone: nil, signerName: signerName, on: tx)
                return
            }
            struct ClosureRecord: Encodable { let deviationID: UUID; let key: String; let summary: String; let reason: String }
            let signature = try await SignatureRepository.sign(ClosureRecord(deviationID: deviationID, key: row.key, summary: row.summary, reason: trimmed),
                                                               meaning: .deviationClosure, signerName: signerName, by: actor,
                                                               entity: "deviation", entityID: deviationID.uuidString, at: instant, on: tx)
            row.closedBy = actor.userID
            row.closedAtMilliseconds = SignatureRepository.milliseconds(instant)
            row.closureReason = trimmed
            row.closureSignatureID = signature.id
            try await row.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "deviation.closed", entity: "deviation",
                                        entityID: deviationID.uuidString,
                                        payload: ["reason": trimmed, "signatureID": signature.id.uuidString, "key": row.key])
        }
        guard let row = try await CustodyDeviationRecord.find(deviationID, on: db) else { throw StoreError.notFound("deviation") }
        return try await CustodyRepository.deviationViews([row], on: db)[0]
    }
}
