import Fluent
import Foundation

/// One journey event as stored: append-only, numbered per therapy.
public final class JourneyEventRecord: Model, @unchecked Sendable {
    public static let schema = "journey_events"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    /// 1, 2, 3 … within the therapy; unique with the therapy so two writers cannot both append #n.
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "event_date") public var date: String
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}
    public init(therapyID: UUID, sequence: Int, kind: String, date: String, reason: String?, recordedBy: UUID) {
        self.$therapy.id = therapyID; self.sequence = sequence; self.kind = kind; self.date = date
        self.reason = reason; self.recordedBy = recordedBy
    }
}
