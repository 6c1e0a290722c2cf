import Foundation

/// Fitting of the Cox proportional-hazards model by Newton–Raphson with step halving.
///
/// Source: Cox (1972) JRSS-B 34:187; ties per ``CoxTieMethod``. The iteration reproduces the
/// documented behaviour of R `coxph` (survival 3.5, `coxph.control(eps = 1e-9, iter.max = 20)`),
/// so that both stop at the same iterate:
/// 1. β⁽⁰⁾ = 0; ℓ₀, U₀, I₀ at 0; score test U₀ᵀI₀⁻¹U₀; first proposal β = I₀⁻¹U₀.
/// 2. At each iteration evaluate ℓ at the proposal. If |1 − ℓ_prev/ℓ_new| ≤ eps and the previous
///    move was not a halving, stop: the proposal is the estimate and I⁻¹ at it the variance.
/// 3. Otherwise, if ℓ decreased, halve the step back toward the last accepted β; else accept
///    and propose β + I⁻¹U.
/// 4. After `maxIterations` evaluations without convergence the last proposal is returned
///    with `converged = false` (R warns "Ran out of iterations").
/// Covariates are centered and scaled internally (as R does); Newton's method is affine
/// invariant, so this changes only rounding. Weights and offsets are not supported.
/// Singular information (collinear or constant covariates) throws rather than returning NA
/// coefficients as R does.
public enum CoxRegression {
    /// Fits the model.
    /// - Parameters:
    ///   - times: follow-up time per subject (finite).
    ///   - events: event indicator per subject.
    ///   - covariates: one array per covariate, each with one finite value per subject.
    ///   - names: covariate names (default "x1", "x2", …).
    ///   - strata: optional stratum per subject; each stratum has its own baseline hazard
    ///     (R `strata()`).
    ///   - ties: ``CoxTieMethod/efron`` (default) or ``CoxTieMethod/breslow``.
    ///   - maxIterations: R `iter.max` (20).
    ///   - epsilon: R `eps` (1e-9), on the relative change of the log partial likelihood.
    /// - Throws: length/value errors, ``SurvivalStatisticsError/noObservations(_:)`` without
    ///   covariates or events, ``SurvivalStatisticsError/singularInformation(_:)``.
    public static func fit(times: [Double], events: [Bool], covariates: [[Double]], names: [String]? = nil,
                           strata: [Int]? = nil, ties: CoxTieMethod = .efron,
                           maxIterations: Int = 20, epsilon: Double = 1e-9) throws -> CoxModelFit
    {
        let n = times.count
        let p = covariates.count
        let names = names ?? (1...max(p, 1)).prefix(p).map { "x\($0)" }
        guard events.count == n else { throw SurvivalStatisticsError.lengthMismatch(field: "events", expected: n, actual: events.count) }
        guard names.count == p else { throw SurvivalStatisticsError.lengthMismatch(field: "names", expected: p, actual: names.count) }
        if let strata, strata.count != n { throw SurvivalStatisticsError.lengthMismatch(field: "strata", expected: n, actual: strata.count) }
        guard p > 0 else { throw SurvivalStatisticsError.noObservations("Cox model needs at least one covariate") }
        guard n > 0 else { throw SurvivalStatisticsError.noObservations("Cox model needs at least one subject") }
        for (c, column) in covariates.enumerated() {
            guard column.count == n else { throw SurvivalStatisticsError.lengthMismatch(field: names[c], expected: n, actual: column.count) }
            if let bad = column.firstIndex(where: { !$0.isFinite }) {
                throw SurvivalStatisticsError.invalidValue(field: names[c], index: bad, value: "\(column[bad])", expected: "a finite number")
            }
        }
        if let bad = times.firstIndex(where: { !$0.isFinite }) {
            throw SurvivalStatisticsError.invalidValue(field: "time", index: bad, value: "\(times[bad])", expected: "a finite number")
        }
        let eventCount = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard eventCount > 0 else { throw SurvivalStatisticsError.noObservations("Cox model needs at least one event") }

        // Center and scale (x − mean)·n/Σ|x − mean|, R's coxfit6 convention.
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        for c in 0..<p {
            means[c] = covariates[c].reduce(0, +) / Double(n)
            let spread = covariates[c].reduce(0) { $0 + abs($1 - means[c]) }
            scales[c] = spread > 0 ? Double(n) / spread : 1
        }
        // Stable sort by time, then stable regrouping by stratum: (stratum, time) order.
        var order = SurvivalOrdering.ascendingByTime(times)
        if let strata {
            let codes = Array(Set(strata)).sorted()
            let slot = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
            order = SurvivalOrdering.stableByCode(order, codes: strata.map { slot[$0]! })
        }
        var x = [Double](repeating: 0, count: n * p)
        x.withUnsafeMutableBufferPointer { x in
            for c in 0..<p {
                covariates[c].withUnsafeBufferPointer { column in
                    let mean = means[c], scale = scales[c]
                    for (row, i) in order.enumerated() { x[row * p + c] = (column[i] - mean) * scale }
                }
            }
        }
        let likelihood = CoxPartialLikelihood(
            n: n, p: p, time: order.map { times[$0] }, status: order.map { events[$0] },
            stratum: strata.map { s in order.map { s[$0] } } ?? [Int](repeating: 0, count: n),
            x: x, ties: ties)

        var beta = [Double](repeating: 0, count: p)
        var current = likelihood.evaluate(beta)
        let nullLogLik = current.logLikelihood
        let firstStep = try SymmetricSolver.solve(current.information, dimension: p, rhs: current.score,
                                                  context: "at β = 0")
        let scoreStatistic = zip(current.score, firstStep).reduce(0) { $0 + $1.0 * $1.1 }
        var proposal = zip(beta, firstStep).map { $0 + $1 }
        var acceptedLogLik = nullLogLik
        var halving = false
        var converged = false
        var iterations = 0
        for iteration in 1...max(maxIterations, 1) {
            iterations = iteration
            current = likelihood.evaluate(proposal)
            let newLogLik = current.logLikelihood
            if abs(1 - acceptedLogLik / newLogLik) <= epsilon && !halving {
                converged = true
                break
            }
            if iteration == maxIterations { break }
            if newLogLik < acceptedLogLik || !newLogLik.isFinite {
                halving = true
                for c in 0..<p { proposal[c] = (proposal[c] + beta[c]) / 2 }
            } else {
                halving = false
                acceptedLogLik = newLogLik
                let step = try SymmetricSolver.solve(current.information, dimension: p, rhs: current.score,
                                                     context: "at iteration \(iteration)")
                beta = proposal
                for c in 0..<p { proposal[c] += step[c] }
            }
        }
        let scaledVariance = try SymmetricSolver.inverse(current.information, dimension: p, context: "at the estimate")
        var variance = scaledVariance
        for i in 0..<p { for j in 0..<p { variance[i * p + j] *= scales[i] * scales[j] } }
        return CoxModelFit(
            names: names, coefficients: (0..<p).map { proposal[$0] * scales[$0] }, variance: variance,
            logLikelihoodNull: nullLogLik, logLikelihood: current.logLikelihood,
            scoreStatistic: scoreStatistic, iterations: iterations, converged: converged,
            n: n, events: eventCount, ties: ties)
    }
}
