import Fluent

/// Corrections of stored laboratory results. A result row is never edited or deleted: each correction
/// names the original row, its place in that row's corrections (`sequence`, 1, 2, …: the latest is in
/// force), the values that replace it, or `withdrawn` when it was entered in error, and why.
struct M0013_CreateLabResultCorrections: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("lab_result_corrections")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("original_id", .uuid, .required, .references("lab_results", "id"))
            .field("sequence", .int, .required)
            .field("withdrawn", .bool, .required)
            .field("sampled_on", .string)
            .field("analyte", .string)
            .field("value_number", .double)
            .field("value_text", .string)
            .field("unit", .string)
            .field("method", .string)
            .field("sensitivity", .double)
            .field("llod", .double)
            .field("lloq", .double)
            .field("reason", .string, .required)
            .field("corrected_by", .uuid, .required)
            .field("corrected_at", .datetime)
            .unique(on: "original_id", "sequence")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("lab_result_corrections").delete() }
}
