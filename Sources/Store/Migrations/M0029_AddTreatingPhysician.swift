import Fluent

/// The physician responsible for a course of therapy, as the center names them (printed on the
/// patient's wallet card).
struct M0029_AddTreatingPhysician: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("therapies").field("treating_physician_id", .uuid, .references("users", "id")).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("therapies").deleteField("treating_physician_id").update()
    }
}
