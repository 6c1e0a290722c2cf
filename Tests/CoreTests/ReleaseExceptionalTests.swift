import Foundation
import Testing
@testable import CartographCore

@Suite("Exceptional release")
struct ReleaseExceptionalTests {
    static let t0 = CustodyFixture.base

    /// Viability 65 % < 70 %: out of specification on viability alone.
    static func oosEvaluation() throws -> ReleaseEvaluation {
        var r = ReleaseEvaluationTests.conformingLot()
        r.viabilityPercent = 65
        return try ReleaseEvaluationTests.evaluate(r)
    }

    static func request(role: Role = .physician, justification: String = "no alternative therapy; progressing on bridging",
                        lot: String = "LOT-1", physicianID: String = "p-1") -> ExceptionalReleaseRequest {
        ExceptionalReleaseRequest(lot: lot, physicianID: physicianID, role: role, justification: justification, requestedAt: t0)
    }

    static func qaSignature(for e: ReleaseEvaluation, _ r: ExceptionalReleaseRequest,
                            meaning: SignatureMeaning = .exceptionalRelease, minutes: Double = 30) throws -> SignatureRequest {
        try SignatureRequest(signerID: "q-1", signerName: "Q. Reviewer", role: .qa, meaning: meaning,
                             signedAt: t0.addingTimeInterval(minutes * 60),
                             record: ExceptionalReleaseRecord(evaluation: e, request: r))
    }

    static func problems(_ body: () throws(ExceptionalReleaseRefusal) -> ExceptionalReleaseAuthorisation) -> [ExceptionalReleaseProblem] {
        do { _ = try body(); return [] } catch { return error.problems }
    }

    @Test("an OOS lot with the physician's request and QA's exceptional-release signature is authorised")
    func validPair() throws {
        // setup
        let e = try Self.oosEvaluation(), r = Self.request()
        let sig = try Self.qaSignature(for: e, r)
        // MUT
        let auth = try ExceptionalReleaseRules.validate(evaluation: e, request: r, qaSignature: sig)
        // validate
        #expect(auth.lot == "LOT-1")
        #expect(auth.failedTests == [.viability])
        #expect(auth.physicianID == "p-1")
        #expect(auth.qaSignerID == "q-1")
    }

    @Test("an OOS lot without the physician's request cannot be released")
    func missingRequest() throws {
        // setup
        let e = try Self.oosEvaluation()
        let sig = try Self.qaSignature(for: e, Self.request())
        // MUT
        let p = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: nil, qaSignature: sig) }
        // validate
        #expect(p == [.missingPhysicianRequest])
    }

    @Test("an OOS lot without QA's signature cannot be released")
    func missingSignature() throws {
        // setup
        let e = try Self.oosEvaluation()
        // MUT
        let p = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: Self.request(), qaSignature: nil) }
        // validate
        #expect(p == [.missingQASignature])
    }

    @Test("neither request nor signature: both problems are reported together")
    func neither() throws {
        // setup
        let e = try Self.oosEvaluation()
        // MUT
        let p = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: nil, qaSignature: nil) }
        // validate
        #expect(p == [.missingPhysicianRequest, .missingQASignature])
    }

    @Test("the request must come from a physician, with a justification, for this lot")
    func requestRules() throws {
        // setup
        let e = try Self.oosEvaluation()
        let nurseRequest = Self.request(role: .nurse, justification: "   ", lot: "LOT-2")
        let sig = try Self.qaSignature(for: e, nurseRequest)
        // MUT
        let p = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: nurseRequest, qaSignature: sig) }
        // validate
        #expect(p == [.requesterNotPhysician(.nurse), .justificationMissing, .requestForDifferentLot(requested: "LOT-2", evaluated: "LOT-1")])
    }

    @Test("a QA release signature (wrong meaning) is not an exceptional-release signature")
    func wrongMeaning() throws {
        // setup
        let e = try Self.oosEvaluation(), r = Self.request()
        let sig = try Self.qaSignature(for: e, r, meaning: .qaRelease)
        // MUT
        let p = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: r, qaSignature: sig) }
        // validate
        #expect(p == [.wrongSignatureMeaning(.qaRelease)])
    }

    @Test("a signature over another request, or made before the request, is refused")
    func bindingAndTime() throws {
        // setup
        let e = try Self.oosEvaluation(), r = Self.request()
        let other = Self.request(justification: "a different justification")
        let sigForOther = try Self.qaSignature(for: e, other)
        let early = try Self.qaSignature(for: e, r, minutes: -5)
        // MUT
        let p1 = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: r, qaSignature: sigForOther) }
        let p2 = Self.problems { () throws(ExceptionalReleaseRefusal) in try ExceptionalReleaseRules.validate(evaluation: e, request: r, qaSignature: early) }
        // validate
        #expect(p1 == [.signatureNotForThisRecord])
        #expect(p2 == [.signedBeforeRequest])
    }

    @Test("a conforming lot, or one with results pending, takes no exceptional release")
    func notOOS() throws {
        // setup
        let conforming = try ReleaseEvaluationTests.evaluate(ReleaseEvaluationTests.conformingLot())
        var pendingLot = ReleaseEvaluationTests.conformingLot(); pendingLot.sterility = nil
        let pending = try ReleaseEvaluationTests.evaluate(pendingLot)
        let r = Self.request()
        // MUT
        let p1 = Self.problems { () throws(ExceptionalReleaseRefusal) in
            try ExceptionalReleaseRules.validate(evaluation: conforming, request: r, qaSignature: try! Self.qaSignature(for: conforming, r))
        }
        let p2 = Self.problems { () throws(ExceptionalReleaseRefusal) in
            try ExceptionalReleaseRules.validate(evaluation: pending, request: r, qaSignature: try! Self.qaSignature(for: pending, r))
        }
        // validate
        #expect(p1 == [.lotNotOutOfSpecification(.conforming)])
        #expect(p2 == [.lotNotOutOfSpecification(.incomplete)])
    }

    @Test("a non-QA signer cannot even create an exceptional-release signature")
    func physicianCannotSignRelease() throws {
        // setup
        let e = try Self.oosEvaluation(), r = Self.request()
        // MUT / validate
        #expect(throws: SignatureRequestError.roleMayNotSign(role: .physician, meaning: .exceptionalRelease)) {
            try SignatureRequest(signerID: "p-1", signerName: "Dr P", role: .physician, meaning: .exceptionalRelease,
                                 signedAt: Self.t0, record: ExceptionalReleaseRecord(evaluation: e, request: r))
        }
    }
}
