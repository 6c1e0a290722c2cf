import Foundation

/// The linear-up log-down trapezoidal rule of non-compartmental analysis.
///
/// Source: the standard NCA convention (e.g. Gabrielsson J, Weiner D, *Pharmacokinetic and
/// Pharmacodynamic Data Analysis*, 5th ed., 2016, ch. 2; Phoenix WinNonlin "linear up/log down"):
/// rising or flat segments use the linear trapezoid; falling segments whose both ends are positive use
/// the log trapezoid, which is exact for a mono-exponential decline. A segment ending at 0 falls back to
/// the linear rule (the log of 0 is undefined).
public enum NCATrapezoid {
    /// Area under the segment from (t1, c1) to (t2, c2).
    ///
    /// - Precondition: `t2 ≥ t1`, concentrations ≥ 0.
    /// - Returns: `(c1 − c2)·(t2 − t1) / ln(c1/c2)` when `c2 < c1` and `c2 > 0`, else `(c1 + c2)/2·(t2 − t1)`.
    /// - Accuracy: when `c1/c2` is within 1e-12 of 1 the log form is ill-conditioned and the linear form,
    ///   equal to it to that order, is used.
    public static func area(t1: Double, c1: Double, t2: Double, c2: Double) -> Double {
        let dt = t2 - t1
        if c2 < c1, c2 > 0 {
            let logRatio = log(c1 / c2)
            if logRatio > 1e-12 { return (c1 - c2) * dt / logRatio }
        }
        return (c1 + c2) / 2 * dt
    }

    /// Concentration at `t` between (t1, c1) and (t2, c2), by the rule the area uses: log-linear on a
    /// falling segment with both ends positive, linear otherwise.
    ///
    /// - Precondition: `t1 ≤ t ≤ t2`, `t1 < t2`.
    public static func interpolate(at t: Double, t1: Double, c1: Double, t2: Double, c2: Double) -> Double {
        let fraction = (t - t1) / (t2 - t1)
        if c2 < c1, c2 > 0 { return c1 * exp(log(c2 / c1) * fraction) }
        return c1 + (c2 - c1) * fraction
    }

    /// Area from the first point to `end` under a profile of points in increasing time order.
    ///
    /// - Returns: `nil` when the profile is empty or ends before `end` (no extrapolation); otherwise the
    ///   area and `interpolatedEnd`, true when no point falls on `end` and its value came from
    ///   `interpolate`.
    public static func area(of points: [(t: Double, c: Double)], to end: Double) -> (area: Double, interpolatedEnd: Bool)? {
        guard let last = points.last, last.t >= end else { return nil }
        var total = 0.0
        for k in 1..<max(points.count, 1) {
            let (t1, c1) = points[k - 1]
            let (t2, c2) = points[k]
            if t1 >= end { break }
            if t2 <= end {
                total += area(t1: t1, c1: c1, t2: t2, c2: c2)
                if t2 == end { return (total, false) }
            } else {
                let cEnd = interpolate(at: end, t1: t1, c1: c1, t2: t2, c2: c2)
                total += area(t1: t1, c1: c1, t2: end, c2: cEnd)
                return (total, true)
            }
        }
        return (total, false)
    }
}
