/// The explicit Dormand–Prince 5(4) Runge–Kutta pair (DOPRI5) with adaptive steps, a
/// 4th-order continuous extension, stop times, events and stiffness detection.
///
/// Source: Dormand & Prince, *J. Comput. Appl. Math.* 6 (1980) 19–26, tableau as printed in
/// Hairer, Nørsett & Wanner, *Solving ODEs I* (2nd ed., 1993), Table II.5.2; dense output of
/// Shampine (*Math. Comp.* 46, 1986) as given in Hairer I, §II.6 (eq. 6.12 and the DOPRI5
/// coefficients `d_i`); step-size control and starting step per Hairer I, §II.4; stiffness
/// test per Hairer & Wanner, *Solving ODEs II*, §IV.2.
///
/// **Domain.** Non-stiff and mildly stiff systems `y′ = f(t, y)` with `f` smooth between stop
/// times, integrated forward (`t1 ≥ t0`). States are `SIMD` vectors of `Double` (2–64 lanes).
///
/// **Accuracy.** Local error per step ≤ tolerance in the weighted RMS norm (see
/// `ODE.Options`); the solution is advanced with the 5th-order result (local extrapolation),
/// so global errors are typically 1–100× the relative tolerance over a few hundred steps and
/// shrink roughly as `tol^(5/5)` to `tol^(4/5)` — tests check proportionality. The dense output
/// is 4th-order accurate and continuous (C¹) across steps; observing at arbitrary times never
/// shortens steps.
///
/// **Cost.** Six evaluations of `f` per step (first-same-as-last); no heap allocation per step.
/// When the problem is stiff (eigenvalues with `h·|λ| ≈ 3.3` limit the step, e.g. fast
/// binding or cytokine clearance over years) the step count explodes: the test of Hairer II
/// flags it in `Statistics.stiffnessDetectedAt` (or throws, per `Options.stiffness`), and
/// `Rodas3` is the remedy.
///
/// **Edge cases.** `t1 == t0` returns `y0` at once. Observation times equal to a stop time see
/// the state *before* `onStop`. A non-finite derivative makes the step shrink (×¼, up to 12
/// times) before `ODE.Failure.nonFiniteState` is thrown. Discontinuities of `f` must be
/// declared as stop times or the controller will grind (and may underflow) at them.
public struct DormandPrince54: Sendable, Equatable {
    public var options: ODE.Options

    public init(options: ODE.Options = ODE.Options()) {
        self.options = options
    }

    /// Integrates `system` from `(t0, y0)` to `t1`.
    ///
    /// - Parameters:
    ///   - observationTimes: non-decreasing times in `[t0, t1]`; `observe(index, time, state)`
    ///     is called once for each, in order, from the dense output.
    ///   - stopTimes: strictly increasing times in `(t0, t1]` where a step must end exactly
    ///     (doses, regime switches). `onStop(index, time, &state, &system)` may change the state
    ///     or the system's parameters there; the method then restarts.
    ///   - events: state-dependent events located on the dense output (see `ODE.Event`).
    /// - Returns: the final time and state, work statistics and the located events.
    /// - Throws: `ODE.Failure`.
    @inlinable
    public func solve<S: ODESystem>(
        _ system: S, from t0: Double, _ y0: S.State, to t1: Double,
        observationTimes: [Double] = [], stopTimes: [Double] = [],
        events: [ODE.Event<S.State>] = [],
        onStop: (Int, Double, inout S.State, inout S) -> Void = { _, _, _, _ in },
        observe: (Int, Double, S.State) -> Void = { _, _, _ in }
    ) throws(ODE.Failure) -> ODE.Summary<S.State> {
        var method = _DormandPrinceStepper<S>()
        return try ODE.integrate(&method, system: system, from: t0, y0, to: t1,
                                 observationTimes: observationTimes, stopTimes: stopTimes, events: events,
                                 options: options, onStop: onStop, observe: observe)
    }

    /// Integrates from `(t0, y0)` to the last of `times` and returns the states at `times`
    /// (non-decreasing, all `≥ t0`). With empty `times` it returns `y0` at `t0` only in `summary`.
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

/// Butcher tableau, error and dense-output coefficients of DOPRI5 (Hairer I, Table II.5.2 and
/// §II.6). `e_i = b_i − b̂_i` (5th minus 4th order weights).
@usableFromInline
enum _DOPRI5 {
    @usableFromInline static let c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9
    @usableFromInline static let a21 = 1.0 / 5
    @usableFromInline static let a31 = 3.0 / 40, a32 = 9.0 / 40
    @usableFromInline static let a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9
    @usableFromInline static let a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729
    @usableFromInline static let a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176,
                                 a65 = -5103.0 / 18656
    @usableFromInline static let a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784,
                                 a76 = 11.0 / 84
    @usableFromInline static let e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                                 e6 = 22.0 / 525, e7 = -1.0 / 40
    @usableFromInline static let d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799,
                                 d4 = -10690763975.0 / 1880347072, d5 = 701980252875.0 / 199316789632,
                                 d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423
}

@usableFromInline
struct _DormandPrinceStepper<System: ODESystem>: _ODEStepper {
    @usableFromInline typealias State = System.State
    @usableFromInline var k2 = State(), k3 = State(), k4 = State(), k5 = State(), k6 = State(), k7 = State()
    @usableFromInline var stage6 = State(), y1 = State()
    // Dense output: y(t + θh) = r1 + θ(r2 + (1−θ)(r3 + θ(r4 + (1−θ) r5))).
    @usableFromInline var r1 = State(), r2 = State(), r3 = State(), r4 = State(), r5 = State()
    @usableFromInline var evaluations = 0
    @usableFromInline var jacobians = 0
    @usableFromInline var factorizations = 0

    @inlinable init() {}

    @inlinable var errorOrder: Double { 5 }
    @inlinable var detectsStiffness: Bool { true }
    @inlinable var landsOnObservations: Bool { false }
    @inlinable var lastAttemptSingular: Bool { false }
    @inlinable var proposal: State { y1 }

    @inlinable
    mutating func attempt(_ system: System, t: Double, y: State, f0 k1: State, h: Double,
                          tolerances: ODE.Tolerances<State>) -> Double {
        typealias C = _DOPRI5
        var s = (h * C.a21) * k1
        k2 = system.derivative(at: t + C.c2 * h, y + s)
        s = (h * C.a31) * k1
        s += (h * C.a32) * k2
        k3 = system.derivative(at: t + C.c3 * h, y + s)
        s = (h * C.a41) * k1
        s += (h * C.a42) * k2
        s += (h * C.a43) * k3
        k4 = system.derivative(at: t + C.c4 * h, y + s)
        s = (h * C.a51) * k1
        s += (h * C.a52) * k2
        s += (h * C.a53) * k3
        s += (h * C.a54) * k4
        k5 = system.derivative(at: t + C.c5 * h, y + s)
        s = (h * C.a61) * k1
        s += (h * C.a62) * k2
        s += (h * C.a63) * k3
        s += (h * C.a64) * k4
        s += (h * C.a65) * k5
        stage6 = y + s
        k6 = system.derivative(at: t + h, stage6)
        s = (h * C.a71) * k1
        s += (h * C.a73) * k3
        s += (h * C.a74) * k4
        s += (h * C.a75) * k5
        s += (h * C.a76) * k6
        y1 = y + s
        k7 = system.derivative(at: t + h, y1)
        evaluations += 6
        var e = (h * C.e1) * k1
        e += (h * C.e3) * k3
        e += (h * C.e4) * k4
        e += (h * C.e5) * k5
        e += (h * C.e6) * k6
        e += (h * C.e7) * k7
        return tolerances.errorNorm(e, y, y1)
    }

    @inlinable
    mutating func endDerivative(_ system: System, t: Double, h: Double) -> State { k7 }

    @inlinable
    mutating func prepareInterpolation(y0: State, f0: State, f1: State, h: Double) {
        typealias C = _DOPRI5
        r1 = y0
        r2 = y1 - y0
        r3 = h * f0 - r2
        r4 = r2 - h * f1 - r3
        var d = C.d1 * f0
        d += C.d3 * k3
        d += C.d4 * k4
        d += C.d5 * k5
        d += C.d6 * k6
        d += C.d7 * f1
        r5 = h * d
    }

    @inlinable
    func interpolate(_ theta: Double) -> State {
        let u = 1 - theta
        var v = r4 + u * r5
        v = r3 + theta * v
        v = r2 + u * v
        return r1 + theta * v
    }

    /// `h·‖k7 − k6‖/‖y1 − y_stage6‖`, both stages taken at `t + h` (Hairer II, §IV.2).
    @inlinable
    func stiffnessEstimate(h: Double, tolerances: ODE.Tolerances<State>) -> Double {
        var num = 0.0, den = 0.0
        for i in 0 ..< tolerances.dimension {
            let df = k7[i] - k6[i], dy = y1[i] - stage6[i]
            num += df * df; den += dy * dy
        }
        guard den > 0 else { return 0 }
        return h * (num / den).squareRoot()
    }

    @inlinable mutating func moved() {}
}
