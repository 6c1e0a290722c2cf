import CartographCore
import Fluent
import Foundation

/// What the nurse scanned or typed at the bedside.
public struct BedsideScan: Codable, Sendable, Hashable {
    public var bagChainOfIdentity: String
    public var bagDIN: String
    public var wristbandChainOfIdentity: String
    public init(bagChainOfIdentity: String, bagDIN: String, wristbandChainOfIdentity: String) {
        self.bagChainOfIdentity = bagChainOfIdentity; self.bagDIN = bagDIN; self.wristbandChainOfIdentity = wristbandChainOfIdentity
    }
}

/// The outcome of a bedside check that matched: the signed custody event.
public struct BedsideCheckResult: Codable, Sendable, Hashable {
    public var bag: CustodyBagView
    public var signature: SignatureView
}

/// Bedside verification before infusion (FACT-JACIE identity check), recorded in the custody log.
///
/// A match is signed ("Bedside verification") and recorded as the final product's `bedsideVerified`
/// event. Any mismatch blocks: nothing is added to the log, a `bedsideMismatch` deviation is opened
/// for QA, and an alert row (`alerts`, kind `bedsideMismatch`, severity `critical`) is raised for
/// the coordinator and physician — both committed before the 422 that names each field found wrong.
public enum BedsideRepository {
    public static func check(_ scan: BedsideScan, therapyID: UUID, signerName: String, by actor: ActingUser, at instant: Date = Date(),
                             on db: Database) async throws -> BedsideCheckResult {
        guard [.nurse, .physician].contains(actor.role) else {
            throw StoreError.forbidden("the \(actor.role.displayName) role cannot verify at the bedside; allowed: Nurse, Physician")
        }
        let therapy = try await CustodyRepository.scopedTherapy(therapyID, actor: actor, on: db)
        let bag = try await productAtCenter(therapyID: therapyID, on: db)
        let bagID = try bag.requireID()
        let input = BedsideVerificationInput(bagChainOfIdentity: scan.bagChainOfIdentity, bagDIN: scan.bagDIN,
                                             wristbandChainOfIdentity: scan.wristbandChainOfIdentity,
                                             expectedChainOfIdentity: try ISBT128.ChainOfIdentityIdentifier(parsing: bag.chainOfIdentity),
                                             expectedDIN: try ISBT128.DonationIdentificationNumber(parsing: bag.din))
        switch BedsideVerification.verify(input) {
        case .match:
            try await retryingTransaction(on: db) { tx in
                try await CustodyRepository.append(.bedsideVerified(.match), bagID: bagID, by: actor, at: instant, site: nil, timeZone: nil,
                                                   signerName: signerName, on: tx)
            }
            let view = try await CustodyRepository.bag(bagID, for: actor, on: db)
            guard let signature = view.events.last?.signature else { throw StoreError.conflict("the bedside verification was not signed") }
            return BedsideCheckResult(bag: view, signature: signature)
        case .mismatch(let reasons):
            let fields = reasons.sorted { $0.key.rawValue < $1.key.rawValue }.map { FieldError($0.key.rawValue, $0.value) }
            try await recordMismatch(fields, scan: scan, therapy: therapy, bag: bag, by: actor, at: instant, on: db)
            throw StoreError.invalid(fields + [FieldError("infusion", "blocked: the bag, the wristband and the therapy record do not match")])
        }
    }

    /// The therapy's final product bag that is at the center, not infused or discarded.
    static func productAtCenter(therapyID: UUID, on db: Database) async throws -> CustodyBagRecord {
        let bags = try await CustodyBagRecord.query(on: db).filter(\.$therapyID == therapyID)
            .filter(\.$kind == CustodyBagKind.finalProduct.rawValue).all()
        for bag in bags where try await CustodyRepository.state(of: bag, on: db).phase == .atCenter { return bag }
        throw StoreError.invalid([FieldError("bagDIN", "no final product of this therapy has been received at the center")])
    }

    static func recordMismatch(_ fields: [FieldError], scan: BedsideScan, therapy: Therapy, bag: CustodyBagRecord, by actor: ActingUser,
                               at instant: Date, on db: Database) async throws {
        let therapyID = try therapy.requireID()
        try await retryingTransaction(on: db) { tx in
            let n = try await CustodyDeviationRecord.query(on: tx).filter(\.$therapyID == therapyID)
                .filter(\.$kind == "bedsideMismatch").count() + 1
            let summary = "Bedside mismatch on bag \(bag.din): " + fields.map(\.description).joined(separator: "; ")
            let row = CustodyDeviationRecord()
            row.key = "bedside:\(therapyID.uuidString):\(n)"
            row.therapyID = therapyID
            row.centerID = therapy.centerID
            row.bagID = try bag.requireID()
            row.number = n
            row.kind = "bedsideMismatch"
            row.summary = summary
            row.openedBy = actor.userID
            row.openedAtMilliseconds = SignatureRepository.milliseconds(instant)
            try await row.create(on: tx)
            try await AlertLedger.raise(therapyID: therapyID, centerID: therapy.centerID, key: "bedside-mismatch-\(n)", kind: "bedsideMismatch",
                                        severity: "critical", studyDay: 0,
                                        message: "Infusion blocked — " + summary + ". Coordinator and treating physician: check the bag and the patient before any infusion.",
                                        details: ["deviationKey": row.key], actor: actor.userID, now: instant, on: tx)
            struct Payload: Encodable { let deviationKey: String; let bagDIN: String; let scanned: BedsideScan; let fields: [FieldError] }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "custody.bedsideMismatch", entity: "therapy",
                                        entityID: therapyID.uuidString,
                                        payload: Payload(deviationKey: row.key, bagDIN: bag.din, scanned: scan, fields: fields))
        }
    }

    /// Whether the therapy's final product carries a matched, signed bedside verification — the
    /// condition for recording the journey's `infused` event when custody is tracked.
    public static func hasSignedMatch(therapyID: UUID, on db: Database) async throws -> Bool {
        let bags = try await CustodyBagRecord.query(on: db).filter(\.$therapyID == therapyID)
            .filter(\.$kind == CustodyBagKind.finalProduct.rawValue).all()
        for bag in bags {
            let events = try await CustodyEventRecord.query(on: db).filter(\.$bagID == (try bag.requireID()))
                .filter(\.$kind == CustodyEventKind.bedsideVerified.rawValue).all()
            if events.contains(where: { $0.signatureID != nil }) { return true }
        }
        return false
    }
}
