import Foundation

/// Why a signature cannot be made.
public enum SignatureRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case roleMayNotSign(role: Role, meaning: SignatureMeaning)
    case missingSigner(field: String)
    case emptyRecord

    public var description: String {
        switch self {
        case let .roleMayNotSign(role, meaning):
            let allowed = meaning.permittedRoles.map(\.displayName).sorted().joined(separator: ", ")
            return "\(role.displayName) may not sign with the meaning \"\(meaning.displayName)\"; allowed: \(allowed)"
        case let .missingSigner(field): return "\(field) is required for a signature"
        case .emptyRecord: return "the record to sign is empty"
        }
    }

    public var fieldError: FieldError {
        switch self {
        case .roleMayNotSign: FieldError("role", description)
        case let .missingSigner(field): FieldError(field, description)
        case .emptyRecord: FieldError("record", description)
        }
    }
}

/// An electronic signature about to be applied to one record, in the spirit of 21 CFR Part 11:
/// who signs (§11.50(a)(1), printed name), when (§11.50(a)(2)), with what meaning (§11.50(a)(3)),
/// and the canonical bytes of exactly the record signed (§11.70, signature/record linking).
///
/// Authentication (password re-entry, §11.200) happens in the web layer before this value is built;
/// this type only checks that the role may sign the meaning and produces the bytes the lead hashes
/// with SHA-256 (see ``manifestBytes()``). The stored signature's identifier is what custody events
/// carry as their `signatureReference`.
public struct SignatureRequest: Codable, Sendable, Hashable {
    public var signerID: String
    /// The signer's printed name, shown with the signature (§11.50(a)(1)).
    public var signerName: String
    public var role: Role
    public var meaning: SignatureMeaning
    public var signedAt: Date
    /// `CustodyCanonicalJSON.bytes(of:)` of the signed record.
    public var recordCanonicalBytes: Data

    /// Builds a request for already-canonical record bytes.
    /// - Throws: ``SignatureRequestError`` when the role may not sign `meaning`, the signer's ID or
    ///   name is blank, or the record is empty.
    public init(signerID: String, signerName: String, role: Role, meaning: SignatureMeaning,
                signedAt: Date, recordCanonicalBytes: Data) throws(SignatureRequestError) {
        if signerID.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .missingSigner(field: "signerID") }
        if signerName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .missingSigner(field: "signerName") }
        guard meaning.permittedRoles.contains(role) else { throw .roleMayNotSign(role: role, meaning: meaning) }
        guard !recordCanonicalBytes.isEmpty else { throw .emptyRecord }
        self.signerID = signerID; self.signerName = signerName; self.role = role
        self.meaning = meaning; self.signedAt = signedAt; self.recordCanonicalBytes = recordCanonicalBytes
    }

    /// Builds a request for `record`, computing its canonical bytes.
    /// - Throws: ``SignatureRequestError`` as above, or `EncodingError` when the record cannot be
    ///   encoded as JSON.
    public init<Record: Encodable>(signerID: String, signerName: String, role: Role, meaning: SignatureMeaning,
                                   signedAt: Date, record: Record) throws {
        try self.init(signerID: signerID, signerName: signerName, role: role, meaning: meaning,
                      signedAt: signedAt, recordCanonicalBytes: try CustodyCanonicalJSON.bytes(of: record))
    }

    /// The bytes the lead hashes with SHA-256 and stores as the signature: the canonical JSON of
    /// this whole request (signer, name, role, meaning, time and the record bytes as Base64), so the
    /// digest changes if any of them, or one byte of the record, changes.
    public func manifestBytes() throws -> Data { try CustodyCanonicalJSON.bytes(of: self) }

    /// The human-readable manifestation (§11.50): `Signed by Jane Roe (Quality assurance) on
    /// 2026-03-01T09:30:00.000Z — QA release`.
    public var manifestation: String {
        "Signed by \(signerName) (\(role.displayName)) on \(CustodyCanonicalJSON.timestamp(signedAt)) — \(meaning.displayName)"
    }
}
