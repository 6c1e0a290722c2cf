import Fluent

/// API tokens carry a name their owner chose ("lab interface", "R session"), so a list of them can be
/// read and the right one revoked.
struct M0018_NameAPITokens: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("api_tokens").field("name", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("api_tokens").deleteField("name").update()
    }
}
