import Fluent

/// Failed sign-ins counted per account and per network address, for throttling: the count of
/// consecutive failures, when the last one happened, and until when sign-in is refused. A row goes
/// away at the next successful sign-in, or when an administrator lifts an account's lockout.
struct M0017_CreateSignInFailures: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("sign_in_failures")
            .field("id", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("sign_in_failures").delete() }
}
