import CartographCore
import Fluent
import Foundation

public enum DoseRepository {
    /// Computes and records the dose for a therapy from the patient's weight and, when known, the
    /// characterised product.
    public static func record(weightKilograms: Double, product: ProductCharacterisation?, therapyID: UUID,
                              by actor: ActingUser, on db: Database) async throws -> DoseCalculation {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record a dose") }
        return try await retryingTransaction(on: db) { tx in
            guard let therapy = try await Therapy.query(on: tx).filter(\.$id == therapyID)
                .filter(\.$centerID == actor.centerID).first() else { throw StoreError.notFound("therapy") }
            guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
            let result: DoseCalculation
            do { result = try DoseCalculator.calculate(profile.dose, weightKilograms: weightKilograms, product: product) }
            catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
            try await DoseRecord(therapyID: therapyID, weightKilograms: weightKilograms,
                                 viableCellsPerMilliliter: product?.viableCellsPerMilliliter,
                                 carPositiveFraction: product?.carPositiveFraction,
                                 bagVolumeMilliliters: product?.bagVolumeMilliliters,
                                 result: try StoredJSON.text(result),
                                 recordedBy: actor.userID).create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "dose.calculated",
                                        entity: "therapy", entityID: therapyID.uuidString, payload: result)
            return result
        }
    }

    public static func latest(of therapyID: UUID, on db: Database) async throws -> DoseCalculation? {
        guard let r = try await DoseRecord.query(on: db).filter(\.$therapy.$id == therapyID)
            .sort(\.$recordedAt, .descending).first() else { return nil }
        return try JSONDecoder().decode(DoseCalculation.self, from: Data(r.result.utf8))
    }
}
