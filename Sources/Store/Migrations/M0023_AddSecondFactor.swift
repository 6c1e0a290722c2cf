import Fluent
import SQLKit

/// A second factor (time-based one-time passwords): each account's secret once confirmed, a secret
/// being set up, and the last time step used (a code works once); each center's rule requiring it for
/// administrators, QA and every e-signature.
struct M0023_AddSecondFactor: AsyncMigration {
    func prepare(on db: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("users").field("totp_secret", .string).update()
        try await db.schema("users").field("totp_pending_secret", .string).update()
        try await db.schema("users").field("totp_last_counter", .int64).update()
        try await db.schema("centers").field("require_second_factor", .bool, .required, .sql(.default(false))).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("centers").deleteField("require_second_factor").update()
        for field in ["totp_secret", "totp_pending_secret", "totp_last_counter"] {
            try await db.schema("users").deleteField(.key(.init(stringLiteral: field))).update()
        }
    }
}
