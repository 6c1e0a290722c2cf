import CartographCore
import Crypto
import Fluent
import Foundation

/// A stored signature as pages and the API show it (§11.50: printed name, time, meaning).
public struct SignatureView: Codable, Sendable, Hashable {
    public var id: UUID
    public var signerName: String
    public var role: Role
    public var meaning: SignatureMeaning
    public var signedAt: Date
    public var digest: String
    /// `Signed by … on … — meaning`.
    public var manifestation: String
}

/// Electronic signatures: applied inside the caller's transaction, bound to the SHA-256 digest of the
/// exact record signed, never updated or deleted.
///
/// Password re-entry (§11.200) is the caller's job: the web layer checks the password with bcrypt
/// before it calls `sign`, so a signature row always stands for a fresh authentication.
public enum SignatureRepository {
    /// Whole milliseconds, the precision every instant is stored and signed with.
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    public static func date(milliseconds ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    public static func roundedToMilliseconds(_ date: Date) -> Date { Self.date(milliseconds: milliseconds(date)) }

    /// Lowercase hex SHA-256 of `request.manifestBytes()`.
    public static func digest(of request: SignatureRequest) throws -> String {
        SHA256.hash(data: try request.manifestBytes()).map { String(format: "%02x", $0) }.joined()
    }

    /// Signs `record` as `actor` with `meaning`, stores the signature and its audit record on `tx`
    /// (which must be the caller's transaction), and returns it.
    /// - Throws: `StoreError.forbidden` when the role may not sign the meaning; `StoreError.invalid`
    ///   for a blank name.
    public static func sign<Record: Encodable>(_ record: Record, meaning: SignatureMeaning, signerName: String, by actor: ActingUser,
                                               entity: String, entityID: String, at instant: Date, on tx: Database) async throws -> SignatureView {
        let signedAt = roundedToMilliseconds(instant)
        let request: SignatureRequest
        do {
            request = try SignatureRequest(signerID: actor.userID.uuidString, signerName: signerName, role: actor.role, meaning: meaning,
                                           signedAt: signedAt, record: record)
        } catch let e as SignatureRequestError {
            if case .roleMayNotSign = e { throw StoreError.forbidden(e.description) }
            throw StoreError.invalid([e.fieldError])
        }
        let row = ElectronicSignatureRecord()
        row.centerID = actor.centerID
        row.signerID = actor.userID
        row.signerName = signerName
        row.role = actor.role.rawValue
        row.meaning = meaning.rawValue
        row.entity = entity
        row.entityID = entityID
        row.record = String(decoding: request.recordCanonicalBytes, as: UTF8.self)
        row.digest = try digest(of: request)
        row.signedAtMilliseconds = milliseconds(signedAt)
        try await row.create(on: tx)
        let id = try row.requireID()
        try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "signature.\(meaning.rawValue)",
                                    entity: entity, entityID: entityID,
                                    payload: SignatureAuditPayload(signatureID: id, meaning: meaning.rawValue, signerName: signerName, role: actor.role.rawValue,
                                                     digest: row.digest, entity: entity, entityID: entityID))
        return view(row)
    }

    public static func view(_ r: ElectronicSignatureRecord) -> SignatureView {
        let role = Role(rawValue: r.role) ?? .nurse
        let meaning = SignatureMeaning(rawValue: r.meaning) ?? .custodyHandover
        let at = date(milliseconds: r.signedAtMilliseconds)
        return SignatureView(id: r.id ?? UUID(), signerName: r.signerName, role: role, meaning: meaning, signedAt: at, digest: r.digest,
                             manifestation: "Signed by \(r.signerName) (\(role.displayName)) on \(CustodyCanonicalJSON.timestamp(at)) — \(meaning.displayName)")
    }

    /// Whether the stored digest still matches the stored signer, meaning, time and record: false when
    /// any of them was changed after signing.
    public static func isIntact(_ r: ElectronicSignatureRecord) -> Bool {
        guard let role = Role(rawValue: r.role), let meaning = SignatureMeaning(rawValue: r.meaning),
              let request = try? SignatureRequest(signerID: r.signerID.uuidString, signerName: r.signerName, role: role, meaning: meaning,
                                                  signedAt: date(milliseconds: r.signedAtMilliseconds),
                                                  recordCanonicalBytes: Data(r.record.utf8)),
              let d = try? digest(of: request) else { return false }
        return d == r.digest
    }

    public static func signatures(_ ids: [UUID], on db: Database) async throws -> [UUID: SignatureView] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ElectronicSignatureRecord.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, view($0)) })
    }
}

/// What the audit trail keeps of a signature.
struct SignatureAuditPayload: Encodable {
    let signatureID: UUID; let meaning: String; let signerName: String; let role: String; let digest: String; let entity: String; let entityID: String
}
