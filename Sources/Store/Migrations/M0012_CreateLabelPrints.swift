import Fluent

/// Every label print, so reprints can be counted and restricted.
struct M0012_CreateLabelPrints: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("label_prints")
            .id()
            .field("bag_id", .uuid, .required, .references("custody_bags", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("print_number", .int, .required)
            .field("printed_by", .uuid, .required)
            .field("printed_role", .string, .required)
            .field("printed_at", .datetime)
            .unique(on: "bag_id", "print_number")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("label_prints").delete() }
}
