import Foundation
import Numerics
import Testing
@testable import Kinetics

@Suite("Rodas3 (Rosenbrock, stiff)")
struct Rodas3Tests {
    /// Robertson's chemical kinetics (Hairer II, §IV.1), with its analytic Jacobian.
    struct Robertson: ODESystem {
        var dimension: Int { 3 }
        var isAutonomous: Bool { true }
        func derivative(at t: Double, _ y: SIMD4<Double>) -> SIMD4<Double> {
            let r1 = 0.04 * y[0], r2 = 1e4 * y[1] * y[2], r3 = 3e7 * y[1] * y[1]
            return SIMD4(-r1 + r2, r1 - r2 - r3, r3, 0)
        }
        func jacobian(at t: Double, _ y: SIMD4<Double>, into m: inout ODE.SquareMatrix) -> Bool {
            m[0, 0] = -0.04; m[0, 1] = 1e4 * y[2]; m[0, 2] = 1e4 * y[1]
            m[1, 0] = 0.04; m[1, 1] = -1e4 * y[2] - 6e7 * y[1]; m[1, 2] = -1e4 * y[1]
            m[2, 0] = 0; m[2, 1] = 6e7 * y[1]; m[2, 2] = 0
            return true
        }
    }

    @Test("fixed steps converge at 3rd order on a non-autonomous nonlinear problem")
    func methodOrder() throws {
        // setup: y' = -2t y², y(0) = 1, exact 1/(1 + t²).
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in
            var d = SIMD2<Double>(); d[0] = -2 * t * y[0] * y[0]; return d
        }
        func error(steps: Int) throws -> Double {
            let h = 2.0 / Double(steps)
            let solver = Rodas3(options: ODE.Options(relativeTolerance: 1e6, absoluteTolerance: 1e6,
                                                      initialStep: h, maxStep: h))
            return abs(try solver.solve(system, from: 0, SIMD2(1, 0), to: 2).state[0] - 0.2)
        }
        // MUT
        let e1 = try error(steps: 40), e2 = try error(steps: 80)
        // validate: 2³ = 8
        let ratio = e1 / e2
        #expect(ratio > 6 && ratio < 11, "ratio \(ratio)")
    }

    @Test("Prothero–Robinson y' = -1000(y - sin t) + cos t is solved in few steps (exact sin t)")
    func stiffLinear() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in
            var d = SIMD2<Double>(); d[0] = -1000 * (y[0] - sin(t)) + cos(t); return d
        }
        let options = ODE.Options(relativeTolerance: 1e-4, absoluteTolerance: 1e-4)
        let times = (0 ... 100).map { Double($0) * 0.1 }
        // MUT
        let rosenbrock = try Rodas3(options: options).trajectory(system, from: 0, SIMD2(0, 0), at: times)
        let explicit = try DormandPrince54(options: options).solve(system, from: 0, SIMD2(0, 0), to: 10)
        // validate: accurate at every observation (steps land on them), and far fewer steps
        // than DOPRI5, which is stability-bound at h ≈ 3.3/1000.
        let worst = zip(times, rosenbrock.states).map { abs($1[0] - sin($0)) }.max()!
        #expect(worst < 1e-3)
        #expect(rosenbrock.summary.statistics.acceptedSteps * 10 < explicit.statistics.acceptedSteps)
        #expect(explicit.statistics.stiffnessDetectedAt != nil)
    }

    @Test("Robertson matches an independent reference and conserves mass")
    func robertson() throws {
        // setup: fixture from SciPy 1.17.1 Radau/BDF/LSODA at rtol 1e-12 (agreeing to 1e-11):
        //   y(40)  = (0.71582706872, 9.1855347647e-06, 0.28416374574)
        //   y(1e5) = (0.0178659211, 7.27475147e-08, 0.98213400611)
        let solver = Rodas3(options: ODE.Options(relativeTolerance: 1e-7, componentAbsoluteTolerance: [1e-10, 1e-14, 1e-10]))
        // MUT
        let run = try solver.trajectory(Robertson(), from: 0, SIMD4(1, 0, 0, 0), at: [40, 1e5])
        // validate
        let y40 = run.states[0], yEnd = run.states[1]
        #expect(y40[0].isApproximatelyEqual(to: 0.71582706872, relativeTolerance: 1e-5))
        #expect(y40[1].isApproximatelyEqual(to: 9.1855347647e-06, relativeTolerance: 1e-4))
        #expect(y40[2].isApproximatelyEqual(to: 0.28416374574, relativeTolerance: 1e-5))
        #expect(yEnd[0].isApproximatelyEqual(to: 0.0178659211, relativeTolerance: 1e-4))
        #expect(yEnd[1].isApproximatelyEqual(to: 7.27475147e-08, relativeTolerance: 1e-3))
        #expect(abs(yEnd[0] + yEnd[1] + yEnd[2] - 1) < 1e-10)
        #expect(run.summary.statistics.acceptedSteps < 1000)
        // One Jacobian per point reached: rejected attempts reuse it.
        #expect(run.summary.statistics.jacobianEvaluations == run.summary.statistics.acceptedSteps)
    }

    @Test("forward-difference and analytic Jacobians give the same Robertson solution")
    func finiteDifferenceJacobian() throws {
        // setup: the same system without its analytic Jacobian.
        let plain = ODE.FunctionSystem<SIMD4<Double>>(dimension: 3, autonomous: true) { t, y in Robertson().derivative(at: t, y) }
        let options = ODE.Options(relativeTolerance: 1e-6, componentAbsoluteTolerance: [1e-10, 1e-14, 1e-10])
        // MUT
        let analytic = try Rodas3(options: options).solve(Robertson(), from: 0, SIMD4(1, 0, 0, 0), to: 40)
        let differenced = try Rodas3(options: options).solve(plain, from: 0, SIMD4(1, 0, 0, 0), to: 40)
        // validate
        #expect(differenced.state[0].isApproximatelyEqual(to: analytic.state[0], relativeTolerance: 1e-5))
        #expect(differenced.statistics.derivativeEvaluations > analytic.statistics.derivativeEvaluations)
    }

    @Test("Rodas3 handles stops, observations and events like DormandPrince54")
    func driverFeatures() throws {
        // setup: decay with a dose at t = 5 and a terminal event at y = 0.3 after it.
        let decay = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1, autonomous: true) { _, y in -0.5 * y }
        let low = ODE.Event<SIMD2<Double>>(direction: .falling, terminal: true) { t, y in t > 5 ? y[0] - 0.3 : 1 }
        var seen: [Double] = []
        // MUT
        let run = try Rodas3(options: ODE.Options(relativeTolerance: 1e-8, absoluteTolerance: 1e-10))
            .solve(decay, from: 0, SIMD2(1, 0), to: 20, observationTimes: [1, 5, 6], stopTimes: [5], events: [low],
                   onStop: { _, _, y, _ in y[0] += 1 }, observe: { _, _, y in seen.append(y[0]) })
        // validate: y(1) = e^{-0.5}; y(5⁻) = e^{-2.5}; y(6) = e^{-3} + e^{-0.5};
        // after 5: y = (e^{-2.5} + 1)e^{-(t-5)/2} = 0.3 → t = 5 + 2 ln((e^{-2.5} + 1)/0.3).
        #expect(seen[0].isApproximatelyEqual(to: exp(-0.5), relativeTolerance: 1e-6))
        #expect(seen[1].isApproximatelyEqual(to: exp(-2.5), relativeTolerance: 1e-6))
        #expect(seen[2].isApproximatelyEqual(to: exp(-3.0) + exp(-0.5), relativeTolerance: 1e-6))
        #expect(abs(run.time - (5 + 2 * log((exp(-2.5) + 1) / 0.3))) < 1e-6)
        #expect(run.terminatingEvent == 0)
    }

    @Test("a singular iteration matrix at every step size is reported")
    func singularMatrix() {
        // setup: a Jacobian of NaN makes every LU fail.
        struct Broken: ODESystem {
            func derivative(at t: Double, _ y: SIMD2<Double>) -> SIMD2<Double> { -y }
            func jacobian(at t: Double, _ y: SIMD2<Double>, into m: inout ODE.SquareMatrix) -> Bool {
                m[0, 0] = .nan; m[0, 1] = 0; m[1, 0] = 0; m[1, 1] = .nan; return true
            }
        }
        // MUT / validate
        #expect(throws: ODE.Failure.singularMatrix(time: 0)) {
            _ = try Rodas3().solve(Broken(), from: 0, SIMD2(1, 1), to: 1)
        }
    }
}
