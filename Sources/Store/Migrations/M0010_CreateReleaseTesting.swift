import Fluent

/// Release testing per lot (each entry a new row; the latest is current) and the treating physician's
/// signed requests for the exceptional release of an out-of-specification lot.
struct M0010_CreateReleaseTesting: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("release_results")
            .id()
            .field("bag_id", .uuid, .required, .references("custody_bags", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("lot", .string, .required)
            .field("results", .string, .required)
            .field("evaluation", .string, .required)
            .field("disposition", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at_ms", .int64, .required)
            .create()
        try await db.schema("exceptional_release_requests")
            .id()
            .field("bag_id", .uuid, .required, .references("custody_bags", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("lot", .string, .required)
            .field("physician_id", .uuid, .required)
            .field("justification", .string, .required)
            .field("requested_at_ms", .int64, .required)
            .field("signature_id", .uuid, .required, .references("electronic_signatures", "id"))
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("exceptional_release_requests").delete()
        try await db.schema("release_results").delete()
    }
}
