import Fluent
import SQLKit

/// What the patient list shows for each therapy, derived from its journey and follow-up records and
/// stored so that a page of a 10,000-patient center is one indexed query instead of replaying every
/// journey on every request.
///
/// `therapies.revision` counts the changes to a therapy's journey and follow-up records; every writer
/// increments it in the transaction that changes them. A status row is current only while its
/// `revision` equals the therapy's and `computed_for` is today, since overdue steps and study days
/// move with the calendar; anything else is recomputed before the list is read.
struct M0014_CreatePatientStatuses: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("therapies")
            .field("revision", .int, .required, .sql(.default(0)))
            .update()
        try await db.schema("patient_statuses")
            .field("therapy_id", .uuid, .identifier(auto: false), .references("therapies", "id"))
            .field("patient_id", .uuid, .required, .references("patients", "id"))
            .field("center_id", .uuid, .required, .references("centers", "id"))
            .field("revision", .int, .required)
            .field("computed_for", .string, .required)
            .field("stage", .string, .required)
            .field("stage_order", .int, .required)
            .field("study_day", .int)
            .field("overdue", .int, .required)
            .field("deviations", .int, .required)
            .create()
        guard let sql = db as? SQLDatabase else { return }
        // The filters and orders the list offers, and the lookups the other worklists make per center.
        try await sql.create(index: "patient_statuses_center").on("patient_statuses").column("center_id").run()
        try await sql.create(index: "patients_center_code").on("patients").column("center_id").column("code").run()
        try await sql.create(index: "therapies_center").on("therapies").column("center_id").run()
        try await sql.create(index: "therapies_patient").on("therapies").column("patient_id").run()
        try await sql.create(index: "alerts_therapy_open").on("alerts").column("therapy_id").column("acknowledged_at").run()
        try await sql.create(index: "follow_up_events_therapy").on("follow_up_events").column("therapy_id").run()
    }

    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase {
            for index in ["patient_statuses_center", "patients_center_code", "therapies_center", "therapies_patient",
                          "alerts_therapy_open", "follow_up_events_therapy"] {
                try await sql.drop(index: index).run()
            }
        }
        try await db.schema("patient_statuses").delete()
        try await db.schema("therapies").deleteField("revision").update()
    }
}
