import Fluent
import Foundation

/// One signed-in browser session (`SessionStore` in the web target reads and writes it).
public final class SignInSession: Model, @unchecked Sendable {
    public static let schema = "sign_in_sessions"
    /// The random session key the browser's cookie carries.
    @ID(custom: "id", generatedBy: .user) public var id: String?
    /// The session's values as JSON (user, CSRF token).
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
    public init(id: String, data: String, createdAt: Date, expiresAt: Date) {
        self.id = id; self.data = data; self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}
