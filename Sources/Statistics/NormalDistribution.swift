import Foundation
import RealModule

/// The standard normal distribution: distribution function, tails and quantile, used for
/// survival confidence limits and Wald p-values.
///
/// Source: Φ(x) = ½·erfc(−x/√2) (Abramowitz & Stegun 1964, 26.2.29); `erfc` is the
/// correctly rounded-to-a-few-ulps implementation of the platform math library reached
/// through swift-numerics, so tails stay accurate to ~1e-15 relative down to 1e-300.
public enum NormalDistribution {
    /// Φ(x) = P(Z ≤ x) for Z ~ N(0, 1).
    ///
    /// Domain: all of `Double`; ±∞ give 1 and 0, NaN gives NaN.
    /// Accuracy: ~1e-15 relative (both tails computed from `erfc`, no cancellation).
    public static func cdf(_ x: Double) -> Double {
        0.5 * Double.erfc(-x / 2.0.squareRoot())
    }

    /// 1 − Φ(x) = P(Z > x), computed without cancellation for large x.
    public static func upperTail(_ x: Double) -> Double {
        0.5 * Double.erfc(x / 2.0.squareRoot())
    }

    /// Two-sided p-value 2·P(Z > |z|) for a Wald statistic z.
    ///
    /// Edge cases: NaN gives NaN; ±∞ gives 0.
    public static func twoSidedPValue(_ z: Double) -> Double {
        Double.erfc(abs(z) / 2.0.squareRoot())
    }

    /// Φ⁻¹(p), the quantile function (R's `qnorm(p)`).
    ///
    /// Method: starting value from Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4), then
    /// Halley iterations on the tail that contains p, using the accurate `erfc`, until the
    /// correction is below 1e-16 relative. Accuracy ~1e-15 relative for p in [1e-300, 1−1e-16].
    /// Domain: p in [0, 1]; p = 0 → −∞, p = 1 → +∞; outside or NaN → NaN.
    public static func quantile(_ p: Double) -> Double {
        guard p.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // Work with the smaller tail q = min(p, 1−p) so that the target is never a number
        // near 1 that has lost its significant digits.
        let lower = p < 0.5
        let q = lower ? p : 1 - p
        let t = (-2 * Double.log(q)).squareRoot()
        var x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        // x > 0 solves upperTail(x) = q.
        for _ in 0..<50 {
            let f = upperTail(x) - q
            let density = Double.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            guard density > 0 else { break }
            // Halley's method for g(x) = upperTail(x) − q, with g' = −φ, g'' = xφ.
            let newton = f / density
            let step = newton / (1 - 0.5 * x * newton)
            x += step
            if abs(step) <= 1e-16 * max(1, abs(x)) { break }
        }
        return lower ? -x : x
    }
}
