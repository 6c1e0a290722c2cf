import Fluent
import Foundation

/// One self-check a patient or caregiver entered during the monitoring window. Stored as reported;
/// no engine grades it (a clinician grades CRS and ICANS after assessing the patient).
public final class SelfCheckRecord: Model, @unchecked Sendable {
    public static let schema = "self_checks"
    @ID(key: .id) public var id: UUID?
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "recorded_at") public var recordedAt: Date
    @Field(key: "study_day") public var studyDay: Int
    @OptionalField(key: "temperature_c") public var temperatureC: Double?
    @Field(key: "chills") public var chills: Bool
    @Field(key: "dizziness") public var dizziness: Bool
    @Field(key: "short_of_breath") public var shortOfBreath: Bool
    @Field(key: "confusion") public var confusion: Bool
    @Field(key: "trouble_speaking_or_writing") public var troubleSpeakingOrWriting: Bool
    @OptionalField(key: "note") public var note: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// The handwriting photo sent with one self-check, stored without its metadata.
public final class SelfCheckPhotoRecord: Model, @unchecked Sendable {
    public static let schema = "self_check_photos"
    @ID(key: .id) public var id: UUID?
    @Field(key: "self_check_id") public var selfCheckID: UUID
    @Field(key: "content_type") public var contentType: String
    @Field(key: "bytes") public var bytes: Data
    /// SHA-256 of the stored bytes, also in the audit record of the self-check.
    @Field(key: "sha256") public var sha256: String

    public init() {}
}
