import Foundation
import Testing
@testable import CartographCore

@Suite("Release evaluation")
struct ReleaseEvaluationTests {
    /// A lot that passes everything against `ReleaseSpecification.fucaso` for a 62.5 kg patient.
    /// Dose by hand: minimum = 62.5 kg × 0.8 × 10⁶/kg = 5.0 × 10⁷ CAR+ cells (FUCASO profile's
    /// minimum); available = 1.0 × 10⁶ viable cells/mL × 50 % CAR+ × 100 mL = 5.0 × 10⁷: exactly at
    /// the minimum, so feasible.
    static func conformingLot() -> ReleaseTestResults {
        ReleaseTestResults(lot: "LOT-1", sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5,
                           viabilityPercent: 92, carExpressionPercent: 50, vectorCopyNumberPerTransducedCell: 2.1,
                           replicationCompetentLentivirus: .notDetected, identity: .confirmed,
                           viableCellsPerMilliliter: 1.0e6, bagVolumeMilliliters: 100)
    }

    static func evaluate(_ r: ReleaseTestResults, weight: Double = 62.5) throws -> ReleaseEvaluation {
        try ReleaseEvaluation.evaluate(r, .fucaso, weightKilograms: weight, dose: ProductCatalogue.fucaso.dose)
    }

    static func verdict(_ e: ReleaseEvaluation, _ t: ReleaseTestKind) -> ReleaseVerdict? {
        e.tests.first { $0.test == t }?.verdict
    }

    @Test("a lot passing every test conforms")
    func conforming() throws {
        // setup
        let lot = Self.conformingLot()
        // MUT
        let e = try Self.evaluate(lot)
        // validate
        #expect(e.disposition == .conforming)
        #expect(e.tests.map(\.test) == ReleaseTestKind.allCases)
        #expect(e.tests.allSatisfy { $0.verdict == .pass })
        #expect(e.minimumDoseCells == 5.0e7)
        #expect(e.availableCARPositiveViableCells == 5.0e7)
    }

    @Test("viability exactly at 70 % passes; 69.9 % fails and makes the lot out of specification")
    func viabilityBoundary() throws {
        // setup
        var atLimit = Self.conformingLot(); atLimit.viabilityPercent = 70
        var below = Self.conformingLot(); below.viabilityPercent = 69.9
        // MUT
        let a = try Self.evaluate(atLimit), b = try Self.evaluate(below)
        // validate
        #expect(Self.verdict(a, .viability) == .pass)
        #expect(a.disposition == .conforming)
        #expect(Self.verdict(b, .viability) == .fail)
        #expect(b.disposition == .outOfSpecification)
        #expect(b.failedTests == [.viability])
        let row = try #require(b.tests.first { $0.test == .viability })
        #expect(row.limit == "≥ 70 %")
        #expect(row.measured == "69.9 %")
    }

    @Test("endotoxin 5.0 EU/mL passes, 5.01 fails; VCN 5 passes, 5.01 fails; CAR 20 % passes, 19.9 % fails")
    func upperAndLowerLimits() throws {
        // setup
        var e1 = Self.conformingLot(); e1.endotoxinEUPerMilliliter = 5.0
        var e2 = Self.conformingLot(); e2.endotoxinEUPerMilliliter = 5.01
        var v1 = Self.conformingLot(); v1.vectorCopyNumberPerTransducedCell = 5
        var v2 = Self.conformingLot(); v2.vectorCopyNumberPerTransducedCell = 5.01
        // CAR expression also feeds the dose: use a bigger bag so only the CAR limit is under test
        // (1.0 × 10⁶ × 19.9 % × 1000 mL = 1.99 × 10⁸ ≥ 5.0 × 10⁷).
        var c1 = Self.conformingLot(); c1.carExpressionPercent = 20; c1.bagVolumeMilliliters = 1000
        var c2 = Self.conformingLot(); c2.carExpressionPercent = 19.9; c2.bagVolumeMilliliters = 1000
        // MUT / validate
        #expect(Self.verdict(try Self.evaluate(e1), .endotoxin) == .pass)
        #expect(Self.verdict(try Self.evaluate(e2), .endotoxin) == .fail)
        #expect(Self.verdict(try Self.evaluate(v1), .vectorCopyNumber) == .pass)
        #expect(Self.verdict(try Self.evaluate(v2), .vectorCopyNumber) == .fail)
        #expect(Self.verdict(try Self.evaluate(c1), .carExpression) == .pass)
        #expect(try Self.evaluate(c2).failedTests == [.carExpression])
    }

    @Test("dose feasibility: exactly the minimum dose passes, 99.9 mL (4.995 × 10⁷ cells) fails")
    func doseFeasibility() throws {
        // setup
        var short = Self.conformingLot(); short.bagVolumeMilliliters = 99.9
        // heavier patient: 80 kg × 0.8 × 10⁶ = 6.4 × 10⁷ > 5.0 × 10⁷ available
        let heavy = Self.conformingLot()
        // MUT
        let s = try Self.evaluate(short), h = try Self.evaluate(heavy, weight: 80)
        // validate
        #expect(Self.verdict(s, .doseFeasibility) == .fail)
        #expect(s.disposition == .outOfSpecification)
        #expect(abs(s.availableCARPositiveViableCells! - 4.995e7) < 1)
        #expect(Self.verdict(h, .doseFeasibility) == .fail)
        #expect(h.minimumDoseCells == 6.4e7)
    }

    @Test("pending results make the lot incomplete; a failure with results pending is still out of specification")
    func pendingResults() throws {
        // setup
        var pending = Self.conformingLot(); pending.sterility = nil
        var failing = pending; failing.mycoplasma = .positive
        var noCount = Self.conformingLot(); noCount.viableCellsPerMilliliter = nil
        // MUT
        let p = try Self.evaluate(pending), f = try Self.evaluate(failing), n = try Self.evaluate(noCount)
        // validate
        #expect(p.disposition == .incomplete)
        #expect(p.pendingTests == [.sterility])
        #expect(f.disposition == .outOfSpecification)
        #expect(f.failedTests == [.mycoplasma])
        #expect(Self.verdict(n, .doseFeasibility) == .pending)
        #expect(n.availableCARPositiveViableCells == nil)
    }

    @Test("impossible results are refused naming each field")
    func invalidInput() {
        // setup
        var bad = Self.conformingLot()
        bad.viabilityPercent = 101
        bad.sterility = .confirmed
        bad.endotoxinEUPerMilliliter = -1
        // MUT / validate
        #expect {
            try Self.evaluate(bad)
        } throws: { error in
            guard let v = error as? ValidationFailure else { return false }
            return Set(v.errors.map(\.field)) == ["viabilityPercent", "sterility", "endotoxinEUPerMilliliter"]
        }
        #expect {
            try Self.evaluate(Self.conformingLot(), weight: 0)
        } throws: { error in
            (error as? ValidationFailure)?.errors.first?.field == "weightKg"
        }
    }

    @Test("the certificate of analysis lists every test with limit, result and verdict")
    func certificate() throws {
        // setup
        var lot = Self.conformingLot(); lot.replicationCompetentLentivirus = .detected
        let e = try Self.evaluate(lot)
        // MUT
        let coa = ReleaseCertificateOfAnalysis(evaluation: e, product: ProductCatalogue.fucaso, chainOfIdentity: CustodyFixture.coi)
        // validate
        #expect(coa.lot == "LOT-1")
        #expect(coa.productName == "FUCASO (equecabtagene autoleucel)")
        #expect(coa.chainOfIdentity == "CHX999926000001")
        #expect(coa.specificationVersion == "FUCASO-release-illustrative-1")
        #expect(coa.lines.count == 9)
        let rcl = try #require(coa.lines.first { $0.test == .replicationCompetentLentivirus })
        #expect(rcl.testName == "Replication-competent lentivirus")
        #expect(rcl.limit == "not detected")
        #expect(rcl.result == "detected")
        #expect(rcl.verdict == .fail)
        #expect(coa.overall == .outOfSpecification)
    }

    @Test("copies per transduced cell: 1.2 average copies at 40 % transduced is 3.0")
    func vcnPerTransducedCell() throws {
        // setup: 1.2 / 0.4 = 3.0 by hand
        // MUT
        let v = try #require(ReleaseSpecification.vectorCopiesPerTransducedCell(averagePerCell: 1.2, transducedFraction: 0.4))
        // validate
        #expect(abs(v - 3.0) < 1e-12)
        #expect(ReleaseSpecification.vectorCopiesPerTransducedCell(averagePerCell: 1.2, transducedFraction: 0) == nil)
    }
}
