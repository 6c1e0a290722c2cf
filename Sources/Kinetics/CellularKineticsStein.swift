import RealModule

/// Namespace for cellular-kinetic models of CAR-T cells (transgene copies per µg genomic DNA
/// by qPCR, time in days from infusion, Day 0).
public enum CellularKinetics {
    /// Why a cellular-kinetic computation refused its input; the message names the field.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidParameter(String)
        case insufficientData(String)
        case integration(ODE.Failure)

        public var description: String {
            switch self {
            case .invalidParameter(let why): return "invalid parameter: \(why)"
            case .insufficientData(let why): return "insufficient data: \(why)"
            case .integration(let failure): return "integration failed: \(failure)"
            }
        }
    }

    /// Parameters of the multiphasic model of Stein et al. (2019), *CPT Pharmacometrics Syst
    /// Pharmacol* 8:285–295, "Tisagenlecleucel model-based cellular kinetic analysis of chimeric
    /// antigen receptor-T cells", Figure 2 and Table 1 (fitted with Monolix; names as there).
    ///
    /// The level starts at `R0 = Cmax/foldx` at Day 0, grows as `exp(ρ t)` with
    /// `ρ = ln(foldx)/Tmax` until `Tmax`, then declines biexponentially: effector cells at rate
    /// `α`, of which a fraction `FB` of the peak persists as memory-like cells declining at
    /// rate `β` (`α > β`).
    public struct SteinParameters: Sendable, Equatable, Hashable, Codable {
        /// `foldx`: fold expansion from Day 0 to the peak, `Cmax/R0` (≥ 1).
        public var foldExpansion: Double
        /// `Tmax`: time of the peak, days (> 0).
        public var tmax: Double
        /// `Cmax`: peak level, copies/µg (> 0).
        public var cmax: Double
        /// `α`: rate of the fast (effector) contraction, 1/day (> 0).
        public var alpha: Double
        /// `β`: rate of the slow (memory) decline, 1/day (> 0, normally < α).
        public var beta: Double
        /// `FB`: fraction of the peak level that follows the slow decline, in [0, 1].
        public var memoryFraction: Double

        public init(foldExpansion: Double, tmax: Double, cmax: Double, alpha: Double, beta: Double,
                    memoryFraction: Double) {
            self.foldExpansion = foldExpansion
            self.tmax = tmax
            self.cmax = cmax
            self.alpha = alpha
            self.beta = beta
            self.memoryFraction = memoryFraction
        }

        /// Typical values of Stein 2019 Table 1 (tisagenlecleucel, pediatric/young-adult r/r
        /// B-ALL, ELIANA + ENSIGN, n = 90): foldx 3,900, Tmax 9.3 d, Cmax 24,000 copies/µg,
        /// α 0.16/d, FB 0.0079, β 0.0032/d. A CD19 product: a reference shape, not FUCASO's.
        public static let tisagenlecleucelALL = SteinParameters(
            foldExpansion: 3900, tmax: 9.3, cmax: 24000, alpha: 0.16, beta: 0.0032, memoryFraction: 0.0079)

        /// `ρ = ln(foldx)/Tmax`, 1/day.
        @inlinable public var expansionRate: Double { Double.log(foldExpansion) / tmax }
        /// `R0 = Cmax/foldx`, the Day-0 level.
        @inlinable public var baseline: Double { cmax / foldExpansion }
        /// `k = FB·(α − β)`: effector-to-memory transfer rate of the compartmental form.
        @inlinable public var memoryTransferRate: Double { memoryFraction * (alpha - beta) }

        /// Throws `Failure.invalidParameter` naming the first field outside its domain.
        public func validate() throws(Failure) {
            func check(_ ok: Bool, _ field: String, _ value: Double, _ domain: String) throws(Failure) {
                guard ok, value.isFinite else { throw .invalidParameter("\(field): must be \(domain), got \(value)") }
            }
            try check(foldExpansion >= 1, "foldExpansion", foldExpansion, "≥ 1")
            try check(tmax > 0, "tmax", tmax, "> 0")
            try check(cmax > 0, "cmax", cmax, "> 0")
            try check(alpha > 0, "alpha", alpha, "> 0")
            try check(beta > 0, "beta", beta, "> 0")
            try check(memoryFraction >= 0 && memoryFraction <= 1, "memoryFraction", memoryFraction, "in [0, 1]")
        }
    }

    /// Effector and memory levels of the Stein model at day `t`, closed form.
    ///
    /// For `0 ≤ t < Tmax`: `E = R0·e^{ρt}`, `M = 0`. For `t ≥ Tmax`, with `τ = t − Tmax`:
    /// `E = Cmax·e^{−ατ}`, `M = FB·Cmax·(e^{−βτ} − e^{−ατ})` — the solution of the compartmental
    /// form `E′ = −αE`, `M′ = kE − βM`, `k = FB(α − β)`, `E(Tmax) = Cmax`, `M(Tmax) = 0` (Stein 2019
    /// Figure 2). Their sum is the published closed form
    /// `Cmax·[(1 − FB)e^{−ατ} + FB·e^{−βτ}]`.
    ///
    /// - Domain: `t` finite; returns zeros for `t < 0` (no CAR-T cells before infusion).
    /// - Accuracy: a few ulps (one or two `exp` each). `M < 0` only if `β > α`.
    @inlinable
    public static func steinCompartments(at t: Double, _ p: SteinParameters) -> (effector: Double, memory: Double) {
        guard t >= 0 else { return (0, 0) }
        if t < p.tmax { return (p.baseline * Double.exp(p.expansionRate * t), 0) }
        let tau = t - p.tmax
        let fast = Double.exp(-p.alpha * tau), slow = Double.exp(-p.beta * tau)
        return (p.cmax * fast, p.memoryFraction * p.cmax * (slow - fast))
    }

    /// Transgene level (copies/µg) of the Stein model at day `t`: effector + memory.
    /// Continuous at `Tmax` (value `Cmax`); 0 for `t < 0`. See `steinCompartments(at:_:)`.
    @inlinable
    public static func steinTransgene(at t: Double, _ p: SteinParameters) -> Double {
        guard t >= 0 else { return 0 }
        if t < p.tmax { return p.baseline * Double.exp(p.expansionRate * t) }
        let tau = t - p.tmax
        return p.cmax * ((1 - p.memoryFraction) * Double.exp(-p.alpha * tau)
                         + p.memoryFraction * Double.exp(-p.beta * tau))
    }
}
