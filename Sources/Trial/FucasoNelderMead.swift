import Foundation

/// Derivative-free minimisation by the Nelder–Mead simplex method.
///
/// Source: Nelder JA & Mead R, Comput J 1965;7:308; coefficients reflection 1, expansion 2,
/// contraction ½, shrink ½, with the ordering and acceptance rules of Lagarias JC et al., SIAM J Optim
/// 1998;9:112 (section 2). Initial simplex: `start` plus one vertex per coordinate moved by `step[i]`.
///
/// Domain: any function of `n ≥ 1` reals; non-finite values are treated as +∞ (the simplex moves
/// away). Stops after `maxEvaluations` or when the spread of function values over the simplex falls
/// below `tolerance` (absolute). No convergence guarantee beyond n = 1 (Lagarias 1998); on a
/// piecewise-constant objective (a simulated cohort) it stops at a flat region.
public enum FucasoNelderMead {
    public struct Result: Sendable, Equatable {
        public var point: [Double]
        public var value: Double
        public var evaluations: Int
    }

    public static func minimize(start: [Double], step: [Double], maxEvaluations: Int, tolerance: Double = 1e-8,
                                _ f: ([Double]) -> Double) -> Result {
        let n = start.count
        precondition(n >= 1 && step.count == n, "start and step need the same, non-zero length")
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var v = start
            v[i] += step[i]
            simplex.append(v)
        }
        var values = simplex.map(eval)
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] <= tolerance { break }
            var centroid = [Double](repeating: 0, count: n)
            for v in simplex[0..<n] { for j in 0..<n { centroid[j] += v[j] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = eval(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = eval(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = eval(contracted)
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = eval(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[best], value: values[best], evaluations: evaluations)
    }
}
