import CartographCore
import Fluent
import Foundation

/// A lot's release file: the latest results and their evaluation against the specification, the
/// physician's request (if any), and the bag's QA disposition with its signature.
public struct ReleaseFile: Codable, Sendable, Hashable {
    public var bag: CustodyBagView
    public var lot: String?
    public var evaluation: ReleaseEvaluation?
    public var certificate: ReleaseCertificateOfAnalysis?
    public var resultsRecordedAt: Date?
    public var exceptionalRequest: ExceptionalReleaseRequest?
    public var exceptionalRequestSignature: SignatureView?
    /// The signature on the QA disposition event, when QA has decided.
    public var qaSignature: SignatureView?
}

/// Release testing and QA disposition of a final product lot.
///
/// Results are evaluated on save with `ReleaseEvaluation.evaluate` against the product's `releaseSpecification`
/// for the patient's weight (the latest dose calculation) and the product's dose rule, and the
/// disposition is appended to the bag's custody log (`releaseResult`). QA then releases (conforming
/// lots), rejects, or — for an out-of-specification lot with the treating physician's signed request —
/// releases exceptionally, each signed with the re-entered password.
public enum ReleaseRepository {

    @discardableResult
    public static func recordResults(_ results: ReleaseTestResults, bagID: UUID, by actor: ActingUser, at instant: Date = Date(),
                                     on db: Database) async throws -> ReleaseFile {
        guard [.manufacturing, .qa].contains(actor.role) else {
            throw StoreError.forbidden("the \(actor.role.displayName) role cannot record release results; allowed: Manufacturing, Quality assurance")
        }
        try await retryingTransaction(on: db) { tx in
            let (bag, state, therapy) = try await product(bagID, actor: actor, on: tx)
            guard let lot = state.lot else { throw StoreError.invalid([FieldError("lot", "the bag holds no manufactured lot yet")]) }
            guard results.lot == lot else { throw StoreError.invalid([FieldError("lot", "the bag holds lot \(lot), not \(results.lot)")]) }
            guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
            guard let weight = try await DoseRepository.latest(of: try therapy.requireID(), on: tx)?.weightKilograms else {
                throw StoreError.invalid([FieldError("weightKg", "record the patient's weight (dose calculation) before release testing: dose feasibility needs it")])
            }
            let evaluation: ReleaseEvaluation
            do { evaluation = try ReleaseEvaluation.evaluate(results, profile.releaseSpecification, weightKilograms: weight, dose: profile.dose) }
            catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
            let row = ReleaseResultRecord()
            row.bagID = bagID
            row.centerID = bag.centerID
            row.lot = lot
            row.results = try CustodyRepository.json(results)
            row.evaluation = try CustodyRepository.json(evaluation)
            row.disposition = evaluation.disposition.rawValue
            row.recordedBy = actor.userID
            row.recordedAtMilliseconds = SignatureRepository.milliseconds(instant)
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "release.results", entity: "bag",
                                        entityID: bagID.uuidString, payload: evaluation)
            try await CustodyRepository.append(.releaseResult(evaluation.disposition), bagID: bagID, by: actor, at: instant, site: nil,
                                               timeZone: nil, signerName: nil, on: tx)
        }
        return try await file(bagID, for: actor, on: db)
    }

    /// QA releases a conforming lot or rejects a lot, signed ("QA release" / "QA rejection").
    @discardableResult
    public static func decide(_ disposition: CustodyQADisposition, bagID: UUID, signerName: String, by actor: ActingUser, at instant: Date = Date(),
                              on db: Database) async throws -> ReleaseFile {
        guard disposition != .exceptionalRelease else {
            return try await releaseExceptionally(bagID: bagID, signerName: signerName, by: actor, at: instant, on: db)
        }
        try await CustodyRepository.record(.qaDisposition(disposition), bagID: bagID, by: actor, at: instant, signerName: signerName, on: db)
        return try await file(bagID, for: actor, on: db)
    }

    /// The treating physician's signed request to infuse the out-of-specification lot.
    @discardableResult
    public static func requestExceptionalRelease(bagID: UUID, justification: String, signerName: String, by actor: ActingUser,
                                                 at instant: Date = Date(), on db: Database) async throws -> ReleaseFile {
        guard actor.role == .physician else { throw StoreError.forbidden("only the treating physician requests an exceptional release") }
        try await retryingTransaction(on: db) { tx in
            let (bag, state, _) = try await product(bagID, actor: actor, on: tx)
            guard let evaluation = try await latestEvaluation(bagID, on: tx), let lot = state.lot else {
                throw StoreError.invalid([FieldError("lot", "no release results recorded")])
            }
            let request = ExceptionalReleaseRequest(lot: lot, physicianID: actor.userID.uuidString, role: actor.role, justification: justification,
                                                    requestedAt: SignatureRepository.roundedToMilliseconds(instant))
            if evaluation.disposition != .outOfSpecification || justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw StoreError.invalid(evaluation.disposition != .outOfSpecification
                    ? [FieldError("evaluation.disposition", ExceptionalReleaseProblem.lotNotOutOfSpecification(evaluation.disposition).description)]
                    : [FieldError("justification", ExceptionalReleaseProblem.justificationMissing.description)])
            }
            let signature = try await SignatureRepository.sign(request, meaning: .physicianRequest, signerName: signerName, by: actor, entity: "bag",
                                                               entityID: bagID.uuidString, at: instant, on: tx)
            let row = ExceptionalReleaseRequestRecord()
            row.bagID = bagID
            row.centerID = bag.centerID
            row.lot = lot
            row.physicianID = actor.userID
            row.justification = justification
            row.requestedAtMilliseconds = SignatureRepository.milliseconds(request.requestedAt)
            row.signatureID = signature.id
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "release.exceptionalRequested", entity: "bag",
                                        entityID: bagID.uuidString, payload: request)
        }
        return try await file(bagID, for: actor, on: db)
    }

    /// QA's exceptional release: QA signs the `ExceptionalReleaseRecord` (lot, failures, request) and
    /// `ExceptionalReleaseRules` checks request and signature before the disposition is recorded.
    static func releaseExceptionally(bagID: UUID, signerName: String, by actor: ActingUser, at instant: Date, on db: Database) async throws -> ReleaseFile {
        guard actor.role == .qa else { throw StoreError.forbidden("only Quality assurance releases a lot") }
        try await retryingTransaction(on: db) { tx in
            _ = try await product(bagID, actor: actor, on: tx)
            guard let evaluation = try await latestEvaluation(bagID, on: tx) else { throw StoreError.invalid([FieldError("lot", "no release results recorded")]) }
            let request = try await latestRequest(bagID, on: tx).map(requestValue)
            let signedAt = SignatureRepository.roundedToMilliseconds(instant)
            var qaSignature: SignatureRequest?
            var signatureID: UUID?
            if let request {
                let record = ExceptionalReleaseRecord(evaluation: evaluation, request: request)
                qaSignature = try SignatureRequest(signerID: actor.userID.uuidString, signerName: signerName, role: actor.role,
                                                   meaning: .exceptionalRelease, signedAt: signedAt, record: record)
                signatureID = try await SignatureRepository.sign(record, meaning: .exceptionalRelease, signerName: signerName, by: actor,
                                                                 entity: "bag", entityID: bagID.uuidString, at: signedAt, on: tx).id
            }
            do throws(ExceptionalReleaseRefusal) { _ = try ExceptionalReleaseRules.validate(evaluation: evaluation, request: request, qaSignature: qaSignature) }
            catch { throw StoreError.invalid(error.validationFailure.errors) }
            try await CustodyRepository.append(.qaDisposition(.exceptionalRelease), bagID: bagID, by: actor, at: signedAt, site: nil, timeZone: nil,
                                               signerName: nil, existingSignatureID: signatureID, on: tx)
        }
        return try await file(bagID, for: actor, on: db)
    }

    // MARK: - Reading

    public static func file(_ bagID: UUID, for actor: ActingUser, on db: Database) async throws -> ReleaseFile {
        let view = try await CustodyRepository.bag(bagID, for: actor, on: db)
        let therapy = try await Therapy.find(view.therapyID, on: db)
        let product = therapy.flatMap { ProductCatalogue.profile(id: $0.productID) } ?? ProductCatalogue.default
        let latest = try await ReleaseResultRecord.query(on: db).filter(\.$bagID == bagID).sort(\.$recordedAtMilliseconds, .descending).first()
        let evaluation = try latest.map { try JSONDecoder().decode(ReleaseEvaluation.self, from: Data($0.evaluation.utf8)) }
        let request = try await latestRequest(bagID, on: db)
        let signatures = try await SignatureRepository.signatures(request.map { [$0.signatureID] } ?? [], on: db)
        return ReleaseFile(bag: view, lot: view.lot, evaluation: evaluation,
                           certificate: evaluation.map { e in
                               ReleaseCertificateOfAnalysis(evaluation: e, product: product,
                                                            chainOfIdentity: try? ISBT128.ChainOfIdentityIdentifier(parsing: view.chainOfIdentity)) },
                           resultsRecordedAt: latest.map { SignatureRepository.date(milliseconds: $0.recordedAtMilliseconds) },
                           exceptionalRequest: request.map(requestValue), exceptionalRequestSignature: request.flatMap { signatures[$0.signatureID] },
                           qaSignature: view.events.last { $0.kind == .qaDisposition }?.signature)
    }

    /// Final product bags of the user's center awaiting QA: manufactured, not yet dispositioned.
    public static func queue(for actor: ActingUser, on db: Database) async throws -> [ReleaseFile] {
        let bags = try await CustodyBagRecord.query(on: db).filter(\.$centerID == actor.centerID)
            .filter(\.$kind == CustodyBagKind.finalProduct.rawValue).sort(\.$din).all()
        var files: [ReleaseFile] = []
        for bag in bags {
            let state = try await CustodyRepository.state(of: bag, on: db)
            if state.phase == .atManufacturingSite, state.qaDisposition == nil { files.append(try await file(try bag.requireID(), for: actor, on: db)) }
        }
        return files
    }

    static func product(_ bagID: UUID, actor: ActingUser, on db: Database) async throws -> (CustodyBagRecord, CustodyBagState, Therapy) {
        guard let bag = try await CustodyBagRecord.query(on: db).filter(\.$id == bagID).filter(\.$centerID == actor.centerID).first(),
              bag.kind == CustodyBagKind.finalProduct.rawValue else { throw StoreError.notFound("final product bag") }
        guard let therapy = try await Therapy.find(bag.therapyID, on: db) else { throw StoreError.notFound("therapy") }
        return (bag, try await CustodyRepository.state(of: bag, on: db), therapy)
    }

    static func latestEvaluation(_ bagID: UUID, on db: Database) async throws -> ReleaseEvaluation? {
        guard let r = try await ReleaseResultRecord.query(on: db).filter(\.$bagID == bagID).sort(\.$recordedAtMilliseconds, .descending).first()
        else { return nil }
        return try JSONDecoder().decode(ReleaseEvaluation.self, from: Data(r.evaluation.utf8))
    }

    static func latestRequest(_ bagID: UUID, on db: Database) async throws -> ExceptionalReleaseRequestRecord? {
        try await ExceptionalReleaseRequestRecord.query(on: db).filter(\.$bagID == bagID).sort(\.$requestedAtMilliseconds, .descending).first()
    }

    static func requestValue(_ r: ExceptionalReleaseRequestRecord) -> ExceptionalReleaseRequest {
        ExceptionalReleaseRequest(lot: r.lot, physicianID: r.physicianID.uuidString, role: .physician, justification: r.justification,
                                  requestedAt: SignatureRepository.date(milliseconds: r.requestedAtMilliseconds))
    }
}
