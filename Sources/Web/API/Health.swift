import Store
import Vapor

enum Health {
    struct Status: Content {
        var status: String
        var database: String
        var schemaVersion: Int
        var expectedSchemaVersion: Int
    }

    /// `GET /health`: 200 with the database kind and schema version, 503 when the database does not answer.
    @Sendable static func check(_ req: Request) async throws -> Response {
        let kind = req.application.settings.database.kind
        do {
            let version = try await appliedSchemaVersion(req.db)
            let status = Status(status: version == CartographMigrations.schemaVersion ? "ok" : "migrations pending",
                                database: kind, schemaVersion: version, expectedSchemaVersion: CartographMigrations.schemaVersion)
            return try await status.encodeResponse(for: req)
        } catch {
            req.logger.report(error: error)
            let response = try await Status(status: "database unavailable", database: kind, schemaVersion: 0,
                                            expectedSchemaVersion: CartographMigrations.schemaVersion).encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }
}
