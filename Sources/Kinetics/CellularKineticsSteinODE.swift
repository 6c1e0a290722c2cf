extension CellularKinetics {
    /// The Stein 2019 model as an ODE system (Figure 2), state `(E, M)` in copies/µg.
    ///
    ///     expansion   (0 ≤ t < Tmax):  E′ = ρ·E,    M′ = 0
    ///     contraction (t ≥ Tmax):      E′ = −α·E,   M′ = k·E − β·M,   k = FB·(α − β)
    ///
    /// The phase is a stored property switched at the stop time `Tmax` (never by testing `t`),
    /// so the integrator lands exactly on the kink. Use it as the building block when the
    /// kinetics must be coupled to other compartments; for the model alone the closed form
    /// `steinTransgene(at:_:)` is exact and cheaper.
    public struct SteinSystem: ODESystem, Sendable, Equatable {
        public enum Phase: String, Sendable, Equatable, Codable { case expansion, contraction }
        public var parameters: SteinParameters
        public var phase: Phase

        public init(_ parameters: SteinParameters, phase: Phase = .expansion) {
            self.parameters = parameters
            self.phase = phase
        }

        @inlinable public var isAutonomous: Bool { true }

        @inlinable
        public func derivative(at t: Double, _ y: SIMD2<Double>) -> SIMD2<Double> {
            switch phase {
            case .expansion:
                return SIMD2(parameters.expansionRate * y[0], 0)
            case .contraction:
                return SIMD2(-parameters.alpha * y[0],
                             parameters.memoryTransferRate * y[0] - parameters.beta * y[1])
            }
        }

        @inlinable
        public func jacobian(at t: Double, _ y: SIMD2<Double>, into m: inout ODE.SquareMatrix) -> Bool {
            switch phase {
            case .expansion:
                m[0, 0] = parameters.expansionRate; m[0, 1] = 0; m[1, 0] = 0; m[1, 1] = 0
            case .contraction:
                m[0, 0] = -parameters.alpha; m[0, 1] = 0
                m[1, 0] = parameters.memoryTransferRate; m[1, 1] = -parameters.beta
            }
            return true
        }
    }

    /// Transgene levels `E + M` at `days` by integrating `SteinSystem` with `DormandPrince54`
    /// from `(R0, 0)` at Day 0, switching phase at the stop time `Tmax`.
    ///
    /// - Parameters:
    ///   - days: non-decreasing, all ≥ 0.
    ///   - options: integrator settings (default `rtol` 1e-8, `atol` 1e-10·Cmax).
    /// - Throws: `Failure.invalidParameter` for bad parameters or days, `Failure.integration`.
    /// - Accuracy: matches `steinTransgene(at:_:)` to about the relative tolerance.
    public static func simulateStein(_ p: SteinParameters, at days: [Double],
                                     options: ODE.Options? = nil) throws(Failure) -> [Double] {
        try p.validate()
        if let i = days.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw .invalidParameter("days[\(i)]: must be finite and ≥ 0, got \(days[i])")
        }
        let last = days.last ?? 0
        let solver = DormandPrince54(options: options ?? ODE.Options(relativeTolerance: 1e-8,
                                                                      absoluteTolerance: 1e-10 * p.cmax))
        do {
            let run = try solver.trajectory(
                SteinSystem(p), from: 0, SIMD2(p.baseline, 0), at: days,
                stopTimes: p.tmax < last ? [p.tmax] : [],
                onStop: { _, _, _, system in system.phase = .contraction })
            return run.states.map { $0[0] + $0[1] }
        } catch {
            throw .integration(error)
        }
    }
}
