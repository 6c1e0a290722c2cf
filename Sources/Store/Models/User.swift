import CartographCore
import Fluent
import Foundation

/// A person who signs in. The role decides what they may see and do; the center scopes it.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "center_id") public var center: Center
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    /// Stored as text (DESIGN.md: enums as strings); read through `role`.
    @Field(key: "role") public var roleName: String
    /// bcrypt hash of the password (never the password itself).
    @Field(key: "password_hash") public var passwordHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// When an administrator deactivated the account; nil while it may sign in.
    @OptionalField(key: "deactivated_at") public var deactivatedAt: Date?
    /// The confirmed one-time-password secret (base32); nil without a second factor.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// A secret shown for setting up, not yet confirmed with a code.
    @OptionalField(key: "totp_pending_secret") public var totpPendingSecret: String?
    /// The last time step a code was accepted for: codes of that step or earlier are refused.
    @OptionalField(key: "totp_last_counter") public var totpLastCounter: Int64?
    /// For the `patient` role: the one patient the account sees.
    @OptionalField(key: "patient_id") public var patientID: UUID?
    /// For the `patient` role: `patient`, or `caregiver` for someone the patient named.
    @OptionalField(key: "relationship") public var relationship: String?
    /// The language the account chose for its pages (`en`, `zh-Hans`); nil follows the browser.
    @OptionalField(key: "language") public var language: String?

    public init() {}
    public init(id: UUID? = nil, centerID: UUID, email: String, displayName: String, role: Role, passwordHash: String) {
        self.id = id; self.$center.id = centerID; self.email = email.lowercased()
        self.displayName = displayName; self.roleName = role.rawValue; self.passwordHash = passwordHash
    }

    public var role: Role { Role(rawValue: roleName) ?? .nurse }

    /// May sign in and use a session or token: not deactivated.
    public var isActive: Bool { deactivatedAt == nil }

    /// Signs in with a one-time code after the password.
    public var hasSecondFactor: Bool { totpSecret != nil }
}
