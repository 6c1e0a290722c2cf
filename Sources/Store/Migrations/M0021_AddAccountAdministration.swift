import Fluent
import SQLKit

/// Accounts a center administers: an account can be deactivated (it keeps its history and can be
/// reactivated), and an administrator can hand out a one-time link to set a password. Only the
/// link's SHA-256 digest is stored, with when it lapses and when it was used.
struct M0021_AddAccountAdministration: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("users").field("deactivated_at", .datetime).update()
        try await db.schema("password_resets")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("token_digest", .string, .required)
            .field("issued_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_digest")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "password_resets_user").on("password_resets").column("user_id").run()
        }
    }
    func revert(on db: Database) async throws {
        try await db.schema("password_resets").delete()
        try await db.schema("users").deleteField("deactivated_at").update()
    }
}
