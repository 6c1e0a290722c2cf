import Foundation

/// The scale on which a pointwise confidence interval for a survival probability is built,
/// as R `survfit(conf.type = …)`. `log` is R's default.
public enum SurvivalConfidenceType: String, Sendable, Codable, CaseIterable, Equatable {
    /// S ± z·SE(S), clipped to [0, 1].
    case plain
    /// exp(log S ± z·SE(log S)), upper limit clipped at 1 (R default).
    case log
    /// exp(−exp(log(−log S) ± z·SE(log S)/log S)) (Kalbfleisch & Prentice 1980).
    case logLog = "log-log"

    /// Pointwise interval for a survival probability `survival` whose log has standard error
    /// `logStandardError` (the Greenwood value √Σ d/(n(n−d))).
    ///
    /// Follows R `survival:::survfit_confint` with `logse = TRUE`:
    /// - `plain`: S ∓ z·S·σ, lower clipped at 0 and upper at 1.
    /// - `log`: S·exp(∓z·σ); undefined (nil) when S = 0; upper clipped at 1.
    /// - `log-log`: exp(−exp(log(−log S) ∓ z·σ/log S)); undefined when S is 0 or 1.
    /// Any limit that is NaN (e.g. σ = ∞ when every subject at risk died) is reported as nil.
    /// - Parameters:
    ///   - level: confidence level in (0, 1); z = Φ⁻¹(1 − (1 − level)/2).
    public func interval(survival s: Double, logStandardError sigma: Double, level: Double)
        -> (lower: Double?, upper: Double?)
    {
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        func finite(_ x: Double) -> Double? { x.isNaN ? nil : x }
        switch self {
        case .plain:
            let half = sigma * s * z
            if half.isNaN { return (nil, nil) }
            return (max(s - half, 0), min(s + half, 1))
        case .log:
            guard s > 0 else { return (nil, nil) }
            let ls = Foundation.log(s)
            return (finite(exp(ls - z * sigma)), finite(min(exp(ls + z * sigma), 1)))
        case .logLog:
            guard s > 0, s < 1 else { return (nil, nil) }
            let ls = Foundation.log(s)
            let half = z * sigma / ls
            let center = Foundation.log(-ls)
            return (finite(exp(-exp(center - half))), finite(exp(-exp(center + half))))
        }
    }
}
