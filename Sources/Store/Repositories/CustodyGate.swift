import CartographCore
import Fluent
import Foundation

/// The link between the journey and the custody log: a therapy's `infused` journey event needs a
/// matched, signed bedside verification of its final product.
///
/// Applies to every therapy, without exception: the one unforgivable error is giving a patient someone
/// else's bag, so there is no path to an infusion that skips the check — not for journeys entered by
/// hand, not for the demo, not for virtual patients (their trails are written through the same
/// custody and bedside repositories before their infusion). A therapy with no final product
/// registered is refused with a message that says so.
public enum CustodyGate {
    public static func requireBedsideVerification(therapyID: UUID, on db: Database) async throws {
        guard try await CustodyIdentifiers.existingChainOfIdentity(therapyID: therapyID, on: db) != nil else {
            throw StoreError.invalid([FieldError("kind", "infusion needs a matched, signed bedside verification of the final product, and no product bag is registered for this therapy yet (register it: POST /api/patients/{id}/bags)")])
        }
        guard try await BedsideRepository.hasSignedMatch(therapyID: therapyID, on: db) else {
            throw StoreError.invalid([FieldError("kind", "infusion needs a matched, signed bedside verification of the final product first (POST /api/patients/{id}/bedside-check)")])
        }
    }
}
