import Foundation

/// The cells a patient receives in the single infusion, and the volume that carries them.
public struct DoseCalculation: Sendable, Hashable, Codable {
    public struct Flag: Sendable, Hashable, Codable {
        public enum Code: String, Sendable, Hashable, Codable {
            case weightOutsideDosingRange, totalDoseCapped, productBelowMinimumDose, volumeExceedsBag
        }
        public var code: Code
        public var message: String
    }
    public var weightKilograms: Double
    /// Target CAR-positive viable T cells: weight × dose per kg, capped at the profile's total maximum.
    public var targetCells: Double
    public var minimumCells: Double
    public var maximumCells: Double
    /// Millilitres of product that hold the target dose, when the product is characterised.
    public var volumeMilliliters: Double?
    /// CAR-positive viable cells the whole bag holds.
    public var cellsAvailable: Double?
    public var flags: [Flag]
}

/// The characterised product in the bag, from the certificate of analysis.
public struct ProductCharacterisation: Sendable, Hashable, Codable {
    /// Viable nucleated cells per millilitre.
    public var viableCellsPerMilliliter: Double
    /// Fraction of viable cells that express the CAR (0 < f ≤ 1).
    public var carPositiveFraction: Double
    /// Volume of product in the bag.
    public var bagVolumeMilliliters: Double
    public init(viableCellsPerMilliliter: Double, carPositiveFraction: Double, bagVolumeMilliliters: Double) {
        self.viableCellsPerMilliliter = viableCellsPerMilliliter
        self.carPositiveFraction = carPositiveFraction
        self.bagVolumeMilliliters = bagVolumeMilliliters
    }
}

public enum DoseCalculator {
    /// Plausibility bound for a product's viable cell concentration (cells per mL).
    public static let maximumCellsPerMilliliter = 1e10
    /// Plausibility bound for the CAR-positive fraction of viable cells (0.1 %).
    public static let minimumCARPositiveFraction = 0.001
    /// Plausibility bound for the volume in one bag (mL).
    public static let maximumBagMilliliters = 1000.0

    /// Computes the dose for a patient of `weightKilograms`.
    ///
    /// target = weight × dose per kg (capped at `maximumTotalCells` when the profile has one);
    /// CAR-T cells per mL = viable cells per mL × CAR-positive fraction; volume = target ÷ that.
    /// Throws a `ValidationFailure` naming the field for impossible input (weight ≤ 0 or above 500 kg,
    /// non-positive concentration or volume, a CAR fraction outside (0, 1]); flags, without throwing,
    /// what a pharmacist must review: a weight outside the dosing rule's range, a capped dose, a bag
    /// that cannot meet the minimum dose, a volume larger than the bag.
    public static func calculate(_ spec: DoseSpecification, weightKilograms weight: Double,
                                 product: ProductCharacterisation? = nil) throws -> DoseCalculation {
        var c = FieldErrorCollector()
        c.require(weight.isFinite && weight > 0 && weight <= 500, "weightKg", "must be more than 0 and at most 500 kg, got \(formatted(weight))")
        if let p = product {
            // Bounds far outside any real product (packed cells are about 10⁹ per mL, CAR-T bags hold
            // 10–250 mL, CAR-positive fractions are tens of percent), so a typing slip is named instead
            // of overflowing or underflowing the arithmetic to infinity.
            c.require(p.viableCellsPerMilliliter.isFinite && p.viableCellsPerMilliliter >= 1 && p.viableCellsPerMilliliter <= Self.maximumCellsPerMilliliter,
                      "viableCellsPerMilliliter", "must be at least 1 and at most \(scientific(Self.maximumCellsPerMilliliter)) per mL")
            c.require(p.carPositiveFraction >= Self.minimumCARPositiveFraction && p.carPositiveFraction <= 1, "carPositiveFraction",
                      "must be at least \(Self.minimumCARPositiveFraction) and at most 1, got \(p.carPositiveFraction)")
            c.require(p.bagVolumeMilliliters.isFinite && p.bagVolumeMilliliters > 0 && p.bagVolumeMilliliters <= Self.maximumBagMilliliters,
                      "bagVolumeMilliliters", "must be more than 0 and at most \(formatted(Self.maximumBagMilliliters)) mL")
        }
        try c.throwIfAny()

        var flags: [DoseCalculation.Flag] = []
        if !spec.weightRangeKilograms.contains(weight) {
            flags.append(.init(code: .weightOutsideDosingRange,
                               message: "weight \(formatted(weight)) kg is outside the dosing rule's range \(formatted(spec.weightRangeKilograms.lowerBound))–\(formatted(spec.weightRangeKilograms.upperBound)) kg"))
        }
        var target = weight * spec.cellsPerKilogram
        var minimum = weight * spec.minimumCellsPerKilogram
        var maximum = weight * spec.maximumCellsPerKilogram
        if let cap = spec.maximumTotalCells, target > cap {
            flags.append(.init(code: .totalDoseCapped, message: "dose capped at \(scientific(cap)) cells (label maximum)"))
            target = cap; maximum = min(maximum, cap); minimum = min(minimum, cap)
        }
        var volume: Double?
        var available: Double?
        if let p = product {
            let perML = p.viableCellsPerMilliliter * p.carPositiveFraction
            available = perML * p.bagVolumeMilliliters
            volume = target / perML
            if available! < minimum {
                flags.append(.init(code: .productBelowMinimumDose,
                                   message: "the bag holds \(scientific(available!)) CAR-T cells, below the minimum dose of \(scientific(minimum))"))
            }
            if volume! > p.bagVolumeMilliliters {
                flags.append(.init(code: .volumeExceedsBag,
                                   message: "the target dose needs \(String(format: "%.1f", volume!)) mL; the bag holds \(formatted(p.bagVolumeMilliliters)) mL"))
            }
        }
        return DoseCalculation(weightKilograms: weight, targetCells: target, minimumCells: minimum, maximumCells: maximum,
                               volumeMilliliters: volume, cellsAvailable: available, flags: flags)
    }
}

/// `1.23 × 10⁸`: how cell counts are written on orders and labels.
public func scientific(_ x: Double, digits: Int = 2) -> String {
    guard x.isFinite, x != 0 else { return formatted(x) }
    let exponent = Int(floor(log10(abs(x))))
    let mantissa = x / pow(10, Double(exponent))
    let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
    let exp = String(String(exponent).map { superscripts[$0] ?? $0 })
    return String(format: "%.\(digits)f", mantissa) + " × 10" + exp
}
