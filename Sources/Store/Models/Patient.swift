import Fluent
import Foundation

/// The clinical side of a patient: pseudonymous code, center, enrolment. Name, date of birth and
/// hospital number live in `PatientIdentity`, a separate table only identity-seeing roles read.
public final class Patient: Model, @unchecked Sendable {
    public static let schema = "patients"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "center_id") public var center: Center
    /// Pseudonymous code shown to everyone (`C01-0007`).
    @Field(key: "code") public var code: String
    @Field(key: "sex") public var sex: String
    /// Calendar date of enrolment, `YYYY-MM-DD` in the center's time zone.
    @Field(key: "enrolled_on") public var enrolledOn: String
    /// `real` or `virtual` (an in-silico trial patient); both go through the same engines.
    @Field(key: "origin") public var origin: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Children(for: \.$patient) public var therapies: [Therapy]

    public init() {}
    public init(id: UUID? = nil, centerID: UUID, code: String, sex: String, enrolledOn: String, origin: String = "real") {
        self.id = id; self.$center.id = centerID; self.code = code; self.sex = sex
        self.enrolledOn = enrolledOn; self.origin = origin
    }
}
