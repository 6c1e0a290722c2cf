import Foundation
import PropertyBased
import Testing
@testable import CartographCore

/// The dose calculator at the extremes of its inputs: whatever numbers arrive (zero, negative, tiny,
/// huge, infinite, NaN), it either names the bad field or returns finite numbers that JSON can carry.
@Suite("Dose at extreme inputs")
struct DoseExtremesPropertyTests {
    static let extremes: [Double] = [0, -1, 1e-300, 1e-9, 0.5, 1, 70, 150, 500, 500.0001, 1e6, 1e9, 1e10, 1.0000001e10,
                                     1e15, 1e300, 1e308, .greatestFiniteMagnitude, .infinity, -.infinity, .nan]

    @Test("any weight, concentration, fraction and volume: a named field error or finite, encodable figures")
    func finiteOrRefused() async {
        let pick = Gen.int(in: 0...(Self.extremes.count - 1))
        await propertyCheck(count: 2000, input: pick, pick, pick, pick) { w, c, f, v in
            let product = ProductCharacterisation(viableCellsPerMilliliter: Self.extremes[c], carPositiveFraction: Self.extremes[f],
                                                  bagVolumeMilliliters: Self.extremes[v])
            for spec in [ProductCatalogue.fucaso.dose, ProductCatalogue.dualCD19CD22.dose] {
                do {
                    let dose = try DoseCalculator.calculate(spec, weightKilograms: Self.extremes[w], product: product)
                    let encoder = JSONEncoder()
                    encoder.nonConformingFloatEncodingStrategy = .throw
                    #expect(throws: Never.self) { try encoder.encode(dose) }
                } catch let failure as ValidationFailure {
                    #expect(!failure.errors.isEmpty)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }

    @Test("1e308 cells per mL is refused naming the field")
    func hugeConcentration() {
        let product = ProductCharacterisation(viableCellsPerMilliliter: 1e308, carPositiveFraction: 1, bagVolumeMilliliters: 1e308)
        do {
            _ = try DoseCalculator.calculate(ProductCatalogue.fucaso.dose, weightKilograms: 70, product: product)
            Issue.record("accepted 1e308 cells per mL")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.errors.map(\.field)) == ["viableCellsPerMilliliter", "bagVolumeMilliliters"])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
