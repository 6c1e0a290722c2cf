import Foundation
import Numerics
import Testing
@testable import Kinetics

@Suite("Stein 2019 cellular-kinetic model")
struct CellularKineticsSteinTests {
    let typical = CellularKinetics.SteinParameters.tisagenlecleucelALL

    @Test("closed form at Day 0, mid-expansion, Tmax and Tmax + 10 (hand calculation)")
    func closedFormValues() {
        // setup: foldx 3900, Tmax 9.3, Cmax 24000, α 0.16, β 0.0032, FB 0.0079 (Table 1).
        // MUT / validate
        // Day 0: R0 = Cmax/foldx = 24000/3900 = 6.153846…
        #expect(CellularKinetics.steinTransgene(at: 0, typical).isApproximatelyEqual(to: 24000.0 / 3900, relativeTolerance: 1e-14))
        // Tmax/2: R0·e^{ρTmax/2} = R0·√foldx = 24000/√3900 = 384.3075…
        #expect(CellularKinetics.steinTransgene(at: 4.65, typical).isApproximatelyEqual(to: 24000 / 3900.0.squareRoot(), relativeTolerance: 1e-12))
        // Tmax: Cmax, from both sides.
        #expect(CellularKinetics.steinTransgene(at: 9.3, typical) == 24000)
        #expect(CellularKinetics.steinTransgene(at: 9.3.nextDown, typical).isApproximatelyEqual(to: 24000, relativeTolerance: 1e-12))
        // Tmax + 10: 24000·(0.9921·e^{-1.6} + 0.0079·e^{-0.032})
        //   = 24000·(0.9921·0.2018965180 + 0.0079·0.9685065820) = 24000·0.2079527375 = 4990.8657
        #expect(CellularKinetics.steinTransgene(at: 19.3, typical).isApproximatelyEqual(to: 4990.8657, relativeTolerance: 1e-7))
        // Before infusion: no cells.
        #expect(CellularKinetics.steinTransgene(at: -1, typical) == 0)
    }

    @Test("derived rates reproduce the paper's doubling time 0.78 d and half-lives 4.3 d and ≈220 d")
    func derivedRates() {
        // setup: Stein 2019 Discussion reports doubling time 0.78 d, initial decline half-life
        // 4.3 d and terminal half-life 220 d for the typical patient.
        // MUT
        let doubling = log(2) / typical.expansionRate
        let fast = log(2) / typical.alpha, slow = log(2) / typical.beta
        // validate (the paper rounds; ln 2/0.0032 = 216.6)
        #expect(abs(doubling - 0.78) < 0.005)
        #expect(abs(fast - 4.3) < 0.05)
        #expect(abs(slow - 220) / 220 < 0.03)
        #expect(typical.baseline.isApproximatelyEqual(to: 24000.0 / 3900, relativeTolerance: 1e-15))
    }

    @Test("compartments: M(Tmax) = 0, E + M = total, and the hand-computed split at Tmax + 10")
    func compartments() {
        // MUT
        let atPeak = CellularKinetics.steinCompartments(at: 9.3, typical)
        let later = CellularKinetics.steinCompartments(at: 19.3, typical)
        // validate: E = 24000·e^{-1.6} = 4845.5164; M = 0.0079·24000·(e^{-0.032} − e^{-1.6}) = 145.3493
        #expect(atPeak.effector == 24000 && atPeak.memory == 0)
        #expect(later.effector.isApproximatelyEqual(to: 4845.5164, relativeTolerance: 1e-7))
        #expect(later.memory.isApproximatelyEqual(to: 145.3493, relativeTolerance: 1e-6))
        for t in [0.0, 3, 9.3, 10, 50, 400, 1100] {
            let c = CellularKinetics.steinCompartments(at: t, typical)
            #expect((c.effector + c.memory).isApproximatelyEqual(to: CellularKinetics.steinTransgene(at: t, typical), relativeTolerance: 1e-12))
        }
    }

    @Test("the ODE form integrated by DormandPrince54 matches the closed form to 1e-6 over 1,100 days")
    func odeMatchesClosedForm() throws {
        // setup
        let days = (0 ... 1100).map(Double.init) + [9.3, 9.31, 0.5]
        let sorted = days.sorted()
        // MUT
        let levels = try CellularKinetics.simulateStein(typical, at: sorted)
        // validate
        for (t, level) in zip(sorted, levels) {
            #expect(level.isApproximatelyEqual(to: CellularKinetics.steinTransgene(at: t, typical), relativeTolerance: 1e-6), "day \(t)")
        }
    }

    @Test("the ODE form integrated by Rodas3 with the analytic Jacobian matches the closed form")
    func odeRodasMatchesClosedForm() throws {
        // setup
        let p = typical
        let days: [Double] = [1, 5, 9.3, 14, 28, 90, 365, 730, 1100]
        // MUT
        let run = try Rodas3(options: ODE.Options(relativeTolerance: 1e-8, absoluteTolerance: 1e-10 * p.cmax))
            .trajectory(CellularKinetics.SteinSystem(p), from: 0, SIMD2(p.baseline, 0), at: days, stopTimes: [p.tmax],
                        onStop: { _, _, _, s in s.phase = .contraction })
        // validate
        for (t, y) in zip(days, run.states) {
            #expect((y[0] + y[1]).isApproximatelyEqual(to: CellularKinetics.steinTransgene(at: t, p), relativeTolerance: 1e-5), "day \(t)")
            #expect(y[1].isApproximatelyEqual(to: CellularKinetics.steinCompartments(at: t, p).memory, absoluteTolerance: 1e-6 * p.cmax))
        }
    }

    @Test("invalid parameters are rejected with the field name")
    func validation() {
        // setup
        var p = typical
        p.memoryFraction = 1.5
        var q = typical
        q.foldExpansion = 0.5
        // MUT / validate
        #expect(throws: CellularKinetics.Failure.invalidParameter("memoryFraction: must be in [0, 1], got 1.5")) { try p.validate() }
        #expect(throws: CellularKinetics.Failure.self) { try q.validate() }
        #expect(throws: CellularKinetics.Failure.self) { _ = try CellularKinetics.simulateStein(typical, at: [-1]) }
        #expect(throws: Never.self) { try typical.validate() }
    }
}

@Suite("Stein 2019 model: simulation edge cases")
struct CellularKineticsSteinEdgeTests {
    @Test("days that all fall before Tmax need no stop; an empty day list gives no levels")
    func beforePeakOnly() throws {
        // setup
        let p = CellularKinetics.SteinParameters.tisagenlecleucelALL
        // MUT
        let early = try CellularKinetics.simulateStein(p, at: [0, 2, 9.3])
        let none = try CellularKinetics.simulateStein(p, at: [])
        // validate: R0·e^{2ρ} and Cmax at Tmax.
        #expect(early[1].isApproximatelyEqual(to: p.baseline * exp(2 * p.expansionRate), relativeTolerance: 1e-7))
        #expect(early[2].isApproximatelyEqual(to: 24000, relativeTolerance: 1e-7))
        #expect(none.isEmpty)
    }

    @Test("α = β makes the memory compartment vanish (k = 0)")
    func equalRates() {
        // setup
        let p = CellularKinetics.SteinParameters(foldExpansion: 100, tmax: 10, cmax: 1000, alpha: 0.1, beta: 0.1, memoryFraction: 0.3)
        // MUT
        let c = CellularKinetics.steinCompartments(at: 20, p)
        // validate: E = 1000·e^{-1}, M = 0, total the same.
        #expect(c.memory == 0)
        #expect(c.effector.isApproximatelyEqual(to: 1000 * exp(-1.0), relativeTolerance: 1e-14))
        #expect(CellularKinetics.steinTransgene(at: 20, p).isApproximatelyEqual(to: 1000 * exp(-1.0), relativeTolerance: 1e-14))
    }
}
