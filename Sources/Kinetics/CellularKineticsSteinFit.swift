import RealModule

extension CellularKinetics {
    /// One qPCR result: day after infusion and transgene copies/µg genomic DNA. A value below
    /// the limit of detection (including 0, "not detected") is handled by `BelowLimitRule`.
    public struct SteinSample: Sendable, Equatable, Codable {
        public var day: Double
        public var copiesPerMicrogram: Double
        public init(day: Double, copiesPerMicrogram: Double) {
            self.day = day
            self.copiesPerMicrogram = copiesPerMicrogram
        }
    }

    /// How samples below the lower limit of detection (LLOD) enter the log10 least squares.
    public enum BelowLimitRule: String, Sendable, Equatable, Codable, CaseIterable {
        /// Censored (default): residual `max(0, log10(pred) − log10(LLOD))` — no penalty while
        /// the model predicts below the LLOD, the distance above it otherwise. The least-squares
        /// analogue of Beal's M3 (*J Pharmacokinet Pharmacodyn* 2001;28:481), without its
        /// likelihood weighting; unbiased when the truth is below the LLOD.
        case censored
        /// Substitute LLOD/2 and fit it as an observation (Beal's M5/M6 family). Simple but
        /// biases the terminal slope upward when many late samples are below the limit.
        case halfLimit
        /// Drop the sample (Beal's M1); biases the terminal phase toward persistence.
        case omit
    }

    /// Box bounds for the fit. Every parameter is mapped as
    /// `ln p = ln lo + (ln hi − ln lo)·σ(u)`, `σ` the logistic function, so the search is
    /// unconstrained in `u`, log-scaled, and never leaves `[lo, hi]`. `lo == hi` fixes a parameter.
    public struct SteinBounds: Sendable, Equatable, Codable {
        public var lower: SteinParameters
        public var upper: SteinParameters
        public init(lower: SteinParameters, upper: SteinParameters) {
            self.lower = lower
            self.upper = upper
        }

        /// foldx 1–10⁷, Tmax 1–60 d, Cmax 10⁻²–10⁸ copies/µg, α 0.02–10/d, β 10⁻⁶–0.02/d,
        /// FB 10⁻⁶–1. The α and β ranges do not overlap, which removes the label-switching
        /// symmetry (α, β, FB) ↔ (β, α, 1 − FB) of the biexponential.
        public static let standard = SteinBounds(
            lower: SteinParameters(foldExpansion: 1, tmax: 1, cmax: 1e-2, alpha: 0.02, beta: 1e-6, memoryFraction: 1e-6),
            upper: SteinParameters(foldExpansion: 1e7, tmax: 60, cmax: 1e8, alpha: 10, beta: 0.02, memoryFraction: 1))

        @usableFromInline var lowerVector: [Double] { SteinBounds.vector(lower) }
        @usableFromInline var upperVector: [Double] { SteinBounds.vector(upper) }

        @usableFromInline static func vector(_ p: SteinParameters) -> [Double] {
            [p.foldExpansion, p.tmax, p.cmax, p.alpha, p.beta, p.memoryFraction]
        }
        @usableFromInline static func parameters(_ v: [Double]) -> SteinParameters {
            SteinParameters(foldExpansion: v[0], tmax: v[1], cmax: v[2], alpha: v[3], beta: v[4], memoryFraction: v[5])
        }
    }

    public struct SteinFitSettings: Sendable, Equatable, Codable {
        /// Lower limit of detection, copies/µg (> 0).
        public var limitOfDetection: Double
        public var belowLimit: BelowLimitRule
        public var bounds: SteinBounds
        public var optimizer: LevenbergMarquardt.Settings

        public init(limitOfDetection: Double, belowLimit: BelowLimitRule = .censored,
                    bounds: SteinBounds = .standard, optimizer: LevenbergMarquardt.Settings = .init()) {
            self.limitOfDetection = limitOfDetection
            self.belowLimit = belowLimit
            self.bounds = bounds
            self.optimizer = optimizer
        }
    }

    public struct SteinFit: Sendable, Equatable, Codable {
        public var parameters: SteinParameters
        /// Σ residual² on the log10 scale, over the samples that enter the fit.
        public var sumOfSquares: Double
        /// `sqrt(SS / max(1, m − p))`, log10 units (`m` samples used, `p` free parameters).
        public var residualStandardError: Double
        public var samplesUsed: Int
        public var samplesBelowLimit: Int
        public var iterations: Int
        public var converged: Bool
    }

    /// Log10 residuals of `p` against `samples` (model − data), one per sample that enters
    /// under `settings.belowLimit` (`omit` drops below-limit samples).
    public static func steinResiduals(_ p: SteinParameters, _ samples: [SteinSample],
                                      settings: SteinFitSettings) -> [Double] {
        let logLimit = Double.log10(settings.limitOfDetection)
        var r: [Double] = []
        r.reserveCapacity(samples.count)
        for s in samples {
            let model = Double.log10(max(steinTransgene(at: s.day, p), .leastNormalMagnitude))
            if s.copiesPerMicrogram >= settings.limitOfDetection {
                r.append(model - Double.log10(s.copiesPerMicrogram))
            } else {
                switch settings.belowLimit {
                case .censored: r.append(max(0, model - logLimit))
                case .halfLimit: r.append(model - Double.log10(settings.limitOfDetection / 2))
                case .omit: break
                }
            }
        }
        return r
    }

    /// Fits the Stein 2019 model to one patient's transgene samples by least squares on
    /// log10(copies/µg) (Stein 2019 used a constant error model on the log scale), with
    /// Levenberg–Marquardt from several starts inside `settings.bounds`.
    ///
    /// Starts: a data-driven guess (Cmax and Tmax from the highest sample, ρ from the earliest
    /// sample before it, FB from the last sample above the limit) crossed with α ∈ {0.05, 0.2,
    /// 0.8}/d and β ∈ {0.001, 0.01}/d; the lowest sum of squares wins.
    ///
    /// - Domain: samples at days ≥ 0 with values ≥ 0; at least 4 samples at or above the LLOD,
    ///   including at least one after the highest one. For `Tmax` and `foldx` to be identifiable
    ///   two samples before the peak are needed; otherwise fix them through `bounds`.
    /// - Returns: the best fit; `converged` is false if every start hit the iteration limit.
    /// - Throws: `Failure.invalidParameter` for bad samples or settings,
    ///   `Failure.insufficientData`.
    public static func fitStein(_ samples: [SteinSample], settings: SteinFitSettings) throws(Failure) -> SteinFit {
        guard settings.limitOfDetection > 0, settings.limitOfDetection.isFinite else {
            throw .invalidParameter("limitOfDetection: must be finite and > 0, got \(settings.limitOfDetection)")
        }
        for (i, s) in samples.enumerated() {
            guard s.day >= 0, s.day.isFinite else { throw .invalidParameter("samples[\(i)].day: must be finite and ≥ 0, got \(s.day)") }
            guard s.copiesPerMicrogram >= 0, s.copiesPerMicrogram.isFinite else {
                throw .invalidParameter("samples[\(i)].copiesPerMicrogram: must be finite and ≥ 0, got \(s.copiesPerMicrogram)")
            }
        }
        let lo = settings.bounds.lowerVector, hi = settings.bounds.upperVector
        let names = ["foldExpansion", "tmax", "cmax", "alpha", "beta", "memoryFraction"]
        for k in 0 ..< 6 where !(lo[k] > 0 && lo[k] <= hi[k] && hi[k].isFinite) {
            throw .invalidParameter("bounds.\(names[k]): need 0 < lower ≤ upper < ∞, got [\(lo[k]), \(hi[k])]")
        }
        guard hi[5] <= 1, lo[0] >= 1 else { throw .invalidParameter("bounds: memoryFraction must be ≤ 1 and foldExpansion ≥ 1") }

        let detected = samples.filter { $0.copiesPerMicrogram >= settings.limitOfDetection }.sorted { $0.day < $1.day }
        guard detected.count >= 4 else {
            throw .insufficientData("samples: need ≥ 4 at or above the limit of detection, got \(detected.count)")
        }
        let peak = detected.max { $0.copiesPerMicrogram < $1.copiesPerMicrogram }!
        guard let last = detected.last, last.day > peak.day else {
            throw .insufficientData("samples: need a detected sample after the highest one")
        }

        // Free coordinates: only parameters with lo < hi.
        let free = (0 ..< 6).filter { lo[$0] < hi[$0] }
        let logLo = lo.map { Double.log($0) }, logSpan = (0 ..< 6).map { Double.log(hi[$0]) - Double.log(lo[$0]) }
        func decode(_ u: [Double]) -> SteinParameters {
            var v = lo
            for (k, idx) in free.enumerated() {
                let s = 1 / (1 + Double.exp(-u[k]))
                v[idx] = Double.exp(logLo[idx] + logSpan[idx] * s)
            }
            v[5] = min(v[5], 1)
            return SteinBounds.parameters(v)
        }
        func encode(_ p: SteinParameters) -> [Double] {
            let v = SteinBounds.vector(p)
            return free.map { idx in
                let s = min(max((Double.log(v[idx]) - logLo[idx]) / logSpan[idx], 1e-6), 1 - 1e-6)
                return Double.log(s / (1 - s))
            }
        }
        func clamp(_ x: Double, _ k: Int) -> Double { min(max(x, lo[k]), hi[k]) }

        // Data-driven guess.
        let tmax0 = clamp(max(peak.day, 1), 1)
        let cmax0 = clamp(peak.copiesPerMicrogram, 2)
        var fold0 = 1000.0
        if let early = detected.first(where: { $0.day < peak.day }), peak.day > early.day {
            let rho = Double.log(peak.copiesPerMicrogram / early.copiesPerMicrogram) / (peak.day - early.day)
            fold0 = Double.exp(min(rho * tmax0, 30))
        }
        fold0 = clamp(fold0, 0)
        var starts: [SteinParameters] = []
        for alpha in [0.05, 0.2, 0.8] {
            for beta in [0.001, 0.01] {
                let tau = last.day - tmax0
                let fb = last.copiesPerMicrogram / (cmax0 * Double.exp(-beta * tau))
                starts.append(SteinParameters(foldExpansion: fold0, tmax: tmax0, cmax: cmax0, alpha: clamp(alpha, 3),
                                              beta: clamp(beta, 4), memoryFraction: clamp(fb, 5)))
            }
        }

        var best: (fit: LevenbergMarquardt.Outcome, parameters: SteinParameters)? = nil
        for start in starts {
            guard let outcome = LevenbergMarquardt.minimize(from: encode(start), settings: settings.optimizer,
                                                            residuals: { steinResiduals(decode($0), samples, settings: settings) })
            else { continue }
            if best == nil || outcome.sumOfSquares < best!.fit.sumOfSquares {
                best = (outcome, decode(outcome.x))
            }
        }
        guard let best else { throw .insufficientData("samples: the model could not be evaluated at any start") }
        let used = steinResiduals(best.parameters, samples, settings: settings).count
        let below = samples.count - detected.count
        let dof = max(1, used - free.count)
        return SteinFit(parameters: best.parameters, sumOfSquares: best.fit.sumOfSquares,
                        residualStandardError: (best.fit.sumOfSquares / Double(dof)).squareRoot(),
                        samplesUsed: used, samplesBelowLimit: below, iterations: best.fit.iterations,
                        converged: best.fit.converged)
    }
}
