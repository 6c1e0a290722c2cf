import Fluent

/// The language each account chose for its pages (`en` or `zh-Hans`); without one, the browser's
/// `Accept-Language` decides.
struct M0027_AddUserLanguage: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("users").field("language", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("users").deleteField("language").update()
    }
}
