import Fluent
import SQLKit

/// Two more derivations stored with each therapy's status, so that the dashboard and the Day 0–28
/// board read a center's stored derivations instead of replaying every journey on every request:
///
/// - `patient_statuses.infused_on`: Day 0, so the board picks the therapies inside the monitoring
///   window by index;
/// - `dashboard_items`: what the dashboard lists for the therapy today, one row per item — `upcoming`
///   (steps planned within the dashboard's horizon), `overdue` (journey and follow-up steps past their
///   window) and `deviation` — so the dashboard reads its lists already ordered and counted by index,
///   whatever the number of patients.
///
/// Both are rewritten with the status row they belong to, in one transaction. The stored statuses
/// are a cache of derivations: they are emptied here and derived again, with the new columns, by the
/// next read.
struct M0032_AddStatusWork: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("patient_statuses").field("infused_on", .string).update()
        try await db.schema("dashboard_items")
            .field("therapy_id", .uuid, .required, .references("therapies", "id"))
            .field("center_id", .uuid, .required)
            .field("patient_id", .uuid, .required)
            .field("code", .string, .required)
            .field("list", .string, .required)
            .field("item_date", .string, .required)
            .field("window_end", .string, .required)
            .field("what", .string, .required)
            .field("stage", .string, .required)
            .field("deviation_code", .string)
            .create()
        guard let sql = db as? SQLDatabase else { return }
        try await sql.delete(from: "patient_statuses").run()
        try await sql.create(index: "patient_statuses_center_infused").on("patient_statuses").column("center_id").column("infused_on").run()
        // The center's records version (`PatientStatuses.refresh`) from the index alone.
        try await sql.create(index: "therapies_center_revision").on("therapies").column("center_id").column("revision").run()
        try await sql.create(index: "dashboard_items_therapy").on("dashboard_items").column("therapy_id").run()
        try await sql.create(index: "dashboard_items_list").on("dashboard_items")
            .column("center_id").column("list").column("window_end").column("code").run()
        try await sql.create(index: "dashboard_items_recent").on("dashboard_items")
            .column("center_id").column("list").column("item_date").run()
    }

    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase {
            try await sql.drop(index: "patient_statuses_center_infused").run()
            try await sql.drop(index: "therapies_center_revision").run()
            try await sql.delete(from: "patient_statuses").run()
        }
        try await db.schema("dashboard_items").delete()
        try await db.schema("patient_statuses").deleteField("infused_on").update()
    }
}
