import RealModule

/// Levenberg–Marquardt minimisation of `½‖r(x)‖²` for small dense problems (≤ ~20 unknowns).
///
/// Algorithm: Madsen, Nielsen & Tingleff, *Methods for Non-Linear Least Squares Problems*
/// (2nd ed., IMM DTU, 2004), Algorithm 3.16 (gain-ratio damping update of Nielsen 1999), with
/// Marquardt's diagonal scaling `(JᵀJ + μ·diag(JᵀJ))·h = −Jᵀr` so the damping is invariant to
/// the scale of each unknown. Jacobians by central differences; linear systems by Cholesky.
///
/// **Domain.** Smooth or piecewise-smooth residuals of any sign. A residual function that
/// returns `nil` marks the point infeasible (the step is rejected as if the cost were +∞).
/// **Accuracy.** Converges to a local minimum; the caller supplies multiple starts when the
/// problem is multimodal. Stops when `‖Jᵀr‖∞ ≤ gradientTolerance`, when a step is smaller
/// than `stepTolerance·(‖x‖ + stepTolerance)`, when an accepted step lowers the cost by less
/// than `relativeCostTolerance`, or after `maxIterations`.
public enum LevenbergMarquardt {
    public struct Settings: Sendable, Equatable, Codable {
        public var maxIterations: Int
        public var gradientTolerance: Double
        public var stepTolerance: Double
        public var relativeCostTolerance: Double
        /// Relative central-difference step for the Jacobian.
        public var differenceStep: Double

        public init(maxIterations: Int = 200, gradientTolerance: Double = 1e-12, stepTolerance: Double = 1e-12,
                    relativeCostTolerance: Double = 1e-14, differenceStep: Double = 1e-6) {
            self.maxIterations = maxIterations
            self.gradientTolerance = gradientTolerance
            self.stepTolerance = stepTolerance
            self.relativeCostTolerance = relativeCostTolerance
            self.differenceStep = differenceStep
        }
    }

    public struct Outcome: Sendable, Equatable, Codable {
        /// Best point found.
        public var x: [Double]
        /// `‖r(x)‖²` (the residual sum of squares, not halved).
        public var sumOfSquares: Double
        public var iterations: Int
        /// `true` if a convergence test (rather than the iteration limit) stopped the search.
        public var converged: Bool
    }

    /// Minimises `‖residuals(x)‖²` from `start`.
    ///
    /// - Returns: `nil` if `residuals(start)` is `nil` or not finite.
    public static func minimize(from start: [Double], settings: Settings = Settings(),
                                residuals: ([Double]) -> [Double]?) -> Outcome? {
        let n = start.count
        func cost(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        guard var r = residuals(start), r.allSatisfy(\.isFinite) else { return nil }
        var x = start
        var f = cost(r)
        guard n > 0 else { return Outcome(x: x, sumOfSquares: f, iterations: 0, converged: true) }

        func jacobian(at x: [Double], _ r: [Double]) -> [[Double]] {
            // columns: ∂r/∂x_j
            var columns: [[Double]] = []
            columns.reserveCapacity(n)
            for j in 0 ..< n {
                let dj = settings.differenceStep * max(1, abs(x[j]))
                var xp = x, xm = x
                xp[j] += dj; xm[j] -= dj
                if let rp = residuals(xp), let rm = residuals(xm), rp.count == r.count, rm.count == r.count {
                    let w = 1 / (xp[j] - xm[j])
                    columns.append(zip(rp, rm).map { ($0 - $1) * w })
                } else if let rp = residuals(xp), rp.count == r.count {
                    let w = 1 / (xp[j] - x[j])
                    columns.append(zip(rp, r).map { ($0 - $1) * w })
                } else {
                    columns.append([Double](repeating: 0, count: r.count))
                }
            }
            return columns
        }
        func normalEquations(_ cols: [[Double]], _ r: [Double]) -> (a: [Double], g: [Double]) {
            var a = [Double](repeating: 0, count: n * n), g = [Double](repeating: 0, count: n)
            for i in 0 ..< n {
                g[i] = zip(cols[i], r).reduce(0) { $0 + $1.0 * $1.1 }
                for j in 0 ... i {
                    let v = zip(cols[i], cols[j]).reduce(0) { $0 + $1.0 * $1.1 }
                    a[i * n + j] = v; a[j * n + i] = v
                }
            }
            return (a, g)
        }

        var cols = jacobian(at: x, r)
        var (a, g) = normalEquations(cols, r)
        var mu = 1e-3
        var nu = 2.0
        var iterations = 0
        var converged = g.map(abs).max()! <= settings.gradientTolerance

        while !converged && iterations < settings.maxIterations {
            iterations += 1
            let maxDiagonal = (0 ..< n).map { a[$0 * n + $0] }.max()!
            let floor = max(maxDiagonal, 1) * 1e-12
            var m = a
            var scale = [Double](repeating: 0, count: n)
            for i in 0 ..< n {
                scale[i] = max(a[i * n + i], floor)
                m[i * n + i] += mu * scale[i]
            }
            guard let h = choleskySolve(m, g.map { -$0 }, order: n) else {
                mu *= nu; nu *= 2
                continue
            }
            let xNorm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let hNorm = h.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if hNorm <= settings.stepTolerance * (xNorm + settings.stepTolerance) { converged = true; break }
            let xNew = zip(x, h).map(+)
            // Predicted reduction of ½‖r‖²: ½·hᵀ(μ·D·h − g).
            var predicted = 0.0
            for i in 0 ..< n { predicted += 0.5 * h[i] * (mu * scale[i] * h[i] - g[i]) }
            if let rNew = residuals(xNew), rNew.count == r.count, rNew.allSatisfy(\.isFinite) {
                let fNew = cost(rNew)
                let gain = predicted > 0 ? 0.5 * (f - fNew) / predicted : -1
                if gain > 0 {
                    let relativeDrop = (f - fNew) / max(f, .leastNormalMagnitude)
                    x = xNew; r = rNew; f = fNew
                    cols = jacobian(at: x, r)
                    (a, g) = normalEquations(cols, r)
                    let t = 2 * gain - 1
                    mu *= max(1.0 / 3, 1 - t * t * t)
                    nu = 2
                    if g.map(abs).max()! <= settings.gradientTolerance || relativeDrop < settings.relativeCostTolerance
                        || f == 0 {
                        converged = true
                    }
                    continue
                }
            }
            mu *= nu; nu *= 2
            if !mu.isFinite || mu > 1e30 { converged = true }   // no descent possible: at a minimum to precision
        }
        return Outcome(x: x, sumOfSquares: f, iterations: iterations, converged: converged)
    }

    /// Solves `M·x = b` for symmetric positive definite `M` (row-major, `order × order`);
    /// `nil` if `M` is not positive definite to working precision.
    static func choleskySolve(_ m: [Double], _ b: [Double], order n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for j in 0 ... i {
                var s = m[i * n + j]
                for k in 0 ..< j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * n + i] = s.squareRoot()
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        var y = b
        for i in 0 ..< n {
            for k in 0 ..< i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1) ..< max(i + 1, n) { y[i] -= l[k * n + i] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }
}
