import Fluent
import SQLKit

/// Accounts for patients and the caregivers they name: the patient an account belongs to, and the
/// printed one-time activation codes a center issues for them.
struct M0025_CreatePatientAccess: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("users").field("patient_id", .uuid, .references("patients", "id")).update()
        try await db.schema("users").field("relationship", .string).update()
        try await db.schema("activation_codes")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("code_digest", .string, .required)
            .field("holder", .string, .required)
            .field("holder_name", .string, .required)
            .field("issued_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("user_id", .uuid, .references("users", "id"))
            .unique(on: "code_digest")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "activation_codes_patient").on("activation_codes").column("patient_id").run()
        }
    }
    func revert(on db: Database) async throws {
        try await db.schema("activation_codes").delete()
        try await db.schema("users").deleteField("relationship").update()
        try await db.schema("users").deleteField("patient_id").update()
    }
}
