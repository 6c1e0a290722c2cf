/// Rodas3: a stiffly accurate, L-stable Rosenbrock method of order 3 with an embedded
/// order-2 error estimate (4 stages, 3 new evaluations of `f` per step, one LU per step).
///
/// Source: Sandu, Verwer, Blom, Spee, Carmichael & Potra, "Benchmarking stiff ODE solvers for
/// atmospheric chemistry problems II: Rosenbrock solvers", *Atmos. Environ.* 31 (1997)
/// 3459–3472, in the formulation of Hairer & Wanner, *Solving ODEs II*, §IV.7:
///
///     G = I/(h·γ) − J,   G·K_i = f(t + α_i h, y + Σ_j a_ij K_j) + Σ_j (c_ij/h)·K_j + h·γ_i·∂f/∂t,
///     y1 = y + Σ m_i K_i,   error ≈ K_4,
///
/// with γ = ½, a31 = a41 = 2, a43 = 1, c21 = 4, c31 = 1, c32 = −1, c41 = 1, c42 = −1, c43 = −8/3,
/// m = (2, 0, 1, 1), α = (0, 0, 1, 1), γ_i = (½, 3/2, 0, 0).
///
/// **Domain.** Stiff systems: fast binding/unbinding of CAR to antigen, cytokine clearance of
/// hours next to cell kinetics of months. The Jacobian is taken from `ODESystem.jacobian` when
/// the system provides it, otherwise by forward differences (`dimension` extra evaluations per
/// step); `∂f/∂t` by one forward difference unless `isAutonomous`.
///
/// **Accuracy.** Order 3 (with the order reduction of Rosenbrock methods on very stiff
/// forced problems); at `rtol` 1e-4…1e-6 it needs far fewer steps than DOPRI5 on stiff
/// problems, but on non-stiff ones it is slower (a Jacobian and an LU per step).
///
/// **Observations.** Steps are shortened to end exactly on observation times (about one extra
/// step per observation, no restart): the only interpolant available, the cubic Hermite through
/// `(y0, f0, y1, f1)`, multiplies the step-end error of a stiff component by `h·|λ|` through
/// `f1` and was 100× less accurate than the step ends on the Prothero–Robinson test. Events
/// are still located on that interpolant: their times are exact for non-stiff event
/// functions and approximate (to the local error times `h·|λ|`) when the event function
/// depends on a stiff component; bound `Options.maxStep` if that matters.
///
/// **Edge cases.** As `DormandPrince54`; additionally a singular iteration matrix makes the step
/// shrink, and `ODE.Failure.singularMatrix` is thrown if that persists. No stiffness detection.
public struct Rodas3: Sendable, Equatable {
    public var options: ODE.Options

    public init(options: ODE.Options = ODE.Options()) {
        self.options = options
    }

    /// Integrates `system` from `(t0, y0)` to `t1`; arguments as `DormandPrince54.solve`.
    @inlinable
    public func solve<S: ODESystem>(
        _ system: S, from t0: Double, _ y0: S.State, to t1: Double,
        observationTimes: [Double] = [], stopTimes: [Double] = [],
        events: [ODE.Event<S.State>] = [],
        onStop: (Int, Double, inout S.State, inout S) -> Void = { _, _, _, _ in },
        observe: (Int, Double, S.State) -> Void = { _, _, _ in }
    ) throws(ODE.Failure) -> ODE.Summary<S.State> {
        let n = system.dimension
        guard n >= 1, n <= S.State.scalarCount else {
            throw .invalidArgument("dimension: must lie in 1...\(S.State.scalarCount), got \(n)")
        }
        var method = _Rodas3Stepper<S>(dimension: n)
        return try ODE.integrate(&method, system: system, from: t0, y0, to: t1,
                                 observationTimes: observationTimes, stopTimes: stopTimes, events: events,
                                 options: options, onStop: onStop, observe: observe)
    }

    /// States at `times` (see `DormandPrince54.trajectory`).
    @inlinable
    public func trajectory<S: ODESystem>(
        _ system: S, from t0: Double, _ y0: S.State, at times: [Double], stopTimes: [Double] = [],
        onStop: (Int, Double, inout S.State, inout S) -> Void = { _, _, _, _ in }
    ) throws(ODE.Failure) -> ODE.Trajectory<S.State> {
        var states: [S.State] = []
        states.reserveCapacity(times.count)
        let summary = try solve(system, from: t0, y0, to: times.last ?? t0, observationTimes: times,
                                stopTimes: stopTimes, onStop: onStop,
                                observe: { _, _, y in states.append(y) })
        return ODE.Trajectory(times: times, states: states, summary: summary)
    }
}

@usableFromInline
struct _Rodas3Stepper<System: ODESystem>: _ODEStepper {
    @usableFromInline typealias State = System.State
    @usableFromInline let n: Int
    @usableFromInline var jacobian: ODE.SquareMatrix
    @usableFromInline var iteration: ODE.SquareMatrix
    @usableFromInline var jacobianCurrent = false
    @usableFromInline var timeDerivative = State()
    @usableFromInline var y1 = State()
    @usableFromInline var y0 = State(), f0 = State(), f1 = State(), h = 0.0
    @usableFromInline var evaluations = 0
    @usableFromInline var jacobians = 0
    @usableFromInline var factorizations = 0
    @usableFromInline var lastAttemptSingular = false

    @inlinable init(dimension: Int) {
        n = dimension
        jacobian = ODE.SquareMatrix(order: dimension)
        iteration = ODE.SquareMatrix(order: dimension)
    }

    @inlinable var errorOrder: Double { 3 }
    @inlinable var detectsStiffness: Bool { false }
    @inlinable var landsOnObservations: Bool { true }
    @inlinable var proposal: State { y1 }

    @inlinable
    mutating func updateJacobian(_ system: System, t: Double, y: State, f0: State, tolerances: ODE.Tolerances<State>) {
        jacobians += 1
        if !system.jacobian(at: t, y, into: &jacobian) {
            // Forward differences with δ_j = √(ε·max(10⁻⁵, |y_j|)), the increment of Hairer &
            // Wanner's RADAU5: balances truncation and cancellation for O(1) and large values.
            for j in 0 ..< n {
                let delta = (Double.ulpOfOne * max(1e-5, abs(y[j]))).squareRoot()
                var yp = y
                yp[j] += delta
                let step = yp[j] - y[j]   // the increment actually representable
                jacobian.setDifferenceColumn(j, system.derivative(at: t, yp), f0, scale: 1 / step)
            }
            evaluations += n
        }
        if system.isAutonomous {
            timeDerivative = State()
        } else {
            let dt = Double.ulpOfOne.squareRoot() * max(1e-5, abs(t))
            let tp = t + dt
            timeDerivative = (system.derivative(at: tp, y) - f0) / (tp - t)
            evaluations += 1
        }
        jacobianCurrent = true
    }

    @inlinable
    mutating func attempt(_ system: System, t: Double, y: State, f0: State, h: Double,
                          tolerances: ODE.Tolerances<State>) -> Double {
        if !jacobianCurrent { updateJacobian(system, t: t, y: y, f0: f0, tolerances: tolerances) }
        let d = 1 / (h * 0.5)
        iteration.setShiftedNegation(of: jacobian, diagonal: d)
        factorizations += 1
        guard iteration.factorize() else { lastAttemptSingular = true; return .infinity }
        lastAttemptSingular = false
        let hInverse = 1 / h
        // Stage 1 and 2 share f(t, y) (α1 = α2 = 0, a21 = 0).
        var k1 = f0 + (h * 0.5) * timeDerivative
        iteration.solve(&k1)
        var k2 = f0 + (4 * hInverse) * k1
        k2 += (h * 1.5) * timeDerivative
        iteration.solve(&k2)
        let y3 = y + 2 * k1
        var k3 = system.derivative(at: t + h, y3)
        k3 += hInverse * (k1 - k2)
        iteration.solve(&k3)
        let y4 = y3 + k3
        var k4 = system.derivative(at: t + h, y4)
        var c = k1 - k2
        c -= (8.0 / 3.0) * k3
        k4 += hInverse * c
        iteration.solve(&k4)
        evaluations += 2
        y1 = y4 + k4
        return tolerances.errorNorm(k4, y, y1)
    }

    @inlinable
    mutating func endDerivative(_ system: System, t: Double, h: Double) -> State {
        evaluations += 1
        return system.derivative(at: t + h, y1)
    }

    @inlinable
    mutating func prepareInterpolation(y0: State, f0: State, f1: State, h: Double) {
        self.y0 = y0; self.f0 = f0; self.f1 = f1; self.h = h
    }

    /// Cubic Hermite basis: h00 = (1+2θ)(1−θ)², h10 = θ(1−θ)², h01 = θ²(3−2θ), h11 = θ²(θ−1).
    @inlinable
    func interpolate(_ theta: Double) -> State {
        let u = 1 - theta
        let h00 = (1 + 2 * theta) * u * u, h10 = theta * u * u
        let h01 = theta * theta * (3 - 2 * theta), h11 = theta * theta * (theta - 1)
        var v = h00 * y0
        v += (h10 * h) * f0
        v += h01 * y1
        v += (h11 * h) * f1
        return v
    }

    @inlinable func stiffnessEstimate(h: Double, tolerances: ODE.Tolerances<State>) -> Double { 0 }
    @inlinable mutating func moved() { jacobianCurrent = false }
}

