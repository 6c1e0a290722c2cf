import Fluent
import Foundation

/// Consecutive failed sign-ins of one account (`account:<email>`) or address (`address:<ip>`).
public final class SignInFailure: Model, @unchecked Sendable {
    public static let schema = "sign_in_failures"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "failures") public var failures: Int
    @Field(key: "last_failure_at") public var lastFailureAt: Date
    @OptionalField(key: "locked_until") public var lockedUntil: Date?

    public init() {}
    public init(id: String, failures: Int, lastFailureAt: Date, lockedUntil: Date?) {
        self.id = id; self.failures = failures; self.lastFailureAt = lastFailureAt; self.lockedUntil = lockedUntil
    }
}
