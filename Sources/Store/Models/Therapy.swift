import Fluent
import Foundation

/// One course of a CAR-T product for one patient: its journey, screening, dose and (later) its chain
/// of identity all hang on it.
public final class Therapy: Model, @unchecked Sendable {
    public static let schema = "therapies"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "patient_id") public var patient: Patient
    @Field(key: "center_id") public var centerID: UUID
    /// `ProductProfile.id` (`fucaso`).
    @Field(key: "product_id") public var productID: String
    /// Current stage, cached from the journey events for lists and counts; the events are the truth.
    @Field(key: "stage") public var stage: String
    /// How many times the clinical records (journey, follow-up, laboratory results and corrections,
    /// bedside assessments and interventions) have changed; the stored list status and the cached engine
    /// results are current only at the same revision (`PatientStatuses`, `DerivedResultCache`).
    @Field(key: "revision") public var revision: Int
    /// The physician the center named as responsible for this course (a physician account of the
    /// center), printed on the wallet card; nil until named.
    @OptionalField(key: "treating_physician_id") public var treatingPhysicianID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
    public init(id: UUID? = nil, patientID: UUID, centerID: UUID, productID: String, stage: String) {
        self.id = id; self.$patient.id = patientID; self.centerID = centerID; self.productID = productID; self.stage = stage
        self.revision = 0
    }
}
