import Fluent

/// Day 0–28 safety records: bedside assessments with the grades the engines computed, interventions,
/// and the alerts raised from them.
struct M0006_CreateSafetyRecords: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("safety_assessments")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("assessed_at", .datetime, .required)
            .field("assessed_on", .string, .required)
            .field("study_day", .int, .required)
            .field("data", .string, .required)
            .field("crs_grade", .int, .required)
            .field("icans_grade", .int)
            .field("crs_reasons", .string, .required)
            .field("icans_reasons", .string, .required)
            .field("rule_set", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .create()
        try await db.schema("interventions")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("given_at", .datetime, .required)
            .field("given_on", .string, .required)
            .field("study_day", .int, .required)
            .field("kind", .string, .required)
            .field("drug", .string, .required)
            .field("dose", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .create()
        try await db.schema("alerts")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("alert_key", .string, .required)
            .field("kind", .string, .required)
            .field("severity", .string, .required)
            .field("study_day", .int, .required)
            .field("message", .string, .required)
            .field("raised_at", .datetime, .required)
            .field("acknowledged_by", .uuid)
            .field("acknowledged_at", .datetime)
            .unique(on: "therapy_id", "alert_key")
            .create()
    }
    func revert(on db: Database) async throws {
        for table in ["alerts", "interventions", "safety_assessments"] { try await db.schema(table).delete() }
    }
}
