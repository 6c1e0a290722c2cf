import Fluent
import Foundation

/// One correction of a stored result (`M0013`). The original row stays as stored; the latest correction
/// of a row (highest `sequence`) is in force: its values replace the row's, or the row is withdrawn.
public final class LabResultCorrectionRecord: Model, @unchecked Sendable {
    public static let schema = "lab_result_corrections"
    @ID(key: .id) public var id: UUID?
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "original_id") public var originalID: UUID
    @Field(key: "sequence") public var sequence: Int
    /// Entered in error: nothing replaces the result.
    @Field(key: "withdrawn") public var withdrawn: Bool
    // The replacement, as `LabResultRecord` keeps a result (nil when withdrawn).
    @OptionalField(key: "sampled_on") public var sampledOn: String?
    @OptionalField(key: "analyte") public var analyte: String?
    @OptionalField(key: "value_number") public var valueNumber: Double?
    @OptionalField(key: "value_text") public var valueText: String?
    @OptionalField(key: "unit") public var unit: String?
    @OptionalField(key: "method") public var method: String?
    @OptionalField(key: "sensitivity") public var sensitivity: Double?
    @OptionalField(key: "llod") public var llod: Double?
    @OptionalField(key: "lloq") public var lloq: Double?
    @Field(key: "reason") public var reason: String
    @Field(key: "corrected_by") public var correctedBy: UUID
    @Timestamp(key: "corrected_at", on: .create) public var correctedAt: Date?

    public init() {}
}
