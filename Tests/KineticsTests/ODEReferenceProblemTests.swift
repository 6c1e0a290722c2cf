import Foundation
import Numerics
import Testing
@testable import Kinetics

/// Classical test problems with published or independently computed references.
@Suite("DormandPrince54 on reference problems")
struct ODEReferenceProblemTests {
    /// Van der Pol, y1' = y2, y2' = μ(1 − y1²)y2 − y1.
    struct VanDerPol: ODESystem {
        var mu: Double
        func derivative(at t: Double, _ y: SIMD2<Double>) -> SIMD2<Double> {
            SIMD2(y[1], mu * (1 - y[0] * y[0]) * y[1] - y[0])
        }
    }

    /// Restricted three-body problem (Arenstorf orbit), Hairer I, §II.0, eq. (0.1);
    /// state (y1, y2, y1', y2').
    struct Arenstorf: ODESystem {
        let mu = 0.012277471
        func derivative(at t: Double, _ y: SIMD4<Double>) -> SIMD4<Double> {
            let mu1 = 1 - mu
            let d1 = pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5)
            let d2 = pow((y[0] - mu1) * (y[0] - mu1) + y[1] * y[1], 1.5)
            return SIMD4(y[2], y[3],
                         y[0] + 2 * y[3] - mu1 * (y[0] + mu) / d1 - mu * (y[0] - mu1) / d2,
                         y[1] - 2 * y[2] - mu1 * y[1] / d1 - mu * y[1] / d2)
        }
    }

    @Test("Lotka–Volterra keeps its first integral V = δx − γ ln x + βy − α ln y")
    func lotkaVolterraInvariant() throws {
        // setup: x' = αx − βxy, y' = δxy − γy with α = 2/3, β = 4/3, γ = 1, δ = 1.
        let a = 2.0 / 3, b = 4.0 / 3, c = 1.0, d = 1.0
        let system = ODE.FunctionSystem<SIMD2<Double>> { _, y in
            SIMD2(a * y[0] - b * y[0] * y[1], d * y[0] * y[1] - c * y[1])
        }
        func invariant(_ y: SIMD2<Double>) -> Double { d * y[0] - c * log(y[0]) + b * y[1] - a * log(y[1]) }
        let y0 = SIMD2(0.9, 0.9)
        let v0 = invariant(y0)
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
        var worst = 0.0
        // MUT
        let run = try solver.solve(system, from: 0, y0, to: 200,
                                   observationTimes: (0 ... 2000).map { Double($0) * 0.1 },
                                   observe: { _, _, y in worst = max(worst, abs(invariant(y) - v0)) })
        // validate: the invariant holds at the end and at every dense-output sample.
        #expect(abs(invariant(run.state) - v0) < 1e-8 * abs(v0))
        #expect(worst < 1e-7 * abs(v0))
    }

    @Test("Van der Pol (μ = 1) matches an independent reference (SciPy DOP853 and Radau, rtol 1e-13)")
    func vanDerPolAgainstExternalReference() throws {
        // setup: y(0) = (2, 0). Fixture computed with SciPy 1.17.1 solve_ivp, DOP853 and Radau
        // at rtol 1e-13, atol 1e-14 (the two agree to 1e-14):
        //   y(7.5) = (1.6300522720496153, −0.7027645396952795)
        //   y(20)  = (2.0081497621749427, −0.04250887527319626)
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-12, absoluteTolerance: 1e-14))
        // MUT
        let run = try solver.trajectory(VanDerPol(mu: 1), from: 0, SIMD2(2, 0), at: [7.5, 20])
        // validate
        #expect(abs(run.states[0][0] - 1.6300522720496153) < 1e-9)
        #expect(abs(run.states[0][1] - -0.7027645396952795) < 1e-9)
        #expect(abs(run.states[1][0] - 2.0081497621749427) < 1e-9)
        #expect(abs(run.states[1][1] - -0.04250887527319626) < 1e-9)
    }

    @Test("Van der Pol at working tolerance agrees with the same solver at tight tolerance")
    func vanDerPolAgainstTightSelf() throws {
        // setup
        let times = (0 ... 40).map { Double($0) * 0.5 }
        let reference = try DormandPrince54(options: ODE.Options(relativeTolerance: 1e-13, absoluteTolerance: 1e-14))
            .trajectory(VanDerPol(mu: 1), from: 0, SIMD2(2, 0), at: times)
        // MUT
        let working = try DormandPrince54(options: ODE.Options(relativeTolerance: 1e-6, absoluteTolerance: 1e-8))
            .trajectory(VanDerPol(mu: 1), from: 0, SIMD2(2, 0), at: times)
        // validate: the working solution errs by more than roundoff but less than 1e-4.
        let worst = zip(reference.states, working.states).map { max(abs($0[0] - $1[0]), abs($0[1] - $1[1])) }.max()!
        #expect(worst < 1e-4)
        #expect(worst > 1e-12)
        #expect(working.summary.statistics.acceptedSteps < reference.summary.statistics.acceptedSteps / 5)
    }

    @Test("Van der Pol (μ = 1) limit-cycle period is T ≈ 6.6633 (events on y1 = 0, falling)")
    func vanDerPolPeriod() throws {
        // setup: published period of the μ = 1 limit cycle, 6.6633 (to 4 decimals; the SciPy
        // DOP853 fixture above gives 6.66328686).
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-11, absoluteTolerance: 1e-12,
                                                           eventTimeTolerance: 1e-12))
        let crossing = ODE.Event<SIMD2<Double>>(direction: .falling) { _, y in y[0] }
        // MUT
        let run = try solver.solve(VanDerPol(mu: 1), from: 0, SIMD2(2, 0), to: 100, events: [crossing])
        // validate: after the transient, successive falling crossings are one period apart.
        let times = run.events.map(\.time)
        #expect(times.count >= 14)
        let periods = zip(times.dropFirst(), times).map { $0 - $1 }.suffix(5)
        for period in periods {
            #expect(abs(period - 6.6633) < 1e-4)
            #expect(abs(period - 6.66328686) < 1e-7)
        }
        #expect(run.events.allSatisfy { !$0.rising && abs($0.state[0]) < 1e-9 })
    }

    @Test("Arenstorf orbit returns to its start after T = 17.0652165601579625588917206249")
    func arenstorfOrbit() throws {
        // setup: initial values and period from Hairer I, §II.0 (eq. 0.2).
        let period = 17.0652165601579625588917206249
        let y0 = SIMD4(0.994, 0, 0, -2.00158510637908252240537862224)
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-11, absoluteTolerance: 1e-13))
        // MUT
        let run = try solver.solve(Arenstorf(), from: 0, y0, to: period)
        // validate: periodic orbit → y(T) = y(0).
        let d = run.state - y0
        #expect(abs(d[0]) < 1e-6 && abs(d[1]) < 1e-6)
        #expect(abs(d[2]) < 1e-4 && abs(d[3]) < 1e-4)
        #expect(run.statistics.rejectedSteps < run.statistics.acceptedSteps)
    }

    @Test("Arenstorf at a loose tolerance misses the start point by more")
    func arenstorfLoose() throws {
        // setup
        let period = 17.0652165601579625588917206249
        let y0 = SIMD4(0.994, 0, 0, -2.00158510637908252240537862224)
        func miss(_ tol: Double) throws -> Double {
            let y = try DormandPrince54(options: ODE.Options(relativeTolerance: tol, absoluteTolerance: tol))
                .solve(Arenstorf(), from: 0, y0, to: period).state
            return ((y[0] - y0[0]) * (y[0] - y0[0]) + y[1] * y[1]).squareRoot()
        }
        // MUT
        let loose = try miss(1e-6), tight = try miss(1e-10)
        // validate
        #expect(loose > 10 * tight)
        #expect(loose < 0.5)
    }
}
