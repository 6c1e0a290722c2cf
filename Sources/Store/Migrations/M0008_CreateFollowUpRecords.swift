import Fluent

/// Long-term follow-up: visits (seen, or documented as missed) and the events that end or change
/// follow-up (progression, new therapy, death with its cause, second primary malignancy and its
/// screening, loss to follow-up, withdrawal of consent, registry reports filed).
struct M0008_CreateFollowUpRecords: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("follow_up_visits")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("visited_on", .string, .required)
            .field("contact", .string, .required)
            .field("note", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .unique(on: "therapy_id", "visited_on")
            .create()
        try await db.schema("follow_up_events")
            .id()
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("kind", .string, .required)
            .field("occurred_on", .string, .required)
            .field("timepoint", .string)
            .field("death_cause", .string)
            .field("detail", .string)
            .field("transgene_in_tumour", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime)
            .create()
    }
    func revert(on db: Database) async throws {
        for table in ["follow_up_events", "follow_up_visits"] { try await db.schema(table).delete() }
    }
}
