import Fluent

/// When an alert nobody acknowledged stopped being actionable: the patient left the Day 0–28 window
/// (or the pathway). The alert stays in the record, marked lapsed unacknowledged, and leaves every
/// list of open alerts.
struct M0020_AddAlertLapse: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("alerts").field("lapsed_at", .datetime).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("alerts").deleteField("lapsed_at").update()
    }
}
