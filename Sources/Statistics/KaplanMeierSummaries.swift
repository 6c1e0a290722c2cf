import Foundation

/// Kaplan–Meier survival read at a fixed landmark time, with its standard error and limits.
public struct SurvivalAtLandmark: Sendable, Equatable, Codable {
    public let time: Double
    /// Subjects still at risk at `time` (time ≥ landmark).
    public let atRisk: Int
    public let survival: Double
    /// SE(S), Greenwood; nil when S = 0.
    public let standardError: Double?
    public let lower: Double?
    public let upper: Double?
}

/// Restricted mean survival time up to a horizon τ, with standard error.
public struct RestrictedMeanSurvival: Sendable, Equatable, Codable {
    public let horizon: Double
    public let estimate: Double
    public let standardError: Double
}

extension KaplanMeierCurve {
    /// S(t) at a landmark time, as R `summary(fit, times = t)`.
    ///
    /// The value is that of the last point with time ≤ t (S = 1, SE = 0 before the first
    /// time); the number at risk counts subjects with time ≥ t. Returns nil when t is after
    /// the last observed time (R drops such times unless `extend = TRUE`).
    public func survival(at t: Double, type: SurvivalConfidenceType = .log, level: Double = 0.95)
        -> SurvivalAtLandmark?
    {
        guard t <= lastTime else { return nil }
        let index = lastIndex(atOrBefore: t)
        let next = index.map { $0 + 1 } ?? 0
        let atRisk = next < points.count ? points[next].atRisk : 0
        let atRiskHere = index.flatMap { points[$0].time == t ? points[$0].atRisk : nil } ?? atRisk
        let s = index.map { points[$0].survival } ?? 1
        let logSE = index.map { points[$0].logStandardError } ?? 0
        let ci = type.interval(survival: s, logStandardError: logSE, level: level)
        let se = s * logSE
        return SurvivalAtLandmark(time: t, atRisk: atRiskHere, survival: s,
                                  standardError: se.isNaN ? nil : se, lower: ci.lower, upper: ci.upper)
    }

    /// Restricted mean survival time ∫₀^τ S(t) dt and its standard error, as R
    /// `print(survfit, rmean = τ)` (survival 3.5, `survmean`).
    ///
    /// Formula: the area is Σ rectangles from ``startTime`` to τ under the step function
    /// (S flat at its last value if τ is beyond the last time). Variance
    /// (Klein & Moeschberger 2003, eq. 4.5.2): Σ_{tᵢ ≤ τ} A(tᵢ, τ)² · dᵢ/(nᵢ(nᵢ − dᵢ)),
    /// where A(tᵢ, τ) is the area under S between tᵢ and τ; terms with nᵢ = dᵢ contribute 0,
    /// as in R. Like R, the reported mean is ``startTime`` + area (identical to the area for
    /// non-negative times).
    public func restrictedMean(upTo horizon: Double) -> RestrictedMeanSurvival {
        var area = 0.0
        var previousTime = startTime
        var previousSurvival = 1.0
        // (hazard-variance term, area accumulated before this time) for each event time ≤ τ.
        var terms: [(h: Double, areaBefore: Double)] = []
        for p in points where p.time <= horizon {
            area += (p.time - previousTime) * previousSurvival
            if p.events > 0, p.atRisk > p.events {
                terms.append((Double(p.events) / (Double(p.atRisk) * Double(p.atRisk - p.events)), area))
            }
            previousTime = p.time
            previousSurvival = p.survival
        }
        area += (horizon - previousTime) * previousSurvival
        var variance = 0.0
        for term in terms {
            let tail = area - term.areaBefore
            variance += tail * tail * term.h
        }
        return RestrictedMeanSurvival(horizon: horizon, estimate: area + startTime,
                                      standardError: variance.squareRoot())
    }

    /// Median follow-up by the reverse Kaplan–Meier method (Schemper & Smith 1996, Control
    /// Clin Trials 17:343): the Kaplan–Meier median of the censoring distribution, obtained by
    /// swapping event and censoring indicators (R: `survfit(Surv(time, 1 - status) ~ 1)`).
    /// At tied times the swapped events (original censorings) again precede the swapped
    /// censorings, exactly as R treats the swapped data.
    public static func medianFollowUp(times: [Double], events: [Bool], type: SurvivalConfidenceType = .log,
                                      level: Double = 0.95) throws -> SurvivalQuantile
    {
        try KaplanMeierCurve(times: times, events: events.map { !$0 }).median(type: type, level: level)
    }
}
