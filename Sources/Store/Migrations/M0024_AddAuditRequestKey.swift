import Fluent
import SQLKit

/// The `Idempotency-Key` (with its user) of the API request that caused an audit record. The record
/// and its key commit in one transaction, so after a crash between the commit and the stored answer a
/// retry can still tell that the write happened, and is never carried out twice.
struct M0024_AddAuditRequestKey: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("audit_events").field("request_key", .string).update()
        if let sql = db as? SQLDatabase {
            try await sql.create(index: "audit_events_request_key").on("audit_events").column("request_key").run()
        }
    }
    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase { try await sql.drop(index: "audit_events_request_key").run() }
        try await db.schema("audit_events").deleteField("request_key").update()
    }
}
