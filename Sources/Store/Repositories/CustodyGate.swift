import CartographCore
import Fluent
import Foundation

/// The link between the journey and the custody log: FUCASO's `infused` journey event needs a matched,
/// signed bedside verification of the therapy's final product.
///
/// Applies to every therapy whose custody Cartograph tracks (a chain-of-identity ID has been issued).
/// A therapy recorded without any custody data — journeys entered before custody tracking existed,
/// and virtual patients — is not gated: there is no bag to verify. See docs in the issue report.
public enum CustodyGate {
    public static func requireBedsideVerification(therapyID: UUID, on db: Database) async throws {
        guard try await CustodyIdentifiers.existingChainOfIdentity(therapyID: therapyID, on: db) != nil else { return }
        guard try await BedsideRepository.hasSignedMatch(therapyID: therapyID, on: db) else {
            throw StoreError.invalid([FieldError("kind", "infusion needs a matched, signed bedside verification of the final product first (POST /api/patients/{id}/bedside-check)")])
        }
    }
}
