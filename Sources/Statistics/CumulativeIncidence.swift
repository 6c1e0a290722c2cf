import Foundation

/// Cumulative incidence of competing events by the Aalen–Johansen estimator, e.g. relapse
/// with death in remission as a competing risk.
///
/// Source: Aalen & Johansen (1978) Scand J Stat 5:141. With all-cause Kaplan–Meier S, at each
/// distinct time tⱼ with nⱼ at risk and d_kj events of cause k:
/// F_k(tⱼ) = F_k(tⱼ₋₁) + S(tⱼ₋₁)·d_kj/nⱼ; events precede censorings at tied times.
/// This equals R `survfit(Surv(time, factor(status)) ~ 1)$pstate` (survival 3.5).
///
/// Standard error: the infinitesimal-jackknife (IJ) variance that R reports for multi-state
/// curves (Efron 1982; Therneau, survival vignette "Multi-state models", §"Variance"):
/// Var F_k(t) = Σᵢ Uᵢ(t)², Uᵢ = ∂F_k(t)/∂wᵢ at unit case weights. Derived in closed form:
/// a subject leaving at index e contributes αᵢ + βᵢ·F_k(t) for t ≥ tₑ, with
/// αᵢ = [cause k]·S(tₑ₋₁)/nₑ − B(e) + [event]·F_k(tₑ)/(nₑ − dₑ) − H(e),
/// βᵢ = G(e) − [event]/(nₑ − dₑ), where B(q) = Σ_{j≤q} S(tⱼ₋₁)d_kj/nⱼ²,
/// G(q) = Σ_{j≤q} hⱼ/(nⱼ − dⱼ), H(q) = Σ_{j≤q} hⱼF_k(tⱼ)/(nⱼ − dⱼ), hⱼ = dⱼ/nⱼ; subjects
/// still at risk contribute −B + F_k·G − H. Running sums make the whole curve O(n log n).
public struct CumulativeIncidence: Sendable, Equatable, Codable {
    /// The estimate just after one distinct observed time.
    public struct Point: Sendable, Equatable, Codable {
        public let time: Double
        public let atRisk: Int
        /// Events of each cause at this time, indexed like ``CumulativeIncidence/causes``.
        public let events: [Int]
        public let censored: Int
        /// All-cause Kaplan–Meier survival (R's state "(s0)").
        public let eventFree: Double
        /// F_k per cause.
        public let incidence: [Double]
        /// IJ standard error of F_k per cause.
        public let standardError: [Double]
    }

    /// Cause codes, ascending (the factor levels other than censoring).
    public let causes: [Int]
    public let n: Int
    public let points: [Point]

    /// - Parameters:
    ///   - times: follow-up times (finite).
    ///   - causes: 0 for censoring, a positive code for the cause of the event.
    /// - Throws: length, value (negative cause, non-finite time) and empty-input errors.
    public init(times: [Double], causes status: [Int]) throws {
        let n = times.count
        guard status.count == n else { throw SurvivalStatisticsError.lengthMismatch(field: "causes", expected: n, actual: status.count) }
        guard n > 0 else { throw SurvivalStatisticsError.noObservations("cumulative incidence needs at least one subject") }
        for i in 0..<n {
            guard times[i].isFinite else { throw SurvivalStatisticsError.invalidValue(field: "time", index: i, value: "\(times[i])", expected: "a finite number") }
            guard status[i] >= 0 else { throw SurvivalStatisticsError.invalidValue(field: "causes", index: i, value: "\(status[i])", expected: "0 (censored) or a positive cause code") }
        }
        let causeCodes = Array(Set(status.filter { $0 > 0 })).sorted()
        let K = causeCodes.count
        let causeIndex = Dictionary(uniqueKeysWithValues: causeCodes.enumerated().map { ($1, $0) })
        let order = SurvivalOrdering.ascendingByTime(times)

        var points: [Point] = []
        var atRisk = n
        var survival = 1.0
        var incidence = [Double](repeating: 0, count: K)
        // Running sums of the IJ decomposition, per cause.
        var b = [Double](repeating: 0, count: K)
        var h = [Double](repeating: 0, count: K)
        var g = 0.0
        var sumAlpha2 = [Double](repeating: 0, count: K)
        var sumAlphaBeta = [Double](repeating: 0, count: K)
        var sumBeta2 = [Double](repeating: 0, count: K)
        var k = 0
        while k < n {
            let t = times[order[k]]
            var d = [Int](repeating: 0, count: K)
            var censored = 0
            while k < n, times[order[k]] == t {
                let s = status[order[k]]
                if s == 0 { censored += 1 } else { d[causeIndex[s]!] += 1 }
                k += 1
            }
            let dAll = d.reduce(0, +)
            let nj = Double(atRisk)
            let survivalBefore = survival
            let hj = Double(dAll) / nj
            let survivors = Double(atRisk - dAll)
            for c in 0..<K {
                incidence[c] += survivalBefore * Double(d[c]) / nj
                b[c] += survivalBefore * Double(d[c]) / (nj * nj)
            }
            survival *= 1 - hj
            if dAll > 0, survivors > 0 {
                g += hj / survivors
                for c in 0..<K { h[c] += hj * incidence[c] / survivors }
            }
            // Subjects leaving now: censored, and events of each cause.
            let eventTerm = survivors > 0 ? 1 / survivors : 0
            var se = [Double](repeating: 0, count: K)
            for c in 0..<K {
                let common = -b[c] - h[c]
                // censored: α = −B − H, β = G
                let add: (Double, Double, Double) -> Void = { alpha, beta, count in
                    sumAlpha2[c] += count * alpha * alpha
                    sumAlphaBeta[c] += count * alpha * beta
                    sumBeta2[c] += count * beta * beta
                }
                if censored > 0 { add(common, g, Double(censored)) }
                for e in 0..<K where d[e] > 0 {
                    let own = e == c ? survivalBefore / nj : 0
                    add(own + common + incidence[c] * eventTerm, g - eventTerm, Double(d[e]))
                }
                let f = incidence[c]
                let remaining = Double(atRisk - dAll - censored)
                let stay = -b[c] + f * g - h[c]
                let variance = sumAlpha2[c] + 2 * f * sumAlphaBeta[c] + f * f * sumBeta2[c] + remaining * stay * stay
                se[c] = max(variance, 0).squareRoot()
            }
            points.append(Point(time: t, atRisk: atRisk, events: d, censored: censored,
                                eventFree: survival, incidence: incidence, standardError: se))
            atRisk -= dAll + censored
        }
        self.causes = causeCodes
        self.n = n
        self.points = points
    }

    /// Pointwise confidence limits of F_k at a point, as R builds them for multi-state curves
    /// (`survfit_confint(logse = FALSE)`): the standard error is turned into SE(log F) = SE/F
    /// and the chosen ``SurvivalConfidenceType`` is applied to F (R's default `log`:
    /// F·exp(∓z·SE/F), upper clipped at 1). Undefined (nil) while F = 0.
    /// - Parameter causeIndex: index into ``causes``.
    public func confidenceInterval(_ point: Point, causeIndex: Int, type: SurvivalConfidenceType = .log,
                                   level: Double = 0.95) -> (lower: Double?, upper: Double?)
    {
        let f = point.incidence[causeIndex]
        let se = point.standardError[causeIndex]
        return type.interval(survival: f, logStandardError: se == 0 ? 0 : se / f, level: level)
    }
}
