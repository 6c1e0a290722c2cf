import Fluent

/// How far from the center (in kilometres) patients are asked to stay during the monitoring window;
/// the product profile names how long, the center decides how far.
struct M0028_AddStayNearDistance: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("centers").field("stay_within_km", .int).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("centers").deleteField("stay_within_km").update()
    }
}
