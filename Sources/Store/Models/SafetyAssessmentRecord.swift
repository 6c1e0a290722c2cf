import Fluent
import Foundation

/// One bedside assessment as recorded, with the CRS and ICANS grades the engines computed on save.
/// The grades are never entered: they are derived from `data` and stored for lists and the board.
public final class SafetyAssessmentRecord: Model, @unchecked Sendable {
    public static let schema = "safety_assessments"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    @Field(key: "assessed_at") public var assessedAt: Date
    /// Calendar date in the center's time zone.
    @Field(key: "assessed_on") public var assessedOn: String
    @Field(key: "study_day") public var studyDay: Int
    /// The observations as JSON.
    @Field(key: "data") public var data: String
    @Field(key: "crs_grade") public var crsGrade: Int
    /// Nil when ICANS could not be graded (nothing neurological recorded).
    @OptionalField(key: "icans_grade") public var icansGrade: Int?
    @Field(key: "crs_reasons") public var crsReasons: String
    @Field(key: "icans_reasons") public var icansReasons: String
    @Field(key: "rule_set") public var ruleSet: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}

/// A drug given for CRS or ICANS (tocilizumab, corticosteroids, anakinra, antipyretics).
public final class InterventionRecord: Model, @unchecked Sendable {
    public static let schema = "interventions"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    @Field(key: "given_at") public var givenAt: Date
    @Field(key: "given_on") public var givenOn: String
    @Field(key: "study_day") public var studyDay: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "drug") public var drug: String
    @OptionalField(key: "dose") public var dose: String?
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    public init() {}
}

/// An alert raised from the safety records, acknowledged by a named user.
public final class AlertRecord: Model, @unchecked Sendable {
    public static let schema = "alerts"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    /// Stable key of the rule and finding, so the same alert is never raised twice.
    @Field(key: "alert_key") public var key: String
    @Field(key: "kind") public var kind: String
    @Field(key: "severity") public var severity: String
    @Field(key: "study_day") public var studyDay: Int
    @Field(key: "message") public var message: String
    @Field(key: "raised_at") public var raisedAt: Date
    @OptionalField(key: "acknowledged_by") public var acknowledgedBy: UUID?
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    /// Set when the alert, unacknowledged, stopped being actionable (`TimeDrivenAlerts.lapse`).
    @OptionalField(key: "lapsed_at") public var lapsedAt: Date?
    public init() {}
}
