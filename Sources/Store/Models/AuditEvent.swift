import Fluent
import Foundation

/// One link of the hash-chained audit trail (`audit_events`).
///
/// `hash` = SHA-256 of the previous record's hash together with this record's canonical content
/// (sequence, time, actor, action, entity, payload), so editing or deleting any record breaks every
/// later link. `sequence` is unique: two writers racing for the same place cannot both commit, so the
/// chain never forks.
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "occurred_at") public var occurredAt: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @OptionalField(key: "center_id") public var centerID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    /// The content of the change as JSON text.
    @Field(key: "payload") public var payload: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String
    /// The user and `Idempotency-Key` of the API request that caused the record, if it sent one.
    /// Delivery bookkeeping, not part of the record's content: it is outside the hash, so records
    /// written before it existed verify unchanged.
    @OptionalField(key: "request_key") public var requestKey: String?

    public init() {}
}
