import Fluent
import Foundation

/// A screening as entered, with the verdict the eligibility engine computed from it. Each save is a new
/// row; the latest is current, earlier ones stay for the record.
public final class ScreeningRecord: Model, @unchecked Sendable {
    public static let schema = "screenings"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    @Field(key: "screened_on") public var screenedOn: String
    /// `ScreeningData` as JSON.
    @Field(key: "data") public var data: String
    @Field(key: "overall") public var overall: String
    /// `EligibilityVerdict` as JSON.
    @Field(key: "verdict") public var verdict: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}
    public init(therapyID: UUID, screenedOn: String, data: String, overall: String, verdict: String, recordedBy: UUID) {
        self.$therapy.id = therapyID; self.screenedOn = screenedOn; self.data = data
        self.overall = overall; self.verdict = verdict; self.recordedBy = recordedBy
    }
}
