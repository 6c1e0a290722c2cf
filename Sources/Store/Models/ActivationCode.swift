import Fluent
import Foundation

/// A printed one-time code that lets a patient, or a caregiver they named, open an account that sees
/// that one patient. Only the SHA-256 digest of the code is stored.
public final class ActivationCode: Model, @unchecked Sendable {
    public static let schema = "activation_codes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "patient_id") public var patientID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "code_digest") public var codeDigest: String
    /// `patient` or `caregiver`.
    @Field(key: "holder") public var holder: String
    @Field(key: "holder_name") public var holderName: String
    @Field(key: "issued_by") public var issuedBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    /// The account opened with the code.
    @OptionalField(key: "user_id") public var userID: UUID?

    public init() {}
}
