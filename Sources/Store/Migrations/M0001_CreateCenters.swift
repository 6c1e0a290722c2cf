import Fluent

struct M0001_CreateCenters: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("centers")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await db.schema("manufacturing_sites")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("facility_code", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("manufacturing_sites").delete()
        try await db.schema("centers").delete()
    }
}
