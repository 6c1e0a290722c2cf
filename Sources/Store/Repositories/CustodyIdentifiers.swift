import CartographCore
import Fluent
import Foundation

/// Issues ISBT 128 identifiers: one chain-of-identity ID per therapy and one DIN per bag, each the next
/// sequence for the facility and nominal year. The unique constraints on (facility, year, sequence)
/// make a second writer that read the same "last" fail and retry (`retryingTransaction`).
public enum CustodyIdentifiers {
    /// The therapy's chain-of-identity ID, issuing it on first use. Call inside a transaction.
    public static func chainOfIdentity(therapyID: UUID, centerID: UUID, facility: ISBT128.FacilityIdentificationNumber, year: Int,
                                       on tx: Database) async throws -> ISBT128.ChainOfIdentityIdentifier {
        if let existing = try await ChainOfIdentityRecord.query(on: tx).filter(\.$therapyID == therapyID).first() {
            return try ISBT128.ChainOfIdentityIdentifier(parsing: existing.identifier)
        }
        let last = try await ChainOfIdentityRecord.query(on: tx).filter(\.$facilityCode == facility.code)
            .filter(\.$nominalYear == year % 100).sort(\.$sequence, .descending).first()
        let coi = try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: year, lastSequenceNumber: last?.sequence)
        let row = ChainOfIdentityRecord()
        row.therapyID = therapyID
        row.centerID = centerID
        row.facilityCode = facility.code
        row.nominalYear = coi.nominalYear
        row.sequence = coi.sequenceNumber ?? 0
        row.identifier = coi.characters
        try await row.create(on: tx)
        return coi
    }

    /// The therapy's chain-of-identity ID if one was issued.
    public static func existingChainOfIdentity(therapyID: UUID, on db: Database) async throws -> String? {
        try await ChainOfIdentityRecord.query(on: db).filter(\.$therapyID == therapyID).first()?.identifier
    }

    /// The next DIN for `facility` in `year`. Call inside a transaction.
    public static func nextDIN(facility: ISBT128.FacilityIdentificationNumber, year: Int,
                               on tx: Database) async throws -> ISBT128.DonationIdentificationNumber {
        let last = try await CustodyBagRecord.query(on: tx).filter(\.$facilityCode == facility.code)
            .filter(\.$nominalYear == year % 100).sort(\.$sequence, .descending).first()
        return try ISBT128.DonationIdentificationNumber(facility: facility, year: year, sequenceNumber: (last?.sequence ?? 0) + 1)
    }
}
