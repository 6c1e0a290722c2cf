import Store
import Vapor

/// Probes for supervisors and load balancers.
enum Health {
    struct Status: Content {
        var status: String
        var database: String
        var schemaVersion: Int
        var expectedSchemaVersion: Int
    }

    /// The database's answer, or nil when it does not answer.
    static func status(_ req: Request) async -> Status? {
        let kind = req.application.settings.database.kind
        do {
            let version = try await appliedSchemaVersion(req.db)
            return Status(status: version == CartographMigrations.schemaVersion ? "ok" : "migrations pending",
                          database: kind, schemaVersion: version, expectedSchemaVersion: CartographMigrations.schemaVersion)
        } catch {
            req.logger.report(error: error)
            return nil
        }
    }

    static func unavailable(_ req: Request) -> Status {
        Status(status: "database unavailable", database: req.application.settings.database.kind, schemaVersion: 0,
               expectedSchemaVersion: CartographMigrations.schemaVersion)
    }

    /// `GET /health`: 200 with the database kind and schema version, 503 when the database does not answer.
    @Sendable static func check(_ req: Request) async throws -> Response {
        guard let status = await status(req) else {
            return try await unavailable(req).encodeResponse(status: .serviceUnavailable, for: req)
        }
        return try await status.encodeResponse(for: req)
    }

    /// `GET /health/live`: the process answers (no database work), for a supervisor's liveness probe.
    @Sendable static func live(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: #"{"status":"live"}"#))
    }

    /// `GET /health/ready`: 200 only when the database answers and its schema is this build's, so a
    /// load balancer sends no traffic to an instance that would fail; 503 otherwise.
    @Sendable static func ready(_ req: Request) async throws -> Response {
        let status = await status(req) ?? unavailable(req)
        return try await status.encodeResponse(status: status.status == "ok" ? .ok : .serviceUnavailable, for: req)
    }
}
