import Foundation
import Numerics
import Testing
@testable import Kinetics

/// Stop times, events, failures and argument checking of the shared driver.
@Suite("ODE driver: stops, events, failures")
struct ODEDriverTests {
    let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
    let decay = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in -0.5 * y }

    @Test("a dose at a stop time adds to the state; an observation at that time sees the pre-dose value")
    func doseAtStopTime() throws {
        // setup: y' = -k y, y(0) = 1, +1 at t = 5. Exact: e^{-kt} + [t ≥ 5]·e^{-k(t-5)}.
        let k = 0.5
        func exact(_ t: Double) -> Double { exp(-k * t) + (t >= 5 ? exp(-k * (t - 5)) : 0) }
        var seen: [Double] = []
        // MUT
        let run = try solver.solve(decay, from: 0, SIMD2(1, 0), to: 10, observationTimes: [2, 5, 5.5, 10],
                                   stopTimes: [5], onStop: { _, _, y, _ in y[0] += 1 },
                                   observe: { _, _, y in seen.append(y[0]) })
        // validate
        #expect(seen[0].isApproximatelyEqual(to: exact(2), relativeTolerance: 1e-8))
        #expect(seen[1].isApproximatelyEqual(to: exp(-2.5), relativeTolerance: 1e-8))   // pre-dose
        #expect(seen[2].isApproximatelyEqual(to: exact(5.5), relativeTolerance: 1e-8))
        #expect(run.state[0].isApproximatelyEqual(to: exact(10), relativeTolerance: 1e-8))
    }

    @Test("a stop time can switch the system's regime")
    func regimeSwitch() throws {
        // setup: growth at rate 1 until t = 2, then decay at rate 1 → y(4) = e^{2}·e^{-2} = 1.
        struct Switching: ODESystem {
            var rate = 1.0
            func derivative(at t: Double, _ y: SIMD2<Double>) -> SIMD2<Double> { rate * y }
        }
        // MUT
        let run = try solver.solve(Switching(), from: 0, SIMD2(1, 0), to: 4, stopTimes: [2],
                                   onStop: { _, _, _, system in system.rate = -1 })
        // validate
        #expect(run.state[0].isApproximatelyEqual(to: 1, relativeTolerance: 1e-8))
    }

    @Test("a terminal event stops at the root: y = 0.5 at t = ln 2 / k")
    func terminalEvent() throws {
        // setup
        let half = ODE.Event<SIMD2<Double>>(direction: .falling, terminal: true) { _, y in y[0] - 0.5 }
        var observed: [Double] = []
        // MUT
        let run = try solver.solve(decay, from: 0, SIMD2(1, 0), to: 10, observationTimes: [1, 2, 3],
                                   events: [half], observe: { _, t, _ in observed.append(t) })
        // validate: ln 2 / 0.5 = 1.3862943611198906; only the observation before it is made.
        #expect(run.terminatingEvent == 0)
        #expect(abs(run.time - 2 * log(2.0)) < 1e-9)
        #expect(abs(run.state[0] - 0.5) < 1e-9)
        #expect(observed == [1])
    }

    @Test("non-terminal events record every zero crossing of cos t")
    func eventCrossings() throws {
        // setup: x'' = -x from (1, 0): x = cos t crosses zero at π/2 + kπ.
        let oscillator = ODE.FunctionSystem<SIMD2<Double>> { _, y in SIMD2(y[1], -y[0]) }
        let any = ODE.Event<SIMD2<Double>> { _, y in y[0] }
        let rising = ODE.Event<SIMD2<Double>>(direction: .rising) { _, y in y[0] }
        // MUT
        let run = try solver.solve(oscillator, from: 0, SIMD2(1, 0), to: 10, events: [any, rising])
        // validate: crossings at π/2, 3π/2, 5π/2 (≈ 1.57, 4.71, 7.85); rising only at 3π/2.
        let all = run.events.filter { $0.index == 0 }
        #expect(all.count == 3)
        for (k, e) in all.enumerated() { #expect(abs(e.time - (Double.pi / 2 + Double(k) * .pi)) < 1e-8) }
        #expect(all.map(\.rising) == [false, true, false])
        let up = run.events.filter { $0.index == 1 }
        #expect(up.count == 1)
        #expect(abs(up[0].time - 1.5 * .pi) < 1e-8)
        #expect(run.terminatingEvent == nil && run.time == 10)
    }

    @Test("blow-up of y' = y² (y(0) = 1, singular at t = 1) is reported as step-size underflow near t = 1")
    func stepSizeUnderflow() {
        // setup
        let blowUp = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in y * y }
        // MUT / validate
        do {
            _ = try DormandPrince54(options: ODE.Options(maxSteps: 1_000_000)).solve(blowUp, from: 0, SIMD2(1, 0), to: 2)
            Issue.record("expected a failure")
        } catch {
            guard case .stepSizeUnderflow(let t, let h) = error else { Issue.record("got \(error)"); return }
            // The discrete solution's singularity sits within the global error of t = 1.
            #expect(abs(t - 1) < 1e-4)
            #expect(h < 1e-12)
        }
    }

    @Test("maxSteps is enforced")
    func tooManySteps() {
        // setup
        let oscillator = ODE.FunctionSystem<SIMD2<Double>> { _, y in SIMD2(y[1], -y[0]) }
        // MUT / validate
        #expect(throws: ODE.Failure.self) {
            _ = try DormandPrince54(options: ODE.Options(maxSteps: 10)).solve(oscillator, from: 0, SIMD2(1, 0), to: 100)
        }
        do {
            _ = try DormandPrince54(options: ODE.Options(maxSteps: 10)).solve(oscillator, from: 0, SIMD2(1, 0), to: 100)
        } catch {
            guard case .tooManySteps(let t, let limit) = error else { Issue.record("got \(error)"); return }
            #expect(limit == 10)
            #expect(t > 0 && t < 100)
        }
    }

    @Test("a right-hand side that turns NaN is reported as a non-finite state")
    func nonFiniteDerivative() {
        // setup: fine before t = 1, NaN after.
        let broken = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in t < 1 ? -y : SIMD2(.nan, 0) }
        // MUT / validate
        do {
            _ = try solver.solve(broken, from: 0, SIMD2(1, 0), to: 5)
            Issue.record("expected a failure")
        } catch {
            guard case .nonFiniteState(let t) = error else { Issue.record("got \(error)"); return }
            #expect(t < 1 && t > 0.9)
        }
        // A non-finite initial state fails at once.
        #expect(throws: ODE.Failure.nonFiniteState(time: 0)) {
            _ = try solver.solve(decay, from: 0, SIMD2(.infinity, 0), to: 1)
        }
    }

    @Test("padding lanes beyond dimension are ignored, even when they hold NaN")
    func paddingLanesIgnored() throws {
        // setup: 3 meaningful lanes in a SIMD4 whose last lane returns NaN.
        let system = ODE.FunctionSystem<SIMD4<Double>>(dimension: 3) { _, y in SIMD4(-y[0], -2 * y[1], -3 * y[2], .nan) }
        // MUT
        let run = try solver.solve(system, from: 0, SIMD4(1, 1, 1, 0), to: 1)
        // validate
        #expect(run.state[0].isApproximatelyEqual(to: exp(-1.0), relativeTolerance: 1e-8))
        #expect(run.state[1].isApproximatelyEqual(to: exp(-2.0), relativeTolerance: 1e-8))
        #expect(run.state[2].isApproximatelyEqual(to: exp(-3.0), relativeTolerance: 1e-8))
    }

    @Test("per-component tolerances are honoured")
    func componentTolerances() throws {
        // setup: two decoupled decays; the second component's tolerance is far looser.
        let system = ODE.FunctionSystem<SIMD2<Double>> { _, y in -y }
        let strict = DormandPrince54(options: ODE.Options(componentRelativeTolerance: [1e-10, 1e-10],
                                                           componentAbsoluteTolerance: [1e-12, 1e-12]))
        let mixed = DormandPrince54(options: ODE.Options(componentRelativeTolerance: [1e-10, 1e-2],
                                                          componentAbsoluteTolerance: [1e-12, 1e-2]))
        // MUT
        let a = try strict.solve(system, from: 0, SIMD2(1, 1), to: 5)
        let b = try mixed.solve(system, from: 0, SIMD2(1, 1), to: 5)
        // validate: the first component alone still forces small steps (same accuracy).
        #expect(a.state[0].isApproximatelyEqual(to: exp(-5.0), relativeTolerance: 1e-8))
        #expect(b.state[0].isApproximatelyEqual(to: exp(-5.0), relativeTolerance: 1e-8))
        #expect(b.statistics.acceptedSteps <= a.statistics.acceptedSteps)
    }

    @Test("invalid arguments name the offending field")
    func invalidArguments() {
        // setup
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch {
                if case .invalidArgument(let m)? = error as? ODE.Failure { return m }
                return "\(error)"
            }
        }
        // MUT / validate
        #expect(message { _ = try solver.solve(decay, from: 1, SIMD2(1, 0), to: 0) }.hasPrefix("t1:"))
        #expect(message { _ = try solver.solve(decay, from: 0, SIMD2(1, 0), to: .infinity) }.hasPrefix("t1:"))
        #expect(message { _ = try solver.solve(decay, from: 0, SIMD2(1, 0), to: 1, observationTimes: [0.5, 0.2]) }
            .hasPrefix("observationTimes[1]:"))
        #expect(message { _ = try solver.solve(decay, from: 0, SIMD2(1, 0), to: 1, observationTimes: [2]) }
            .hasPrefix("observationTimes[0]:"))
        #expect(message { _ = try solver.solve(decay, from: 0, SIMD2(1, 0), to: 1, stopTimes: [0]) }
            .hasPrefix("stopTimes[0]:"))
        let negative = DormandPrince54(options: ODE.Options(relativeTolerance: -1))
        #expect(message { _ = try negative.solve(decay, from: 0, SIMD2(1, 0), to: 1) }.hasPrefix("relativeTolerance:"))
        let wrongCount = DormandPrince54(options: ODE.Options(componentAbsoluteTolerance: [1, 2, 3]))
        #expect(message { _ = try wrongCount.solve(decay, from: 0, SIMD2(1, 0), to: 1) }
            .hasPrefix("componentAbsoluteTolerance:"))
        let zero = DormandPrince54(options: ODE.Options(relativeTolerance: 0, absoluteTolerance: 0))
        #expect(message { _ = try zero.solve(decay, from: 0, SIMD2(1, 0), to: 1) }.hasPrefix("absoluteTolerance:"))
        let tooWide = ODE.FunctionSystem<SIMD2<Double>>(dimension: 3) { _, y in y }
        #expect(message { _ = try solver.solve(tooWide, from: 0, SIMD2(1, 0), to: 1) }.hasPrefix("dimension:"))
        let badSafety = DormandPrince54(options: ODE.Options(safetyFactor: 1.5))
        #expect(message { _ = try badSafety.solve(decay, from: 0, SIMD2(1, 0), to: 1) }.hasPrefix("safetyFactor:"))
    }

    @Test("t1 == t0 returns the initial state and emits observations at t0")
    func emptySpan() throws {
        // setup
        var seen = 0
        // MUT
        let run = try solver.solve(decay, from: 3, SIMD2(2, 0), to: 3, observationTimes: [3, 3],
                                   observe: { _, _, y in seen += y[0] == 2 ? 1 : 0 })
        // validate
        #expect(run.time == 3 && run.state[0] == 2 && seen == 2)
        #expect(run.statistics.acceptedSteps == 0)
    }

    @Test("stiffness is detected on y' = -1000(y - cos t) and not on a non-stiff decay")
    func stiffnessDetection() throws {
        // setup: eigenvalue −1000 → DOPRI5 is stability-bound at h ≈ 3.3e-3.
        let stiff = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in
            var d = SIMD2<Double>(); d[0] = -1000 * (y[0] - cos(t)); return d
        }
        let report = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-4, absoluteTolerance: 1e-4))
        // MUT
        let stiffRun = try report.solve(stiff, from: 0, SIMD2(0, 0), to: 10)
        let easyRun = try report.solve(decay, from: 0, SIMD2(1, 0), to: 10)
        // validate
        #expect(stiffRun.statistics.stiffnessDetectedAt != nil)
        #expect(stiffRun.statistics.acceptedSteps > 2500)   // ≈ 10 / (3.3/1000)
        #expect(easyRun.statistics.stiffnessDetectedAt == nil)
        let failing = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-4, absoluteTolerance: 1e-4, stiffness: .fail))
        #expect(throws: ODE.Failure.self) { _ = try failing.solve(stiff, from: 0, SIMD2(0, 0), to: 10) }
        let ignoring = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-4, absoluteTolerance: 1e-4, stiffness: .ignore))
        #expect(try ignoring.solve(stiff, from: 0, SIMD2(0, 0), to: 10).statistics.stiffnessDetectedAt == nil)
    }

    @Test("the automatic initial step is small enough to be accepted on a fast transient")
    func initialStepSelection() throws {
        // setup: y' = -50 y: h must start well below 1/50.
        let fast = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { _, y in -50 * y }
        // MUT
        let run = try DormandPrince54(options: ODE.Options(relativeTolerance: 1e-6, absoluteTolerance: 1e-9))
            .solve(fast, from: 0, SIMD2(1, 0), to: 0.2)
        // validate: exact e^{-10}; few or no rejections.
        #expect(abs(run.state[0] - exp(-10.0)) < 1e-8)
        #expect(run.statistics.rejectedSteps <= 2)
    }
}

@Suite("ODE driver: controller and landing")
struct ODEControllerTests {
    @Test("the classical controller (piBeta = 0) reaches the same accuracy")
    func classicalController() throws {
        // setup
        let system = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1) { t, y in cos(t) * y }
        let solver = DormandPrince54(options: ODE.Options(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, piBeta: 0))
        // MUT
        let run = try solver.solve(system, from: 0, SIMD2(1, 0), to: 20)
        // validate: exact e^{sin 20}
        #expect(abs(run.state[0] - exp(sin(20.0))) < 1e-6)
    }

    @Test("Rodas3 ends a step on each observation time; DormandPrince54 does not need to")
    func rodasLandsOnObservations() throws {
        // setup: a slow decay whose natural steps are long; 30 observations.
        let decay = ODE.FunctionSystem<SIMD2<Double>>(dimension: 1, autonomous: true) { _, y in -0.01 * y }
        let times = (1 ... 30).map { Double($0) * 3.3 }
        let options = ODE.Options(relativeTolerance: 1e-4, absoluteTolerance: 1e-8)
        // MUT
        let rosenbrock = try Rodas3(options: options).trajectory(decay, from: 0, SIMD2(1, 0), at: times)
        let explicit = try DormandPrince54(options: options).trajectory(decay, from: 0, SIMD2(1, 0), at: times)
        // validate: values exact to the tolerance; step counts reflect the landing rule.
        for (t, y) in zip(times, rosenbrock.states) { #expect(abs(y[0] - exp(-0.01 * t)) < 1e-5) }
        for (t, y) in zip(times, explicit.states) { #expect(abs(y[0] - exp(-0.01 * t)) < 1e-5) }
        #expect(rosenbrock.summary.statistics.acceptedSteps >= times.count)
        #expect(explicit.summary.statistics.acceptedSteps < times.count)
    }

    @Test("Options survive a JSON round trip")
    func optionsCodable() throws {
        // setup
        let options = ODE.Options(relativeTolerance: 1e-5, componentAbsoluteTolerance: [1, 2], maxStep: 3, stiffness: .fail)
        // MUT
        let decoded = try JSONDecoder().decode(ODE.Options.self, from: JSONEncoder().encode(options))
        // validate
        #expect(decoded == options)
    }
}
