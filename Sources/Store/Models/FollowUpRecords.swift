import Fluent
import Foundation

/// A long-term follow-up contact on a date (clinic visit, telephone, outside records).
public final class FollowUpVisitRecord: Model, @unchecked Sendable {
    public static let schema = "follow_up_visits"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    @Field(key: "visited_on") public var visitedOn: String
    /// `FollowUpContact` raw value.
    @Field(key: "contact") public var contact: String
    @OptionalField(key: "note") public var note: String?
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}

/// An event that ends or changes follow-up, or a follow-up task done (a registry report filed, a
/// missed visit documented, a second-malignancy screening).
public final class FollowUpEventRecord: Model, @unchecked Sendable {
    public static let schema = "follow_up_events"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    /// `FollowUpEventKind` raw value.
    @Field(key: "kind") public var kind: String
    @Field(key: "occurred_on") public var occurredOn: String
    /// A schedule offset (`D100`, `M6`): the visit documented as missed or the registry report filed.
    @OptionalField(key: "timepoint") public var timepoint: String?
    /// `DeathCause` raw value, for a death.
    @OptionalField(key: "death_cause") public var deathCause: String?
    /// Free text: the new therapy, the malignancy's histology, the cause of death in words.
    @OptionalField(key: "detail") public var detail: String?
    /// `TransgeneInTumour` raw value, for a malignancy screening.
    @OptionalField(key: "transgene_in_tumour") public var transgeneInTumour: String?
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}
