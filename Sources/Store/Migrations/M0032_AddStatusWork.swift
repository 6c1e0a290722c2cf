import Fluent
import SQLKit

/// Two more derivations stored with each therapy's status, so that the dashboard and the Day 0–28
/// board read a center's stored statuses instead of replaying every journey on every request:
///
/// - `infused_on`: Day 0, so the board picks the therapies inside the monitoring window by index;
/// - `work`: what the dashboard lists for the therapy today (`DashboardWork` as JSON: the steps planned
///   within the dashboard's horizon, the overdue steps of the journey and of follow-up, the deviations),
///   null when there is none.
///
/// The stored statuses are a cache of derivations: they are emptied here and derived again, with
/// the new columns, by the next read.
struct M0032_AddStatusWork: AsyncMigration {
    func prepare(on db: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("patient_statuses").field("infused_on", .string).update()
        try await db.schema("patient_statuses").field("work", .string).update()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.delete(from: "patient_statuses").run()
        try await sql.create(index: "patient_statuses_center_infused").on("patient_statuses").column("center_id").column("infused_on").run()
    }

    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase {
            try await sql.drop(index: "patient_statuses_center_infused").run()
            try await sql.delete(from: "patient_statuses").run()
        }
        try await db.schema("patient_statuses").deleteField("work").update()
        try await db.schema("patient_statuses").deleteField("infused_on").update()
    }
}
