import Foundation
import Testing
@testable import CartographCore

@Suite("Dose")
struct DoseTests {
    let fucaso = ProductCatalogue.fucaso.dose      // 1.0e6/kg, 0.8e6…1.2e6/kg, 30…150 kg, no total cap
    let ball = ProductCatalogue.dualCD19CD22.dose  // 2.0e6/kg, 1.5e6…2.5e6/kg, 40…200 kg, cap 2.0e8

    func codes(_ d: DoseCalculation) -> Set<DoseCalculation.Flag.Code> { Set(d.flags.map(\.code)) }

    @Test("70 kg FUCASO: 7.0e7 cells, range 5.6e7–8.4e7")
    func targetFromWeight() throws {
        // MUT
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: 70)
        // validate: 70 × 1.0e6 = 7.0e7; 70 × 0.8e6 = 5.6e7; 70 × 1.2e6 = 8.4e7
        #expect(approximatelyEqual(d.targetCells, 7.0e7))
        #expect(approximatelyEqual(d.minimumCells, 5.6e7))
        #expect(approximatelyEqual(d.maximumCells, 8.4e7))
        #expect(d.weightKilograms == 70)
        #expect(d.volumeMilliliters == nil && d.cellsAvailable == nil)
        #expect(d.flags.isEmpty)
    }

    @Test("Volume from concentration × CAR+ fraction")
    func volume() throws {
        // setup: 5.0e7 viable cells/mL × 0.40 CAR+ = 2.0e7 CAR-T cells/mL; bag 50 mL
        let bag = ProductCharacterisation(viableCellsPerMilliliter: 5.0e7, carPositiveFraction: 0.40, bagVolumeMilliliters: 50)
        // MUT
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: bag)
        // validate: 7.0e7 ÷ 2.0e7 = 3.5 mL; the bag holds 2.0e7 × 50 = 1.0e9 cells
        #expect(approximatelyEqual(try #require(d.volumeMilliliters), 3.5))
        #expect(approximatelyEqual(try #require(d.cellsAvailable), 1.0e9))
        #expect(d.flags.isEmpty)
    }

    @Test("Volume for an 82 kg patient, concentration 3.3e7/mL, 55 % CAR+")
    func volumeSecondCase() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // 82 × 1.0e6 = 8.2e7; 3.3e7 × 0.55 = 1.815e7/mL; 8.2e7 ÷ 1.815e7 = 4.517906… mL (8200 ÷ 1815)
        let bag = ProductCharacterisation(viableCellsPerMilliliter: 3.3e7, carPositiveFraction: 0.55, bagVolumeMilliliters: 20)
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: 82, product: bag)
        #expect(approximatelyEqual(try #require(d.volumeMilliliters), 8200.0 / 1815.0))
        #expect(abs(try #require(d.volumeMilliliters) - 4.5179) < 1e-4)
        #expect(approximatelyEqual(try #require(d.cellsAvailable), 3.63e8))   // 1.815e7 × 20
    }

    @Test(arguments: [0.0, -5.0, Double.nan, Double.infinity, 500.1])
    func impossibleWeightIsAnError(weight: Double) {
        // setup inline; MUT and validate: each #expect below calls the code under test
        #expect(failingFields { _ = try DoseCalculator.calculate(fucaso, weightKilograms: weight) } == ["weightKg"])
    }

    @Test func weightAt500IsAccepted() {
        #expect(failingFields { _ = try DoseCalculator.calculate(fucaso, weightKilograms: 500) } == nil)
    }

    @Test(arguments: [0.0, 1.2, -0.1, Double.nan])
    func impossibleCARFractionIsAnError(fraction: Double) {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let bag = ProductCharacterisation(viableCellsPerMilliliter: 5.0e7, carPositiveFraction: fraction, bagVolumeMilliliters: 50)
        #expect(failingFields { _ = try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: bag) } == ["carPositiveFraction"])
    }

    @Test func everyBadFieldIsNamedAtOnce() {
        let bag = ProductCharacterisation(viableCellsPerMilliliter: 0, carPositiveFraction: 1.2, bagVolumeMilliliters: -1)
        let fields = failingFields { _ = try DoseCalculator.calculate(fucaso, weightKilograms: 0, product: bag) }
        #expect(Set(fields ?? []) == ["weightKg", "viableCellsPerMilliliter", "carPositiveFraction", "bagVolumeMilliliters"])
        // a fraction of exactly 1 is possible
        let pure = ProductCharacterisation(viableCellsPerMilliliter: 5.0e7, carPositiveFraction: 1.0, bagVolumeMilliliters: 50)
        #expect(failingFields { _ = try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: pure) } == nil)
    }

    @Test("A bag below the minimum dose is flagged; exactly the minimum is not")
    func bagBelowMinimum() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // 1.0e6/mL × 0.5 = 5.0e5 CAR-T/mL × 100 mL = 5.0e7 < 5.6e7 (70 kg minimum);
        // the target needs 7.0e7 ÷ 5.0e5 = 140 mL > 100 mL
        let short = ProductCharacterisation(viableCellsPerMilliliter: 1.0e6, carPositiveFraction: 0.5, bagVolumeMilliliters: 100)
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: short)
        #expect(codes(d) == [.productBelowMinimumDose, .volumeExceedsBag])
        #expect(approximatelyEqual(try #require(d.volumeMilliliters), 140))
        // 1.12e6/mL × 0.5 = 5.6e5/mL × 100 mL = 5.6e7 = the minimum: only the volume (125 mL) is flagged
        let exact = ProductCharacterisation(viableCellsPerMilliliter: 1.12e6, carPositiveFraction: 0.5, bagVolumeMilliliters: 100)
        #expect(codes(try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: exact)) == [.volumeExceedsBag])
    }

    @Test("A target volume larger than the bag is flagged; exactly the bag is not")
    func volumeExceedsBag() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // 1.2e6 × 0.5 = 6.0e5/mL; 7.0e7 ÷ 6.0e5 = 116.7 mL > 100 mL; the bag's 6.0e7 cells meet the 5.6e7 minimum
        let big = ProductCharacterisation(viableCellsPerMilliliter: 1.2e6, carPositiveFraction: 0.5, bagVolumeMilliliters: 100)
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: big)
        #expect(codes(d) == [.volumeExceedsBag])
        #expect(d.flags.first?.message.contains("116.7") == true)
        // 1.4e6 × 0.5 = 7.0e5/mL; 7.0e7 ÷ 7.0e5 = 100 mL, exactly the bag
        let full = ProductCharacterisation(viableCellsPerMilliliter: 1.4e6, carPositiveFraction: 0.5, bagVolumeMilliliters: 100)
        #expect(try DoseCalculator.calculate(fucaso, weightKilograms: 70, product: full).flags.isEmpty)
    }

    @Test("Weight outside 30–150 kg is flagged for FUCASO; the ends are inside", arguments: [
        (29.9, true), (30.0, false), (150.0, false), (150.1, true),
    ])
    func weightOutsideDosingRange(weight: Double, flagged: Bool) throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let d = try DoseCalculator.calculate(fucaso, weightKilograms: weight)
        #expect(codes(d).contains(.weightOutsideDosingRange) == flagged)
        #expect(approximatelyEqual(d.targetCells, weight * 1.0e6))   // still computed, for review
    }

    @Test("B-ALL total dose cap 2.0e8: 100 kg is at the cap, 101 kg is capped")
    func totalDoseCap() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // 100 × 2.0e6 = 2.0e8 = cap → not capped; range 1.5e8…2.5e8
        let at = try DoseCalculator.calculate(ball, weightKilograms: 100)
        #expect(approximatelyEqual(at.targetCells, 2.0e8))
        #expect(approximatelyEqual(at.minimumCells, 1.5e8))
        #expect(approximatelyEqual(at.maximumCells, 2.5e8))
        #expect(at.flags.isEmpty)
        // 101 × 2.0e6 = 2.02e8 > cap → 2.0e8; maximum min(2.525e8, 2.0e8) = 2.0e8; minimum 101 × 1.5e6 = 1.515e8
        let over = try DoseCalculator.calculate(ball, weightKilograms: 101)
        #expect(approximatelyEqual(over.targetCells, 2.0e8))
        #expect(approximatelyEqual(over.maximumCells, 2.0e8))
        #expect(approximatelyEqual(over.minimumCells, 1.515e8))
        #expect(codes(over) == [.totalDoseCapped])
        // 39 kg is below the B-ALL rule's 40 kg
        #expect(codes(try DoseCalculator.calculate(ball, weightKilograms: 39)) == [.weightOutsideDosingRange])
    }

    @Test func scientificNotation() {
        #expect(scientific(7.0e7) == "7.00 × 10⁷")
        #expect(scientific(5.6e7) == "5.60 × 10⁷")
        #expect(scientific(2.5e-3, digits: 1) == "2.5 × 10⁻³")
    }
}
