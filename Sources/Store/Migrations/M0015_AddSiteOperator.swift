import Fluent

/// The center that runs each manufacturing site. Sites are shared (every center's collections book
/// their slots), but only the operating center's manufacturing staff and administrator set a site's
/// capacity, so one center can no longer stop every other center's scheduling.
struct M0015_AddSiteOperator: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("manufacturing_sites")
            .field("operator_center_id", .uuid, .references("centers", "id"))
            .update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("manufacturing_sites").deleteField("operator_center_id").update()
    }
}
