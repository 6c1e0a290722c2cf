import Foundation

/// A survival-time quantile with its confidence limits.
public struct SurvivalQuantile: Sendable, Equatable, Codable {
    /// The probability of the event by this time (0.5 for the median).
    public let probability: Double
    /// nil when the curve never reaches 1 − probability ("not reached").
    public let estimate: Double?
    public let lower: Double?
    public let upper: Double?
}

extension KaplanMeierCurve {
    /// The time by which a fraction `probability` of subjects have had the event, with the
    /// confidence limits read off the pointwise confidence curves (Brookmeyer & Crowley 1982
    /// as implemented by R's `quantile.survfit`, survival 3.5).
    ///
    /// Rule (R's, reimplemented from its documented behaviour): let F = 1 − S over the points
    /// (0 at ``startTime``), keep the first time each distinct value of F is reached, and
    /// tol = √ε ≈ 1.49e-8.
    /// - The quantile is the first time with F ≥ p − tol, averaged with the first time with
    ///   F ≥ p + tol: so a curve sitting exactly on 1 − p over a flat stretch gives the
    ///   midpoint of that stretch (the classic median rule), otherwise the time of the drop.
    /// - If the curve ends exactly at 1 − p, the stretch ends at the last observed time.
    /// - If F never reaches p, the quantile is nil ("not reached").
    /// - The lower limit applies the same rule to the lower confidence curve, the upper limit
    ///   to the upper one; points where a curve is undefined are ignored. When a confidence
    ///   curve is not monotone the value chosen is, as in R, the time of the smallest F ≥ target.
    ///
    /// Note: `print(survfit)` uses a slightly different rule only when the curve ends exactly
    /// at 0.5 (it then reports the time of reaching 0.5, not the midpoint to the last time).
    /// - Parameters:
    ///   - probability: p in (0, 1).
    public func quantile(_ probability: Double, type: SurvivalConfidenceType = .log, level: Double = 0.95)
        -> SurvivalQuantile
    {
        let times = points.map(\.time)
        let lowerCurve = points.map { confidenceInterval($0, type: type, level: level).lower }
        let upperCurve = points.map { confidenceInterval($0, type: type, level: level).upper }
        return SurvivalQuantile(
            probability: probability,
            estimate: Self.readQuantile(times: times, survival: points.map { Optional($0.survival) },
                                        probability: probability, start: startTime),
            lower: Self.readQuantile(times: times, survival: lowerCurve, probability: probability, start: startTime),
            upper: Self.readQuantile(times: times, survival: upperCurve, probability: probability, start: startTime))
    }

    /// The median survival time with confidence limits (``quantile(_:type:level:)`` at 0.5).
    public func median(type: SurvivalConfidenceType = .log, level: Double = 0.95) -> SurvivalQuantile {
        quantile(0.5, type: type, level: level)
    }

    /// The quantile rule of ``quantile(_:type:level:)`` applied to one curve.
    static func readQuantile(times: [Double], survival: [Double?], probability p: Double, start: Double) -> Double? {
        let tol = Double.ulpOfOne.squareRoot()
        let lastTime = times.last ?? start
        // F = 1 − S with the starting point prepended; keep the first occurrence of each value
        // (an undefined value counts as one value of its own).
        var xs: [Double] = [start]
        var ys: [Double?] = [0]
        var seen = Set<Double>([0])
        var seenUndefined = false
        for (t, s) in zip(times, survival) {
            if let s {
                let f = 1 - s
                if seen.insert(f).inserted { xs.append(t); ys.append(f) }
            } else if !seenUndefined {
                seenUndefined = true
                xs.append(t); ys.append(nil)
            }
        }
        let defined = zip(xs, ys).compactMap { x, y in y.map { (f: $0, time: x) } }
        guard let maxF = defined.map(\.f).max(), maxF >= p else { return nil }
        let sorted = defined.sorted { $0.f < $1.f }
        // Time of the smallest F + shift ≥ p, nil when p is outside [min, max] of F + shift.
        func firstAtOrAbove(shift: Double) -> Double? {
            guard let first = sorted.first, let last = sorted.last,
                  p >= first.f + shift, p <= last.f + shift else { return nil }
            return sorted.first { $0.f + shift >= p }?.time
        }
        let early = firstAtOrAbove(shift: tol)
        let late = firstAtOrAbove(shift: -tol)
        if let lastF = ys.last ?? nil, abs(p - lastF) < tol {
            return early.map { ($0 + lastTime) / 2 }
        }
        guard let early, let late else { return nil }
        return (early + late) / 2
    }
}
