import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

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
    public static func record(on db: Database, actor: UUID?, center: UUID?, action: String, entity: String,
                              entityID: String, payload: some Encodable, at now: Date = Date()) async throws {
        try await append([Entry(actor: actor, center: center, action: action, entity: entity, entityID: entityID,
                                payload: payload, at: now)], on: db)
    }

    /// One record to append: who, where, what and when, with its payload already as JSON text.
    public struct Entry: Sendable {
        public var actor: UUID?
        public var center: UUID?
        public var action: String
        public var entity: String
        public var entityID: String
        public var payload: String
        public var at: Date

        public init(actor: UUID?, center: UUID?, action: String, entity: String, entityID: String,
                    payload: some Encodable, at: Date = Date()) throws {
            self.actor = actor; self.center = center; self.action = action; self.entity = entity
            self.entityID = entityID; self.payload = try StoredJSON.text(payload, dates: .iso8601); self.at = at
        }
    }

    /// Rows per INSERT statement: 12 columns each keeps a statement far below SQLite's 32,766 and
    /// PostgreSQL's 65,535 bound parameters.
    static let rowsPerInsert = 500

    /// Appends `entries` in order, one link after another, from one read of the chain's tail and
    /// multi-row inserts. Must be called on the transaction's `Database`, so the records commit or
    /// roll back with the change they describe.
    ///
    /// On PostgreSQL a transaction-scoped advisory lock serialises writers before the tail is read;
    /// on SQLite the write lock does the same. In both, the unique `sequence` and `previous_hash`
    /// columns make a forked chain impossible to commit even if a writer slipped past.
    ///
    /// Within a bulk load whose database carries a `HeldBackAudit`, the entries are held there instead
    /// and appended, in the same order, some thousands at a time and when the load ends its transaction.
    public static func append(_ entries: [Entry], on db: Database) async throws {
        guard !entries.isEmpty else { return }
        if let batch = HeldBackAudit.current(on: db) {
            if let due = batch.hold(entries) { try await appendNow(due, on: db) }
            return
        }
        try await appendNow(entries, on: db)
    }

    /// Appends `entries` to the chain now (see `append`).
    static func appendNow(_ entries: [Entry], on db: Database) async throws {
        guard !entries.isEmpty else { return }
        guard let sql = db as? SQLDatabase else { throw StoreError.conflict("the audit trail needs an SQL database") }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(7340271)").run()
        }
        struct Tail: Decodable { let sequence: Int; let hash: String }
        let tail = try await sql.select().column("sequence").column("hash").from(AuditEvent.schema)
            .orderBy("sequence", .descending).limit(1).first(decoding: Tail.self)
        var sequence = tail?.sequence ?? 0
        var previous = tail?.hash ?? genesis
        let requestKey = RequestKey.current(on: db)
        var rows: [[any SQLExpression]] = []
        rows.reserveCapacity(min(entries.count, rowsPerInsert))
        func flush() async throws {
            guard !rows.isEmpty else { return }
            try await sql.insert(into: AuditEvent.schema)
                .columns("id", "sequence", "occurred_at", "actor_id", "center_id", "action", "entity", "entity_id",
                         "payload", "previous_hash", "hash", "request_key")
                .rows(rows).run()
            rows.removeAll(keepingCapacity: true)
        }
        for e in entries {
            sequence += 1
            // Milliseconds survive the round trip through both databases exactly.
            let millis = Int64((e.at.timeIntervalSince1970 * 1000).rounded())
            let occurredAt = Date(timeIntervalSince1970: Double(millis) / 1000)
            let hash = digest(previous: previous, sequence: sequence, millis: millis, actor: e.actor, center: e.center,
                              action: e.action, entity: e.entity, entityID: e.entityID, payload: e.payload)
            rows.append([SQLBind(UUID()), SQLBind(sequence), SQLBind(occurredAt), SQLBind(e.actor), SQLBind(e.center),
                         SQLBind(e.action), SQLBind(e.entity), SQLBind(e.entityID), SQLBind(e.payload), SQLBind(previous),
                         SQLBind(hash), SQLBind(requestKey)])
            previous = hash
            if rows.count == rowsPerInsert { try await flush() }
        }
        try await flush()
    }

    /// SHA-256 over the previous hash and the record's canonical content, as lowercase hex.
    public static func digest(of e: AuditEvent, previous: String) -> String {
        digest(previous: previous, sequence: e.sequence, millis: Int64((e.occurredAt.timeIntervalSince1970 * 1000).rounded()),
               actor: e.actorID, center: e.centerID, action: e.action, entity: e.entity, entityID: e.entityID, payload: e.payload)
    }

    /// The canonical content is each field as `length:text`, joined by `|`: the previous hash, the
    /// sequence, the time in Unix milliseconds, actor and center (`-` when none), action, entity,
    /// entity ID and payload.
    static func digest(previous: String, sequence: Int, millis: Int64, actor: UUID?, center: UUID?, action: String,
                       entity: String, entityID: String, payload: String) -> String {
        let fields = [previous, String(sequence), String(millis), actor?.uuidString ?? "-",
                      center?.uuidString ?? "-", action, entity, entityID, payload]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of a digest (what `String(format: "%02x")` per byte gives, without a formatter per byte).
    static func hex(_ digest: SHA256.Digest) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for b in digest { bytes.append(hexDigits[Int(b >> 4)]); bytes.append(hexDigits[Int(b & 0x0f)]) }
        return String(decoding: bytes, as: UTF8.self)
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
