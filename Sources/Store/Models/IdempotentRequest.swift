import Fluent
import Foundation

/// One API write sent with an `Idempotency-Key` (`id` is the user and the key), and its answer once
/// given; `status` 0 while the first request is still being handled.
public final class IdempotentRequest: Model, @unchecked Sendable {
    public static let schema = "idempotent_requests"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    /// SHA-256 of method, path and body: a repeat must send the same.
    @Field(key: "request_digest") public var requestDigest: String
    @Field(key: "status") public var status: Int
    @OptionalField(key: "content_type") public var contentType: String?
    /// The answer's body (base64).
    @OptionalField(key: "body") public var body: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
    public init(id: String, requestDigest: String, createdAt: Date) {
        self.id = id; self.requestDigest = requestDigest; self.status = 0; self.createdAt = createdAt
    }
}
