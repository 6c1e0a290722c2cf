import Fluent

/// The answers to API writes sent with an `Idempotency-Key`, per user, for 24 hours: a retry with the
/// same key and body gets the first answer and writes nothing again.
struct M0019_CreateIdempotentRequests: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("idempotent_requests")
            .field("id", .string, .identifier(auto: false))
            .field("request_digest", .string, .required)
            .field("status", .int, .required)
            .field("content_type", .string)
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("idempotent_requests").delete() }
}
