import Fluent
import Foundation

/// One stored laboratory, pathology or imaging result (`Clinical.LabResult` as a row).
///
/// A numeric result keeps `value_number`; a categorical one keeps `value_text` as the CSV spells it
/// (`positive`/`negative`, `true`/`false`), so a stored row reads back through the same rules.
public final class LabResultRecord: Model, @unchecked Sendable {
    public static let schema = "lab_results"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    /// Sample (or imaging) date, `YYYY-MM-DD` in the center's calendar.
    @Field(key: "sampled_on") public var sampledOn: String
    /// `LabAnalyte` raw value.
    @Field(key: "analyte") public var analyte: String
    @OptionalField(key: "value_number") public var valueNumber: Double?
    @OptionalField(key: "value_text") public var valueText: String?
    /// The analyte's canonical unit; empty for categorical analytes.
    @Field(key: "unit") public var unit: String
    /// MRD only: `NGF` or `NGS`.
    @OptionalField(key: "method") public var method: String?
    @OptionalField(key: "sensitivity") public var sensitivity: Double?
    @OptionalField(key: "llod") public var llod: Double?
    @OptionalField(key: "lloq") public var lloq: Double?
    /// `LabResultSource` raw value.
    @Field(key: "source") public var source: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}
}
