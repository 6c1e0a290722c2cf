import Fluent
import SQLKit

/// Alerts that leave the building: a center's notification channels (a webhook: its address and the
/// secret its deliveries are signed with) and the outbox, one row per alert and channel, written in the
/// transaction that raises the alert and worked off by the delivery worker with retries.
struct M0022_CreateAlertOutbox: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("notification_channels")
            .id()
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("active", .bool, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("alert_deliveries")
            .id()
            .field("alert_id", .uuid, .required, .references("alerts", "id"))
            .field("channel_id", .uuid, .required, .references("notification_channels", "id"))
            .field("center_id", .uuid, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_until", .datetime)
            .field("last_attempt_at", .datetime)
            .field("last_status_code", .int)
            .field("last_error", .string)
            .field("delivered_at", .datetime)
            .unique(on: "alert_id", "channel_id")
            .create()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "alert_deliveries_due").on("alert_deliveries").column("status").column("next_attempt_at").run()
        }
    }
    func revert(on db: Database) async throws {
        try await db.schema("alert_deliveries").delete()
        try await db.schema("notification_channels").delete()
    }
}
