import Fluent
import Foundation

/// A dose calculation as recorded: the inputs and the engine's result. Latest is current.
public final class DoseRecord: Model, @unchecked Sendable {
    public static let schema = "dose_calculations"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "therapy_id") public var therapy: Therapy
    @Field(key: "weight_kg") public var weightKilograms: Double
    @OptionalField(key: "viable_cells_per_ml") public var viableCellsPerMilliliter: Double?
    @OptionalField(key: "car_positive_fraction") public var carPositiveFraction: Double?
    @OptionalField(key: "bag_volume_ml") public var bagVolumeMilliliters: Double?
    /// `DoseCalculation` as JSON.
    @Field(key: "result") public var result: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?

    public init() {}
    public init(therapyID: UUID, weightKilograms: Double, viableCellsPerMilliliter: Double?, carPositiveFraction: Double?,
                bagVolumeMilliliters: Double?, result: String, recordedBy: UUID) {
        self.$therapy.id = therapyID; self.weightKilograms = weightKilograms
        self.viableCellsPerMilliliter = viableCellsPerMilliliter; self.carPositiveFraction = carPositiveFraction
        self.bagVolumeMilliliters = bagVolumeMilliliters; self.result = result; self.recordedBy = recordedBy
    }
}
