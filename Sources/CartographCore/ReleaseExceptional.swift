import Foundation

/// The treating physician's documented request to infuse an out-of-specification lot.
public struct ExceptionalReleaseRequest: Codable, Sendable, Hashable {
    public var lot: String
    public var physicianID: String
    public var role: Role
    /// Why the benefit outweighs the deviation for this patient (free text, required).
    public var justification: String
    public var requestedAt: Date

    public init(lot: String, physicianID: String, role: Role, justification: String, requestedAt: Date) {
        self.lot = lot; self.physicianID = physicianID; self.role = role
        self.justification = justification; self.requestedAt = requestedAt
    }
}

/// The record QA signs for an exceptional release: the lot, what failed, and the request it answers.
/// QA's signature must carry exactly this record's canonical bytes (``CustodyCanonicalJSON``), which
/// binds the signature to this lot, these failures and this request (21 CFR 11.70).
public struct ExceptionalReleaseRecord: Codable, Sendable, Hashable {
    public var lot: String
    public var specificationVersion: String
    public var failedTests: [ReleaseTestKind]
    public var physicianID: String
    public var justification: String
    public var requestedAt: Date

    public init(evaluation: ReleaseEvaluation, request: ExceptionalReleaseRequest) {
        lot = evaluation.lot
        specificationVersion = evaluation.specificationVersion
        failedTests = evaluation.failedTests
        physicianID = request.physicianID
        justification = request.justification
        requestedAt = request.requestedAt
    }
}

/// One reason an exceptional release is refused.
public enum ExceptionalReleaseProblem: Sendable, Hashable, CustomStringConvertible {
    case lotNotOutOfSpecification(ReleaseDisposition)
    case missingPhysicianRequest
    case requesterNotPhysician(Role)
    case justificationMissing
    case requestForDifferentLot(requested: String, evaluated: String)
    case missingQASignature
    case signerNotQA(Role)
    case wrongSignatureMeaning(SignatureMeaning)
    case signatureNotForThisRecord
    case sameSignerForRequestAndRelease(String)
    case signedBeforeRequest

    public var description: String {
        switch self {
        case .lotNotOutOfSpecification(.conforming):
            "the lot conforms to its specification: release it through the normal QA release"
        case .lotNotOutOfSpecification(let d):
            "exceptional release is for an out-of-specification lot; this lot is \(d.rawValue) (wait for the pending results)"
        case .missingPhysicianRequest: "the treating physician's documented request is missing"
        case .requesterNotPhysician(let role): "the request must come from a Physician, not \(role.displayName)"
        case .justificationMissing: "the physician's request needs a written justification"
        case let .requestForDifferentLot(requested, evaluated): "the request names lot \(requested), not lot \(evaluated)"
        case .missingQASignature: "QA's signature with the meaning \"Exceptional release\" is missing"
        case .signerNotQA(let role): "the release must be signed by Quality assurance, not \(role.displayName)"
        case .wrongSignatureMeaning(let m): "QA's signature has the meaning \"\(m.displayName)\", not \"Exceptional release\""
        case .signatureNotForThisRecord: "QA's signature was made for a different record (lot, failures or request differ)"
        case .sameSignerForRequestAndRelease(let id): "the same person (\(id)) cannot both request and sign the release"
        case .signedBeforeRequest: "QA signed before the physician's request was made"
        }
    }

    /// The request field a form should highlight.
    public var field: String {
        switch self {
        case .lotNotOutOfSpecification: "evaluation.disposition"
        case .missingPhysicianRequest: "request"
        case .requesterNotPhysician: "request.role"
        case .justificationMissing: "request.justification"
        case .requestForDifferentLot: "request.lot"
        case .missingQASignature, .signatureNotForThisRecord, .sameSignerForRequestAndRelease, .signedBeforeRequest: "qaSignature"
        case .signerNotQA: "qaSignature.role"
        case .wrongSignatureMeaning: "qaSignature.meaning"
        }
    }
}

/// Every reason an exceptional release was refused, found together.
public struct ExceptionalReleaseRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ExceptionalReleaseProblem]
    public var description: String { problems.map(\.description).joined(separator: "; ") }
    public var validationFailure: ValidationFailure {
        ValidationFailure(problems.map { FieldError($0.field, $0.description) })
    }
}

/// What a valid exceptional release authorises, for the QA disposition and the audit record.
public struct ExceptionalReleaseAuthorisation: Codable, Sendable, Hashable {
    public var lot: String
    public var failedTests: [ReleaseTestKind]
    public var physicianID: String
    public var justification: String
    public var qaSignerID: String
    public var signedAt: Date
}

/// The exceptional release path as rules. Source: EudraLex Volume 4 Part IV, *Guidelines on Good
/// Manufacturing Practice specific to Advanced Therapy Medicinal Products* (2017), §11.5
/// "Administration of out of specification products", ¶11.53–11.54: exceptionally an OOS cell-based
/// ATMP may be supplied at the treating physician's request, and the manufacturer records it. Encoded
/// here (rule set `OOS-ATMP-11.5`, center policy for the details): an out-of-specification lot reaches
/// the patient only when the treating physician asks for it in writing, with a justification, AND QA
/// signs the release with the meaning "exceptional release" over the record that names the lot, its
/// failures and the request. The manufacturer's risk evaluation and the notifications ¶11.54 requires
/// are outside this check.
public enum ExceptionalReleaseRules {
    public static let ruleSetVersion = "OOS-ATMP-11.5"

    /// Validates the request and QA's signature against the lot's evaluation.
    ///
    /// Checks: the lot is `outOfSpecification` (not conforming, not incomplete); a request exists,
    /// from the physician role, for this lot, with a non-blank justification; QA's signature exists,
    /// by the QA role, with meaning `exceptionalRelease`, over exactly
    /// `CustodyCanonicalJSON.bytes(of: ExceptionalReleaseRecord(evaluation:request:))`, by another
    /// person than the requester, not before the request.
    /// - Throws: ``ExceptionalReleaseRefusal`` listing every problem found.
    public static func validate(evaluation: ReleaseEvaluation, request: ExceptionalReleaseRequest?,
                                qaSignature: SignatureRequest?) throws(ExceptionalReleaseRefusal) -> ExceptionalReleaseAuthorisation {
        var problems: [ExceptionalReleaseProblem] = []
        if evaluation.disposition != .outOfSpecification { problems.append(.lotNotOutOfSpecification(evaluation.disposition)) }
        if let request {
            if request.role != .physician { problems.append(.requesterNotPhysician(request.role)) }
            if request.justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(.justificationMissing) }
            if request.lot != evaluation.lot { problems.append(.requestForDifferentLot(requested: request.lot, evaluated: evaluation.lot)) }
        } else {
            problems.append(.missingPhysicianRequest)
        }
        if let signature = qaSignature {
            if signature.role != .qa { problems.append(.signerNotQA(signature.role)) }
            if signature.meaning != .exceptionalRelease { problems.append(.wrongSignatureMeaning(signature.meaning)) }
            if let request {
                let expected = try? CustodyCanonicalJSON.bytes(of: ExceptionalReleaseRecord(evaluation: evaluation, request: request))
                if expected != signature.recordCanonicalBytes { problems.append(.signatureNotForThisRecord) }
                if signature.signerID == request.physicianID { problems.append(.sameSignerForRequestAndRelease(request.physicianID)) }
                if signature.signedAt < request.requestedAt { problems.append(.signedBeforeRequest) }
            }
        } else {
            problems.append(.missingQASignature)
        }
        guard problems.isEmpty, let request, let signature = qaSignature else { throw ExceptionalReleaseRefusal(problems: problems) }
        return ExceptionalReleaseAuthorisation(lot: evaluation.lot, failedTests: evaluation.failedTests,
                                               physicianID: request.physicianID, justification: request.justification,
                                               qaSignerID: signature.signerID, signedAt: signature.signedAt)
    }
}
