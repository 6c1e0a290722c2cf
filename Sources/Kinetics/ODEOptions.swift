extension ODE {
    /// What to do when the explicit integrator detects stiffness.
    public enum StiffnessPolicy: String, Sendable, Equatable, Codable, CaseIterable {
        /// Do not test for stiffness.
        case ignore
        /// Record the time in `Statistics.stiffnessDetectedAt` and go on (default).
        case report
        /// Throw `ODE.Failure.stiffnessDetected` (use it to switch to `Rodas3`).
        case fail
    }

    /// Error control and step-size settings shared by `DormandPrince54` and `Rodas3`.
    ///
    /// The local error estimate `err_i` of each accepted step satisfies, in the root-mean-square
    /// norm over the `dimension` components (Hairer, Nørsett & Wanner, *Solving ODEs I*, 2nd ed.,
    /// §II.4, eq. 4.11),
    ///
    ///     sqrt( (1/n) Σ (err_i / (atol_i + rtol_i · max(|y0_i|, |y1_i|)))² ) ≤ 1.
    ///
    /// This bounds the *local* error per step; the global error is usually a modest multiple of
    /// the tolerance for non-stiff, non-chaotic problems and grows with the length of the
    /// interval (linearly for periodic orbits). Choose `rtol` around 1e-6 for clinical
    /// simulation (well below assay noise) and 1e-10 for references.
    ///
    /// Step-size controller: `h_new = h / fac`, with `fac = err^(1/q − 0.75·β) / err_old^β / safety`
    /// clamped to `[1/maxScaleFactor, 1/minScaleFactor]` (PI controller of Gustafsson as used in
    /// Hairer's DOPRI5; `β = piBeta`, `q` = order of the error estimate + 1). `piBeta = 0` gives the
    /// classical controller. After a rejection the step is not allowed to grow.
    public struct Options: Sendable, Equatable, Codable {
        /// Scalar relative tolerance, used for every component unless `componentRelativeTolerance`.
        public var relativeTolerance: Double
        /// Scalar absolute tolerance, used for every component unless `componentAbsoluteTolerance`.
        public var absoluteTolerance: Double
        /// Per-component relative tolerances (`dimension` entries) or `nil`.
        public var componentRelativeTolerance: [Double]?
        /// Per-component absolute tolerances (`dimension` entries) or `nil`. Set them in each
        /// component's own units: cells/µL and pg/mL need different floors.
        public var componentAbsoluteTolerance: [Double]?
        /// First trial step; `nil` selects it automatically (Hairer I, §II.4, p. 169).
        public var initialStep: Double?
        /// Largest step allowed (default: unbounded).
        public var maxStep: Double
        /// Maximum number of step attempts (accepted + rejected) before `tooManySteps`.
        public var maxSteps: Int
        /// Safety factor applied to the optimal step (0 < safety < 1; default 0.9).
        public var safetyFactor: Double
        /// Smallest factor by which one step may shrink the next (default 0.2).
        public var minScaleFactor: Double
        /// Largest factor by which one step may grow the next (default 10).
        public var maxScaleFactor: Double
        /// β of the PI controller (default 0.04, Hairer's DOPRI5 value; 0 gives the classical
        /// controller). Used by both integrators.
        public var piBeta: Double
        /// Stiffness detection (only `DormandPrince54` detects stiffness).
        public var stiffness: StiffnessPolicy
        /// Absolute tolerance in `t` for locating event roots.
        public var eventTimeTolerance: Double

        public init(relativeTolerance: Double = 1e-6,
                    absoluteTolerance: Double = 1e-8,
                    componentRelativeTolerance: [Double]? = nil,
                    componentAbsoluteTolerance: [Double]? = nil,
                    initialStep: Double? = nil,
                    maxStep: Double = .infinity,
                    maxSteps: Int = 100_000,
                    safetyFactor: Double = 0.9,
                    minScaleFactor: Double = 0.2,
                    maxScaleFactor: Double = 10,
                    piBeta: Double = 0.04,
                    stiffness: StiffnessPolicy = .report,
                    eventTimeTolerance: Double = 1e-10) {
            self.relativeTolerance = relativeTolerance
            self.absoluteTolerance = absoluteTolerance
            self.componentRelativeTolerance = componentRelativeTolerance
            self.componentAbsoluteTolerance = componentAbsoluteTolerance
            self.initialStep = initialStep
            self.maxStep = maxStep
            self.maxSteps = maxSteps
            self.safetyFactor = safetyFactor
            self.minScaleFactor = minScaleFactor
            self.maxScaleFactor = maxScaleFactor
            self.piBeta = piBeta
            self.stiffness = stiffness
            self.eventTimeTolerance = eventTimeTolerance
        }

        /// Checks every field; throws `ODE.Failure.invalidArgument` naming the first bad one.
        public func validate(dimension: Int) throws(ODE.Failure) {
            func bad(_ field: String, _ why: String) -> ODE.Failure { .invalidArgument("\(field): \(why)") }
            guard relativeTolerance >= 0, relativeTolerance.isFinite else {
                throw bad("relativeTolerance", "must be finite and ≥ 0, got \(relativeTolerance)")
            }
            guard absoluteTolerance >= 0, absoluteTolerance.isFinite else {
                throw bad("absoluteTolerance", "must be finite and ≥ 0, got \(absoluteTolerance)")
            }
            for (name, list) in [("componentRelativeTolerance", componentRelativeTolerance),
                                 ("componentAbsoluteTolerance", componentAbsoluteTolerance)] {
                guard let list else { continue }
                guard list.count == dimension else {
                    throw bad(name, "needs \(dimension) entries, got \(list.count)")
                }
                if let v = list.first(where: { !($0 >= 0 && $0.isFinite) }) {
                    throw bad(name, "entries must be finite and ≥ 0, got \(v)")
                }
            }
            for i in 0 ..< dimension {
                let a = componentAbsoluteTolerance?[i] ?? absoluteTolerance
                let r = componentRelativeTolerance?[i] ?? relativeTolerance
                guard a > 0 || r > 0 else {
                    throw bad("absoluteTolerance", "absolute and relative tolerance are both 0 for component \(i)")
                }
            }
            if let h = initialStep, !(h > 0 && h.isFinite) {
                throw bad("initialStep", "must be finite and > 0, got \(h)")
            }
            guard maxStep > 0 else { throw bad("maxStep", "must be > 0, got \(maxStep)") }
            guard maxSteps > 0 else { throw bad("maxSteps", "must be > 0, got \(maxSteps)") }
            guard safetyFactor > 0, safetyFactor < 1 else {
                throw bad("safetyFactor", "must lie in (0, 1), got \(safetyFactor)")
            }
            guard minScaleFactor > 0, minScaleFactor < 1 else {
                throw bad("minScaleFactor", "must lie in (0, 1), got \(minScaleFactor)")
            }
            guard maxScaleFactor > 1, maxScaleFactor.isFinite else {
                throw bad("maxScaleFactor", "must be finite and > 1, got \(maxScaleFactor)")
            }
            guard piBeta >= 0, piBeta <= 0.2 else { throw bad("piBeta", "must lie in [0, 0.2], got \(piBeta)") }
            guard eventTimeTolerance > 0, eventTimeTolerance.isFinite else {
                throw bad("eventTimeTolerance", "must be finite and > 0, got \(eventTimeTolerance)")
            }
        }
    }

    /// Tolerances expanded to `State` lanes once per solve, so error norms cost one short loop
    /// over the meaningful lanes per step.
    public struct Tolerances<State: SIMD> where State.Scalar == Double {
        public let absolute: State
        public let relative: State
        public let dimension: Int
        @usableFromInline let inverseDimension: Double

        /// Expands `options` for a system of `dimension` meaningful lanes (validated by the caller).
        public init(_ options: Options, dimension: Int) {
            var a = State(), r = State()
            for i in 0 ..< State.scalarCount {
                if i < dimension {
                    a[i] = options.componentAbsoluteTolerance?[i] ?? options.absoluteTolerance
                    r[i] = options.componentRelativeTolerance?[i] ?? options.relativeTolerance
                } else {
                    a[i] = 1; r[i] = 0
                }
            }
            absolute = a; relative = r
            self.dimension = dimension
            inverseDimension = 1 / Double(dimension)
        }

        /// Weighted RMS norm of a local error `e` for a step from `y0` to `y1`; NaN if any
        /// meaningful lane of `e` or `y1` is not finite.
        ///
        /// A scalar loop over the lanes' memory: generic `SIMDMask` operations and
        /// variable-index lane access are not vectorised by the compiler and cost more than
        /// the whole right-hand side.
        @inlinable public func errorNorm(_ e: State, _ y0: State, _ y1: State) -> Double {
            var s = 0.0
            ODE.withLanes(e, y0, y1) { e, y0, y1 in
                ODE.withLanes(absolute, relative) { a, r in
                    for i in 0 ..< dimension {
                        // The floor keeps atol = 0 with y = 0 from reading as a non-finite error.
                        let scale = max(a[i] + r[i] * max(abs(y0[i]), abs(y1[i])), .leastNormalMagnitude)
                        let q = e[i] / scale
                        s += q * q + 0 * y1[i]   // 0·y1 is NaN for a non-finite y1, and NaN poisons s
                    }
                }
            }
            return (s * inverseDimension).squareRoot()
        }

        /// RMS norm of `v` weighted by `atol + rtol·|y|` (used for the initial step).
        @inlinable public func weightedNorm(_ v: State, scaleBy y: State) -> Double {
            var s = 0.0
            for i in 0 ..< dimension {
                let q = v[i] / max(absolute[i] + relative[i] * abs(y[i]), .leastNormalMagnitude)
                s += q * q
            }
            return (s * inverseDimension).squareRoot()
        }

        /// `true` when every meaningful lane of `v` is finite.
        @inlinable public func isFinite(_ v: State) -> Bool {
            var s = 0.0
            for i in 0 ..< dimension { s += 0 * v[i] }
            return s == 0
        }
    }

    /// Calls `body` with pointers to the lanes of `a`, `b`, `c` (valid only inside `body`).
    @inlinable @inline(__always)
    static func withLanes<V: SIMD, R>(_ a: V, _ b: V, _ c: V,
                                      _ body: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R
    where V.Scalar == Double {
        withUnsafeBytes(of: a) { pa in
            withUnsafeBytes(of: b) { pb in
                withUnsafeBytes(of: c) { pc in
                    body(pa.baseAddress!.assumingMemoryBound(to: Double.self),
                         pb.baseAddress!.assumingMemoryBound(to: Double.self),
                         pc.baseAddress!.assumingMemoryBound(to: Double.self))
                }
            }
        }
    }

    /// Calls `body` with pointers to the lanes of `a` and `b` (valid only inside `body`).
    @inlinable @inline(__always)
    static func withLanes<V: SIMD, R>(_ a: V, _ b: V,
                                      _ body: (UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R
    where V.Scalar == Double {
        withUnsafeBytes(of: a) { pa in
            withUnsafeBytes(of: b) { pb in
                body(pa.baseAddress!.assumingMemoryBound(to: Double.self),
                     pb.baseAddress!.assumingMemoryBound(to: Double.self))
            }
        }
    }
}
