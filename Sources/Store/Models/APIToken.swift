import Fluent
import Foundation

/// A bearer token for the JSON API. Only its SHA-256 digest is stored, so a copy of the database
/// gives nobody a working token.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_digest") public var tokenDigest: String
    @Field(key: "expires_at") public var expiresAt: Date
    /// What its owner calls it; nil for tokens issued before tokens had names.
    @OptionalField(key: "name") public var name: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
    public init(userID: UUID, tokenDigest: String, expiresAt: Date, name: String? = nil) {
        self.$user.id = userID; self.tokenDigest = tokenDigest; self.expiresAt = expiresAt; self.name = name
    }
}
