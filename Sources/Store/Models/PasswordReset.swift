import Fluent
import Foundation

/// A one-time link to set an account's password, issued by an administrator of the account's center.
/// Only the SHA-256 digest of the link's token is stored, so a copy of the database opens no account.
public final class PasswordReset: Model, @unchecked Sendable {
    public static let schema = "password_resets"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "issued_by") public var issuedBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}
    init(userID: UUID, tokenDigest: String, issuedBy: UUID, createdAt: Date, expiresAt: Date) {
        self.$user.id = userID; self.tokenDigest = tokenDigest; self.issuedBy = issuedBy
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}
