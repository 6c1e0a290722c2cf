import Fluent
import SQLKit

/// What patients report themselves during the monitoring window, and the center's 24-hour number
/// they are shown.
struct M0026_CreateSelfChecks: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("centers").field("emergency_phone", .string).update()
        try await db.schema("self_checks")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("recorded_at", .datetime, .required)
            .field("study_day", .int, .required)
            .field("temperature_c", .double)
            .field("chills", .bool, .required)
            .field("dizziness", .bool, .required)
            .field("short_of_breath", .bool, .required)
            .field("confusion", .bool, .required)
            .field("trouble_speaking_or_writing", .bool, .required)
            .field("note", .string)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "self_checks_therapy").on("self_checks").column("therapy_id").run()
        }
    }
    func revert(on db: Database) async throws {
        try await db.schema("self_checks").delete()
        try await db.schema("centers").deleteField("emergency_phone").update()
    }
}
