import RealModule

/// One embedded one-step method as seen by the shared driver (`ODE.integrate`). Internal: the
/// public entry points are `DormandPrince54` and `Rodas3`.
@usableFromInline
protocol _ODEStepper {
    associatedtype System: ODESystem
    typealias State = System.State

    /// `q` = order of the embedded error estimate + 1; the controller uses `err^(1/q)`.
    var errorOrder: Double { get }
    /// Whether `stiffnessEstimate` is meaningful.
    var detectsStiffness: Bool { get }
    /// Whether steps must end on observation times because the interpolant is not reliable
    /// for stiff components (Rosenbrock with Hermite interpolation).
    var landsOnObservations: Bool { get }
    var evaluations: Int { get set }
    var jacobians: Int { get set }
    var factorizations: Int { get set }
    /// Set by `attempt` when it failed for a singular matrix rather than a non-finite value.
    var lastAttemptSingular: Bool { get }

    /// Tries one step of size `h` from `(t, y)` with `f0 = f(t, y)`.
    /// - Returns: the weighted RMS error norm; NaN or ∞ when the step produced non-finite
    ///   values or could not be computed.
    mutating func attempt(_ system: System, t: Double, y: State, f0: State, h: Double,
                          tolerances: ODE.Tolerances<State>) -> Double
    /// `y(t + h)` from the last attempt.
    var proposal: State { get }
    /// `f(t + h, proposal)`, called once after an accepted attempt.
    mutating func endDerivative(_ system: System, t: Double, h: Double) -> State
    /// Builds the continuous extension of the last accepted step.
    mutating func prepareInterpolation(y0: State, f0: State, f1: State, h: Double)
    /// Continuous extension at `t + θ·h`, `0 ≤ θ ≤ 1`.
    func interpolate(_ theta: Double) -> State
    /// Estimate of `h·ρ(∂f/∂y)` over the last accepted step (0 if not available).
    func stiffnessEstimate(h: Double, tolerances: ODE.Tolerances<State>) -> Double
    /// The state moved to a new point (accepted step or stop): cached Jacobians are stale.
    mutating func moved()
}

extension ODE {
    /// Starting step size of Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.4, p. 169:
    /// `h0 = 0.01·‖y0‖/‖f0‖`, one explicit Euler step to estimate `‖f′‖`, then
    /// `h1 = (0.01 / max(‖f0‖, ‖f′‖))^(1/q)` and `h = min(100·h0, h1, hmax)`.
    /// Norms are weighted by `atol + rtol·|y0|`. Costs one evaluation of `f`.
    @inlinable
    static func initialStep<S: ODESystem>(_ system: S, t: Double, y: S.State, f0: S.State,
                                          order q: Double, hmax: Double,
                                          tolerances tol: Tolerances<S.State>,
                                          evaluations: inout Int) -> Double {
        let d0 = tol.weightedNorm(y, scaleBy: y)
        let d1 = tol.weightedNorm(f0, scaleBy: y)
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, hmax)
        let f1 = system.derivative(at: t + h0, y + h0 * f0)
        evaluations += 1
        let d2 = tol.weightedNorm(f1 - f0, scaleBy: y) / h0
        guard d2.isFinite else { return h0 }
        let m = max(d1, d2)
        let h1 = m <= 1e-15 ? max(1e-6, h0 * 1e-3) : Double.pow(0.01 / m, 1 / q)
        return min(100 * h0, h1, hmax)
    }
}
