import Fluent

/// Weekly manufacturing capacity per site and the slot bookings made when a collection is scheduled.
/// An active booking holds a `slot_key` (`site:week:n`, unique), so two writers can never take the same
/// last slot; a cancelled booking keeps its row (history) and gives its key up (NULL).
struct M0011_CreateManufacturingSlots: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("manufacturing_capacities")
            .id()
            .field("site_id", .uuid, .required, .references("manufacturing_sites", "id"))
            .field("slots_per_week", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "site_id")
            .create()
        try await db.schema("manufacturing_slot_bookings")
            .id()
            .field("site_id", .uuid, .required, .references("manufacturing_sites", "id"))
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("collection_date", .string, .required)
            .field("iso_week", .string, .required)
            .field("slot_key", .string)
            .field("status", .string, .required)
            .field("booked_by", .uuid, .required)
            .field("created_at", .datetime)
            .unique(on: "slot_key")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("manufacturing_slot_bookings").delete()
        try await db.schema("manufacturing_capacities").delete()
    }
}
