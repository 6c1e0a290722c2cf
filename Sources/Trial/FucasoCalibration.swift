import CartographCore
import Foundation
import Outcomes

/// Calibration of `FucasoModelParameters` to the FUMANBA-1 calibration set (method `FUCASO-CAL-1`).
///
/// Method (reproducible: fixed seed, common random numbers, deterministic optimiser):
/// 1. A virtual cohort of R × 109 patients (seed `seed`) is simulated, recorded and derived through
///    the engines; each consecutive block of 109 patients is one replicate trial (patients are
///    independent and identically distributed, so blocks are replicate trials), summarised by
///    `CohortReport`. A figure's simulated value is its mean over the R replicate trials.
/// 2. Efficacy and kinetics (every figure but CRS and ICANS): weighted least squares on the
///    standardised residuals z = (simulated − published) / (interval width / 3.92), i.e. the residual in
///    units of the published figure's standard error, plus a weak prior keeping each parameter within
///    about a factor of 10 of its pre-calibration value: Σ (Δ ln θ / ln 10)². Minimised over the natural
///    logarithms of `efficacyParameters` by Nelder–Mead (`FucasoNelderMead`), parameters clamped to
///    their bounds. Common random numbers make the objective a deterministic function of θ.
/// 3. Safety (CRS and ICANS do not feed back on efficacy in the model): each threshold is then solved
///    on its own by bisection in log space so that the replicate mean matches the published rate
///    (fever threshold → CRS any grade; grade-3 multiple → CRS ≥ 3; neurotoxicity threshold → ICANS).
/// The long-term figures held out of the calibration set (median PFS, OS, median duration of MRD
/// negativity) appear nowhere in the objective.
public enum FucasoCalibration {
    public static let method = "FUCASO-CAL-1"

    /// A fitted parameter with its bounds.
    public struct Parameter: @unchecked Sendable {
        public var name: String
        public var keyPath: WritableKeyPath<FucasoModelParameters, Double>
        public var lower: Double
        public var upper: Double
    }

    /// The efficacy and kinetics parameters fitted in step 2.
    public static var efficacyParameters: [Parameter] {
        [
            Parameter(name: "expansionRate", keyPath: \.expansionRate, lower: 0.3, upper: 5),
            Parameter(name: "killRate", keyPath: \.killRate, lower: 0.3, upper: 20),
            // Homeostatic division of T cells in a lymphopenic host is at most about one per day.
            Parameter(name: "homeostaticExpansion", keyPath: \.homeostaticExpansion, lower: 0.01, upper: 0.7),
            Parameter(name: "proliferationLagDays", keyPath: \.proliferationLagDays, lower: 0.1, upper: 10),
            Parameter(name: "programmeDurationDays", keyPath: \.programmeDurationDays, lower: 0.1, upper: 14),
            Parameter(name: "carCapacity", keyPath: \.carCapacity, lower: 50, upper: 3000),
            Parameter(name: "memoryFormation", keyPath: \.memoryFormation, lower: 0.001, upper: 0.3),
            Parameter(name: "memoryDeath", keyPath: \.memoryDeath, lower: 0.0005, upper: 0.2),
            Parameter(name: "memoryDeathIIV", keyPath: \.memoryDeathIIV, lower: 0.2, upper: 3),
            Parameter(name: "exhaustionRate", keyPath: \.exhaustionRate, lower: 0.02, upper: 5),
            Parameter(name: "tumourGrowth", keyPath: \.tumourGrowth, lower: 0.003, upper: 0.06),
            Parameter(name: "extramedullaryAccess", keyPath: \.extramedullaryAccess, lower: 0.02, upper: 1),
            Parameter(name: "antigenNegativeFractionNaive", keyPath: \.antigenNegativeFractionNaive, lower: 1e-11, upper: 1e-4),
            Parameter(name: "antigenNegativeFractionPrior", keyPath: \.antigenNegativeFractionPrior, lower: 1e-8, upper: 0.3),
        ]
    }

    /// The safety thresholds solved in step 3: figure id, parameter, bounds.
    public static var safetyParameters: [(figure: String, parameter: Parameter)] {
        [
            ("crs", Parameter(name: "feverThreshold", keyPath: \.feverThreshold, lower: 0.5, upper: 5000)),
            ("crs3", Parameter(name: "grade3Multiple", keyPath: \.grade3Multiple, lower: 2, upper: 1000)),
            ("icans", Parameter(name: "neurotoxicityThreshold", keyPath: \.neurotoxicityThreshold, lower: 5, upper: 1e5)),
        ]
    }

    /// Figures of step 2 (every calibration figure but the safety ones).
    public static var efficacyFigures: [FucasoPublishedFigure] {
        let safety = Set(safetyParameters.map(\.figure))
        return FucasoPublishedFigures.calibrationSet.filter { !safety.contains($0.id) }
    }

    /// The replicate means of every calibration figure, and the per-replicate values.
    public typealias Evaluation = FucasoReplicateTrials

    /// Simulates `replicates` trials of `patientsPerTrial` with `parameters` and returns the replicate
    /// means of the calibration figures (step 1).
    public static func evaluate(_ parameters: FucasoModelParameters, replicates: Int, patientsPerTrial: Int = 109,
                                seed: UInt64, threads: Int? = nil) throws -> Evaluation {
        let options = FucasoTrialOptions(patients: patientsPerTrial, seed: seed, keepRecords: false,
                                         threads: threads, parameters: parameters)
        return try FucasoReplicateTrials.run(options, replicates: replicates)
    }

    /// Standardised residual of one figure: (simulated − published) / (interval width / 3.92); a
    /// figure the cohort cannot give counts as 5 standard errors off.
    public static func residual(_ f: FucasoPublishedFigure, _ e: Evaluation) -> Double {
        guard let v = e.means[f.id] else { return 5 }
        let se = max((f.upper - f.lower) / 3.92, 1e-3)
        return (v - f.published) / se
    }

    /// The step-2 objective at `theta` (natural logs of `efficacyParameters`).
    public static func objective(_ e: Evaluation, theta: [Double], prior: [Double]) -> Double {
        var sum = 0.0
        for f in efficacyFigures {
            let z = residual(f, e)
            sum += f.weight * z * z
        }
        for (t, t0) in zip(theta, prior) { let d = (t - t0) / log(10.0); sum += d * d }
        return sum
    }

    /// Applies log-parameters `theta` (clamped to the bounds) to `base`.
    public static func apply(_ theta: [Double], to base: FucasoModelParameters) -> FucasoModelParameters {
        var p = base
        for (x, par) in zip(theta, efficacyParameters) {
            p[keyPath: par.keyPath] = min(max(exp(x), par.lower), par.upper)
        }
        return p
    }

    /// Steps 2 and 3 from `start`. `log` receives one line per evaluation.
    public static func calibrate(start: FucasoModelParameters, replicates: Int, seed: UInt64,
                                 maxEvaluations: Int, threads: Int? = nil,
                                 log: (String) -> Void = { _ in }) throws -> FucasoModelParameters {
        let prior = efficacyParameters.map { Foundation.log(start[keyPath: $0.keyPath]) }
        var failure: Error?
        var evaluation = 0
        let result = FucasoNelderMead.minimize(start: prior, step: prior.map { _ in 0.5 },
                                               maxEvaluations: maxEvaluations, tolerance: 1e-3) { theta in
            let p = apply(theta, to: start)
            do {
                let e = try evaluate(p, replicates: replicates, seed: seed, threads: threads)
                let score = objective(e, theta: efficacyParameters.map { Foundation.log(p[keyPath: $0.keyPath]) }, prior: prior)
                evaluation += 1
                log(String(format: "eval %3d  objective %9.3f  ", evaluation, score)
                    + efficacyParameters.map { "\($0.name)=\(String(format: "%.4g", p[keyPath: $0.keyPath]))" }.joined(separator: " "))
                return score
            } catch {
                failure = error
                return .infinity
            }
        }
        if let failure { throw failure }
        return try solveSafety(apply(result.point, to: start), replicates: replicates, seed: seed, threads: threads, log: log)
    }

    /// Step 3 alone: each safety threshold of `parameters` solved by bisection (efficacy untouched).
    public static func solveSafety(_ parameters: FucasoModelParameters, replicates: Int, seed: UInt64, threads: Int? = nil,
                                   log: (String) -> Void = { _ in }) throws -> FucasoModelParameters {
        var fitted = parameters
        for (figure, parameter) in safetyParameters {
            guard let target = FucasoPublishedFigures.calibrationSet.first(where: { $0.id == figure }) else { continue }
            var lo = Foundation.log(parameter.lower), hi = Foundation.log(parameter.upper)
            // The rate falls as the threshold rises: bisect on ln(threshold).
            for _ in 0..<16 {
                let mid = (lo + hi) / 2
                fitted[keyPath: parameter.keyPath] = exp(mid)
                let e = try evaluate(fitted, replicates: replicates, seed: seed, threads: threads)
                let rate = e.means[figure] ?? 0
                log(String(format: "%@ = %.4g → %@ %.4f (target %.4f)", parameter.name, exp(mid), figure, rate, target.published))
                if rate > target.published { lo = mid } else { hi = mid }
            }
            fitted[keyPath: parameter.keyPath] = exp((lo + hi) / 2)
        }
        return fitted
    }

    /// Goodness of fit: each calibration figure's replicate mean, the 2.5th–97.5th percentiles of the
    /// replicate values, and whether the mean lies in the published figure's 95% interval.
    public static func report(_ e: Evaluation, seed: UInt64, parameters: FucasoModelParameters) -> String {
        var lines = [
            "# FUCASO model calibration: goodness of fit",
            "",
            "Method `\(method)` (see `FucasoCalibration`); model `\(FucasoModelParameters.modelVersion)`.",
            "Replicate trials: \(e.replicates) × 109 patients, seed \(seed), 36-month median follow-up, data cut 2024-12-31.",
            "Simulated = mean over the replicate trials (in brackets the 2.5th–97.5th percentile of single trials).",
            "Medians are compared as \"50% of patients by the published day\" (see `FucasoPublishedFigures`).",
            "",
            "| figure | published | 95% interval | interval from | simulated mean | single trials | inside | trials inside |",
            "|---|---|---|---|---|---|---|---|",
        ]
        func pct(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
        for f in FucasoPublishedFigures.calibrationSet {
            let mean = e.means[f.id]
            let list = (e.replicateValues[f.id] ?? []).sorted()
            let band = list.isEmpty ? "—" : "\(pct(list[Int(Double(list.count - 1) * 0.025)]))–\(pct(list[Int(Double(list.count - 1) * 0.975)]))"
            let insideShare = list.isEmpty ? "—" : pct(Double(list.filter(f.contains).count) / Double(list.count))
            lines.append("| \(f.name) | \(f.publishedText) | \(pct(f.lower))–\(pct(f.upper)) | \(f.intervalSource) | "
                         + "\(mean.map(pct) ?? "—") | \(band) | \(mean.map { f.contains($0) ? "yes" : "**no**" } ?? "—") | \(insideShare) |")
        }
        // Whole trials: how often a single 109-patient trial has every figure inside its interval.
        let figures = FucasoPublishedFigures.calibrationSet
        if figures.allSatisfy({ (e.replicateValues[$0.id]?.count ?? 0) == e.replicates }) {
            let allInside = (0..<e.replicates).filter { k in figures.allSatisfy { $0.contains(e.replicateValues[$0.id]![k]) } }.count
            let allButTmax = (0..<e.replicates).filter { k in
                figures.filter { $0.id != "tmax" }.allSatisfy { $0.contains(e.replicateValues[$0.id]![k]) }
            }.count
            lines += ["", "\"trials inside\": share of single 109-patient trials whose value lies in the interval. "
                      + "Single trials with every figure inside: \(allInside) of \(e.replicates); every figure but Tmax: "
                      + "\(allButTmax) of \(e.replicates)."]
        }
        lines += ["", "Held-out figures (median PFS, OS, median duration of MRD negativity) are not in the objective.", ""]
        lines += ["## Fitted parameters", "", "| parameter | value |", "|---|---|"]
        for par in efficacyParameters + safetyParameters.map(\.parameter) {
            lines.append("| \(par.name) | \(String(format: "%.5g", parameters[keyPath: par.keyPath])) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Swift source of `FucasoCalibratedParameters` holding `parameters` (every stored property) and
    /// `header`, the run's provenance, both as comments and as `provenance`.
    public static func swiftSource(_ parameters: FucasoModelParameters, header: [String]) -> String {
        func literal(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["// Generated by `trial-calibrate`; do not edit by hand (re-run the calibration instead).",
                     "// " + header.joined(separator: "\n// "),
                     "",
                     "/// The parameter set fitted by `trial-calibrate` (method `FucasoCalibration.method`); the",
                     "/// goodness of fit is in docs/trial-calibration.md.",
                     "public enum FucasoCalibratedParameters {",
                     "    /// How the set was produced, newest step first (the header above).",
                     "    public static let provenance: [String] = ["]
        lines += header.map { "        " + literal($0) + "," }
        lines += ["    ]",
                  "",
                  "    public static let fitted: FucasoModelParameters = {",
                  "        var p = FucasoModelParameters()"]
        for child in Mirror(reflecting: parameters).children {
            guard let label = child.label, let value = child.value as? Double else { continue }
            lines.append("        p.\(label) = \(value)")
        }
        lines += ["        return p", "    }()", "}", ""]
        return lines.joined(separator: "\n")
    }
}
