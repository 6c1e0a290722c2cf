import Fluent

struct M0003_CreatePatients: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("patients")
            .id()
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("code", .string, .required)
            .field("sex", .string, .required)
            .field("enrolled_on", .string, .required)
            .field("origin", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("patient_identities")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("date_of_birth", .string, .required)
            .field("hospital_number", .string, .required)
            .unique(on: "patient_id")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("patient_identities").delete()
        try await db.schema("patients").delete()
    }
}
