import Fluent

struct M0004_CreateTherapies: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("therapies")
            .id()
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("product_id", .string, .required)
            .field("stage", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("journey_events")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("sequence", .int, .required)
            .field("kind", .string, .required)
            .field("event_date", .string, .required)
            .field("reason", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .unique(on: "therapy_id", "sequence")
            .create()
        try await db.schema("screenings")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("screened_on", .string, .required)
            .field("data", .string, .required)
            .field("overall", .string, .required)
            .field("verdict", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .create()
        try await db.schema("dose_calculations")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("weight_kg", .double, .required)
            .field("viable_cells_per_ml", .double)
            .field("car_positive_fraction", .double)
            .field("bag_volume_ml", .double)
            .field("result", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .create()
    }
    func revert(on db: Database) async throws {
        for table in ["dose_calculations", "screenings", "journey_events", "therapies"] {
            try await db.schema(table).delete()
        }
    }
}
