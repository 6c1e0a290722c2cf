/// Namespace for the initial-value-problem machinery shared by the integrators
/// (`DormandPrince54`, `Rodas3`): options, tolerances, events, reports and failures.
///
/// The integrators are built for throughput: a virtual patient is a small system (2–16 states)
/// integrated over years, and a trial runs 10⁵ of them. The state is therefore a fixed-size
/// `SIMD` vector of `Double` (`SIMD2`, `SIMD4`, `SIMD8`, `SIMD16`, …) held on the stack, so a
/// step performs no heap allocation; a system with fewer states than lanes declares its
/// `dimension` and the remaining lanes are ignored by error control.
public enum ODE {}

/// A system of first-order ordinary differential equations `y′ = f(t, y)`.
///
/// Conform a small struct holding the (patient-specific) parameters; the integrators are
/// generic over the conforming type, so `derivative(at:_:)` is specialised and inlined.
///
/// - `State`: a `SIMD` vector of `Double`. Lanes at index `dimension` and above are padding:
///   the integrators ignore them in error control and finiteness checks, but still carry them,
///   so `derivative` should return zero there (a fresh `State()` is all zeros).
/// - `dimension`: number of meaningful lanes, `1 ... State.scalarCount`. Defaults to all lanes.
/// - `isAutonomous`: `true` if `f` does not depend on `t` explicitly. Only the Rosenbrock
///   integrator uses it (it then skips the finite-difference estimate of `∂f/∂t`). Defaults to
///   `false`, which is always safe.
/// - `jacobian(at:_:into:)`: optional analytic Jacobian `∂f_i/∂y_j` for `Rodas3`. Return
///   `false` (the default) to let the integrator use forward differences.
///
/// Populations that can vanish (a cleared tumour, CAR-T below detection) should be read as
/// `max(0, y_i)` inside the rates: error control lets a component that decays to zero dip to
/// about `−atol`, and a negative tumour with a positive net growth rate grows *negatively*
/// until the step size underflows.
///
/// Piecewise right-hand sides (a regime that switches at a known time, such as the end of
/// CAR-T expansion) must not test `t` inside `derivative`: a step that ends exactly on the
/// switch evaluates `f` there with the wrong branch. Keep the regime as a stored property and
/// switch it in the `onStop` callback at a stop time instead (see `DormandPrince54.solve`).
public protocol ODESystem {
    associatedtype State: SIMD where State.Scalar == Double
    var dimension: Int { get }
    var isAutonomous: Bool { get }
    func derivative(at t: Double, _ y: State) -> State
    func jacobian(at t: Double, _ y: State, into matrix: inout ODE.SquareMatrix) -> Bool
}

extension ODESystem {
    @inlinable public var dimension: Int { State.scalarCount }
    @inlinable public var isAutonomous: Bool { false }
    @inlinable public func jacobian(at t: Double, _ y: State, into matrix: inout ODE.SquareMatrix) -> Bool { false }
}

extension ODE {
    /// An `ODESystem` made from a closure, for tests and one-off problems.
    ///
    /// The closure is called through a function value, so it is somewhat slower than a
    /// dedicated struct conforming to `ODESystem`; prefer a struct in hot loops.
    public struct FunctionSystem<State: SIMD>: ODESystem where State.Scalar == Double {
        public let dimension: Int
        public let isAutonomous: Bool
        @usableFromInline let f: (Double, State) -> State

        /// - Parameters:
        ///   - dimension: meaningful lanes (default: all lanes of `State`).
        ///   - autonomous: whether `f` ignores `t` (only used by `Rodas3`).
        ///   - f: the right-hand side `f(t, y)`.
        public init(dimension: Int = State.scalarCount, autonomous: Bool = false,
                    _ f: @escaping (Double, State) -> State) {
            self.dimension = dimension
            self.isAutonomous = autonomous
            self.f = f
        }

        @inlinable public func derivative(at t: Double, _ y: State) -> State { f(t, y) }
    }
}
