import CartographCore
import Foundation

/// Deterministic random streams for one virtual patient.
///
/// A patient's numbers depend only on `(seed, index, stream)`: never on the thread that simulates it,
/// on the cohort size or on other patients, so patient 17 of seed 42 is the same in a 109-patient
/// trial and in a 100,000-patient benchmark. Separate streams keep covariates fixed when, for example,
/// the assay-noise model draws one more number.
///
/// The stream seed is SplitMix64's finaliser applied to a mix of the three integers (Steele, Lea &
/// Flood, OOPSLA 2014), and the stream itself is `SeededRandom` (SplitMix64).
public struct VirtualPatientRandom: RandomNumberGenerator, Sendable {
    /// What a stream is used for.
    public enum Stream: UInt64, Sendable, CaseIterable {
        case covariates = 1, variability = 2, enrolment = 3, assays = 4, bedside = 5, followUp = 6, visitWindows = 7
    }

    private var generator: SeededRandom

    public init(seed: UInt64, index: Int, stream: Stream) {
        var z = seed &* 0x9E37_79B9_7F4A_7C15
        z ^= UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
        z ^= stream.rawValue &* 0x8CB9_2BA7_2F3D_8DD7
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        generator = SeededRandom(seed: z ^ (z >> 31))
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// Uniform on the open interval (0, 1) (never exactly 0, so `log` is safe).
    public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

    /// Standard normal by the Box–Muller transform (one of the pair is used; simple and exact).
    public mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `median · exp(ω·z)`: a log-normal draw with the given median and log-SD.
    public mutating func logNormal(median: Double, omega: Double) -> Double { median * exp(omega * normal()) }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// A normal draw `mean + sd·z` redrawn until it falls in `range` (at most 100 tries, then clamped).
    public mutating func truncatedNormal(mean: Double, sd: Double, in range: ClosedRange<Double>) -> Double {
        for _ in 0..<100 {
            let v = mean + sd * normal()
            if range.contains(v) { return v }
        }
        return min(max(mean, range.lowerBound), range.upperBound)
    }
}
