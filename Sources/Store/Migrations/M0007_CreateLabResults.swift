import Fluent

/// Laboratory, pathology and imaging results (response, MRD, CAR transgene, safety labs), one row per
/// result. Values are raw as measured; responses and kinetics are always computed from them.
struct M0007_CreateLabResults: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("lab_results")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("sampled_on", .string, .required)
            .field("analyte", .string, .required)
            .field("value_number", .double)
            .field("value_text", .string)
            .field("unit", .string, .required)
            .field("method", .string)
            .field("sensitivity", .double)
            .field("llod", .double)
            .field("lloq", .double)
            .field("source", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            // A second result for the same day and analyte is for the laboratory to resolve, not import order.
            .unique(on: "therapy_id", "sampled_on", "analyte")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("lab_results").delete()
    }
}
