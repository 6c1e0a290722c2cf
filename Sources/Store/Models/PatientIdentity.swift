import Fluent
import Foundation

/// Who the patient is. Kept apart from clinical data (DESIGN.md) and never shown to manufacturing,
/// QA or statisticians.
public final class PatientIdentity: Model, @unchecked Sendable {
    public static let schema = "patient_identities"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "patient_id") public var patient: Patient
    @Field(key: "given_name") public var givenName: String
    @Field(key: "family_name") public var familyName: String
    @Field(key: "date_of_birth") public var dateOfBirth: String
    @Field(key: "hospital_number") public var hospitalNumber: String
    /// The hospital number as the duplicate check compares it (`IdentityKeys.hospitalNumber`).
    @OptionalField(key: "hospital_number_key") var hospitalNumberKey: String?
    /// Names and date of birth as the duplicate check compares them (`IdentityKeys.person`).
    @OptionalField(key: "person_key") var personKey: String?

    public init() {}
    public init(patientID: UUID, givenName: String, familyName: String, dateOfBirth: String, hospitalNumber: String) {
        self.$patient.id = patientID; self.givenName = givenName; self.familyName = familyName
        self.dateOfBirth = dateOfBirth; self.hospitalNumber = hospitalNumber
        self.hospitalNumberKey = IdentityKeys.hospitalNumber(hospitalNumber)
        self.personKey = IdentityKeys.person(given: givenName, family: familyName, dateOfBirth: dateOfBirth)
    }
}
