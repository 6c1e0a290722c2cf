import Fluent
import SQLKit

/// Browser sessions with their expiry kept on the server: a session is read only before `expires_at`,
/// which each request moves to the idle limit but never past the absolute limit from `created_at`;
/// expired rows are deleted. Replaces Vapor's `_fluent_sessions`, which kept every row forever.
struct M0016_CreateSignInSessions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("sign_in_sessions")
            .field("id", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "sign_in_sessions_expiry").on("sign_in_sessions").column("expires_at").run()
        }
    }
    func revert(on db: Database) async throws { try await db.schema("sign_in_sessions").delete() }
}
