import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation

/// The idempotency key of the API request being handled, so that every audit record the request
/// writes carries it (see `AuditEvent.requestKey`).
///
/// It travels in the metadata of the database context's logger: Fluent's async transactions run
/// their closure in a new task started from an event-loop callback, where task-local values are
/// gone, while the context (`req.db`'s logger, history and page limit) is handed to every
/// transaction. The logger is the context's only open-ended part.
public enum RequestKey {
    public static let metadataKey = "idempotency-key"

    /// The key of the request `db` was obtained for, if it sent one.
    public static func current(on db: Database) -> String? {
        if case .string(let key)? = db.logger[metadataKey: metadataKey] { return key }
        return nil
    }

    /// The first audit record written under `key`: proof that a request with that key committed.
    public static func evidence(_ key: String, on db: Database) async throws -> AuditEvent? {
        try await AuditEvent.query(on: db).filter(\.$requestKey == key).sort(\.$sequence, .ascending).first()
    }
}

/// The append-only, hash-chained audit trail.
///
/// Every state change calls `record` inside the transaction that makes the change, so the change and
/// its audit record commit or roll back together. `verify` walks the whole chain.
public enum AuditTrail {
    /// Hash that stands before the first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends one record. Must be called on the transaction's `Database`.
    ///
    /// On PostgreSQL a transaction-scoped advisory lock serialises writers before the tail is read;
    /// on SQLite the write lock does the same. In both, the unique `sequence` and `previous_hash`
    /// columns make a forked chain impossible to commit even if a writer slipped past.
    public static func record(on db: Database, actor: UUID?, center: UUID?, action: String, entity: String,
                              entityID: String, payload: some Encodable, at now: Date = Date()) async throws {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7340271)").run()
        }
        let last = try await AuditEvent.query(on: db).sort(\.$sequence, .descending).first()
        let payloadText = try StoredJSON.text(payload, dates: .iso8601)
        let event = AuditEvent()
        event.sequence = (last?.sequence ?? 0) + 1
        // Milliseconds survive the round trip through both databases exactly.
        event.occurredAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
        event.actorID = actor
        event.centerID = center
        event.action = action
        event.entity = entity
        event.entityID = entityID
        event.payload = payloadText
        event.previousHash = last?.hash ?? genesis
        event.hash = digest(of: event, previous: event.previousHash)
        event.requestKey = RequestKey.current(on: db)
        try await event.create(on: db)
    }

    /// SHA-256 over the previous hash and the record's canonical content, as lowercase hex.
    public static func digest(of e: AuditEvent, previous: String) -> String {
        let millis = Int64((e.occurredAt.timeIntervalSince1970 * 1000).rounded())
        let fields = [previous, String(e.sequence), String(millis), e.actorID?.uuidString ?? "-",
                      e.centerID?.uuidString ?? "-", e.action, e.entity, e.entityID, e.payload]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public enum Verification: Equatable, Sendable {
        case intact(records: Int)
        /// The first record whose link does not hold, and why.
        case broken(sequence: Int, reason: String)
    }

    /// Walks the chain from the first record; reports the first broken link.
    public static func verify(on db: Database) async throws -> Verification {
        let all = try await AuditEvent.query(on: db).sort(\.$sequence, .ascending).all()
        var previous = genesis
        for (index, e) in all.enumerated() {
            if e.sequence != index + 1 {
                return .broken(sequence: e.sequence, reason: "sequence \(e.sequence) found where \(index + 1) was expected (a record is missing)")
            }
            if e.previousHash != previous {
                return .broken(sequence: e.sequence, reason: "previous_hash does not match the hash of record \(index)")
            }
            if digest(of: e, previous: previous) != e.hash {
                return .broken(sequence: e.sequence, reason: "content does not match its hash (the record was altered)")
            }
            previous = e.hash
        }
        return .intact(records: all.count)
    }
}
