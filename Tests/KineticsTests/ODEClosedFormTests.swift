import Foundation
import Numerics
import Testing
@testable import Kinetics

/// Problems with closed-form solutions: the expected values are the formulas, not solver output.
@Suite("DormandPrince54 against closed forms")
struct ODEClosedFormTests {
    let tight = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))

    @Test("exponential decay y' = -k y reaches e^{-kt}")
    func exponentialDecay() throws {
        // setup
        let k = 0.5
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in -k * y }
        // MUT
        let run = try tight.solve(system, from: 0, SIMD2(1, 0), to: 10)
        // validate: y(10) = e^{-5} = 0.006737946999085467
        #expect(run.time == 10)
        #expect(run.state[0].isApproximatelyEqual(to: exp(-5.0), relativeTolerance: 1e-8))
        #expect(run.statistics.acceptedSteps > 5)
        #expect(run.statistics.stiffnessDetectedAt == nil)
    }

    @Test("exponential growth y' = r y reaches e^{rt}")
    func exponentialGrowth() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in 0.3 * y }
        // MUT
        let run = try tight.solve(system, from: 0, SIMD2(2, 0), to: 20)
        // validate: 2·e^{6} = 806.8575869...
        #expect(run.state[0].isApproximatelyEqual(to: 2 * exp(6.0), relativeTolerance: 1e-8))
    }

    @Test("harmonic oscillator keeps energy and phase over 100 periods")
    func harmonicOscillator() throws {
        // setup: x'' = -ω²x, ω = 2, x(0) = 1, v(0) = 0; period π; exact x = cos 2t, v = -2 sin 2t.
        let omega = 2.0
        let system = ODE.FunctionSystem<SIMD2<Double>> { _, y in SIMD2(y[1], -omega * omega * y[0]) }
        let periods = 100.0
        // MUT
        let run = try tight.solve(system, from: 0, SIMD2(1, 0), to: periods * .pi)
        // validate: back at (1, 0); energy (v² + ω²x²)/2 = ω²/2 = 2.
        let energy = 0.5 * (run.state[1] * run.state[1] + omega * omega * run.state[0] * run.state[0])
        #expect(abs(energy - 2) < 1e-7)
        #expect(abs(run.state[0] - 1) < 1e-7)
        #expect(abs(run.state[1]) < 1e-6)
    }

    @Test("harmonic oscillator at a loose tolerance drifts, and the drift shrinks with the tolerance")
    func harmonicDriftShrinks() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>> { _, y in SIMD2(y[1], -y[0]) }
        func phaseError(_ tol: Double) throws -> Double {
            let solver = DormandPrince54(options: ODE.Options(relativeTolerance: tol, absoluteTolerance: tol))
            let y = try solver.solve(system, from: 0, SIMD2(1, 0), to: 40 * .pi).state
            return ((y[0] - 1) * (y[0] - 1) + y[1] * y[1]).squareRoot()
        }
        // MUT
        let loose = try phaseError(1e-5), tight = try phaseError(1e-9)
        // validate
        #expect(loose > tight * 100)
        #expect(loose < 1e-2)
    }

    @Test("logistic growth matches K / (1 + (K/y0 - 1) e^{-rt}) at observation times")
    func logisticGrowth() throws {
        // setup
        let r = 1.0, capacity = 10.0, y0 = 0.1
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in
            var d = SIMD2<Double>(); d[0] = r * y[0] * (1 - y[0] / capacity); return d
        }
        let times = [0, 0.5, 1, 2, 3.3, 5, 7.25, 10, 20]
        func exact(_ t: Double) -> Double { capacity / (1 + (capacity / y0 - 1) * exp(-r * t)) }
        // MUT
        let run = try tight.trajectory(system, from: 0, SIMD2(y0, 0), at: times)
        // validate
        #expect(run.states.count == times.count)
        for (t, y) in zip(times, run.states) {
            #expect(y[0].isApproximatelyEqual(to: exact(t), relativeTolerance: 1e-7), "t = \(t)")
        }
    }

    @Test("global error scales down with the tolerance (y' = cos(t)·y, y = e^{sin t})")
    func toleranceProportionality() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in cos(t) * y }
        let exact = exp(sin(20.0))
        let tolerances = [1e-4, 1e-6, 1e-8, 1e-10]
        // MUT
        let errors = try tolerances.map { tol -> Double in
            let solver = DormandPrince54(options: ODE.Options(relativeTolerance: tol, absoluteTolerance: tol))
            return abs(try solver.solve(system, from: 0, SIMD2(1, 0), to: 20).state[0] - exact) / exact
        }
        // validate: each 100× tighter tolerance cuts the error by 10× to 1000×, and the error
        // stays within two orders of magnitude of the tolerance.
        for i in 1 ..< errors.count {
            let ratio = errors[i - 1] / errors[i]
            #expect(ratio > 10 && ratio < 1000, "ratio \(ratio) between tol \(tolerances[i - 1]) and \(tolerances[i])")
        }
        for (tol, err) in zip(tolerances, errors) { #expect(err < 100 * tol) }
    }

    @Test("dense output between steps is as accurate as the step ends")
    func denseOutputAccuracy() throws {
        // setup: y' = cos(t)·y with 1,000 observation times, tolerance 1e-7.
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in cos(t) * y }
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-7, absoluteTolerance: 1e-7))
        let times = (0 ... 1000).map { Double($0) * 0.02 }
        // MUT
        let run = try solver.trajectory(system, from: 0, SIMD2(1, 0), at: times)
        // validate: far fewer steps than observations, yet every sample is within 1e-5.
        #expect(run.summary.statistics.acceptedSteps < 200)
        let worst = zip(times, run.states).map { abs($1[0] - exp(sin($0))) / exp(sin($0)) }.max()!
        #expect(worst < 1e-5)
    }

    @Test("observing does not change the steps taken")
    func observationsDoNotForceSteps() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in cos(t) * y }
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-6, absoluteTolerance: 1e-6))
        // MUT
        let plain = try solver.solve(system, from: 0, SIMD2(1, 0), to: 20)
        var seen = 0
        let observed = try solver.solve(system, from: 0, SIMD2(1, 0), to: 20,
                                        observationTimes: (0 ... 400).map { Double($0) * 0.05 },
                                        observe: { _, _, _ in seen += 1 })
        // validate
        #expect(seen == 401)
        #expect(plain.statistics.acceptedSteps == observed.statistics.acceptedSteps)
        #expect(plain.state == observed.state)
    }

    @Test("the continuous extension is 4th order: halving h cuts the mid-step error about 32×")
    func denseOutputOrder() throws {
        // setup: one fixed step of y' = y from y(0) = 1 (exact e^t); huge tolerance so the
        // step is never rejected; sample the interpolant at θ = 0.5.
        func midpointError(_ h: Double) throws -> Double {
            let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e6, absoluteTolerance: 1e6,
                                                               initialStep: h, maxStep: h))
            let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in y }
            var mid = 0.0
            _ = try solver.solve(system, from: 0, SIMD2(1, 0), to: h, observationTimes: [h / 2],
                                 observe: { _, _, y in mid = y[0] })
            return abs(mid - exp(h / 2))
        }
        // MUT
        let e1 = try midpointError(0.1), e2 = try midpointError(0.05)
        // validate: local error of a 4th-order interpolant is O(h^5) → ratio 2^5 = 32.
        let ratio = e1 / e2
        #expect(ratio > 24 && ratio < 40, "ratio \(ratio)")
    }

    @Test("fixed steps converge at 5th order")
    func methodOrder() throws {
        // setup: y' = -2t y², y(0) = 1, exact 1/(1 + t²); N fixed steps to t = 2.
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in
            var d = SIMD2<Double>(); d[0] = -2 * t * y[0] * y[0]; return d
        }
        func error(steps: Int) throws -> Double {
            let h = 2.0 / Double(steps)
            let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e6, absoluteTolerance: 1e6,
                                                               initialStep: h, maxStep: h))
            return abs(try solver.solve(system, from: 0, SIMD2(1, 0), to: 2).state[0] - 0.2)
        }
        // MUT
        let e1 = try error(steps: 80), e2 = try error(steps: 160)
        // validate: 2^5 = 32
        let ratio = e1 / e2
        #expect(ratio > 24 && ratio < 40, "ratio \(ratio)")
    }
}
