import Foundation
import Kinetics
import Testing
@testable import Trial

/// Closed-form checks of `FucasoPatientModel`.
@Suite struct FucasoModelTests {
    /// A patient model with every rate set by hand (no CAR-T effect unless cells are given).
    static func model(growth: Double = 0.02, capacity: Double = 1e12, mClearance: Double = log(2) / 21,
                      mSaturation: Double = 0, production: Double = 0) -> FucasoPatientModel {
        FucasoPatientModel(
            growth: growth, extramedullaryGrowth: 1.5 * growth, marrowCapacity: capacity, killRate: 5,
            memoryKillFraction: 0.3, halfSaturation: 10, stimulationPositive: 0.98, stimulationExtramedullary: 0.98,
            exhaustionPositive: 0.2, exhaustionExtramedullary: 0.2, extramedullaryAccess: 0.3, expansionRate: 1, programmeRate: 1.0 / 3, programmeDecayRate: 1.0 / 3,
            homeostaticExpansion: 0.05, homeostaticDays: 21, carCapacity: 200, effectorDeath: 0.2,
            memoryFormation: 0.02, memoryReactivation: 0.5, memoryDeath: 0.012, exhaustionRate: 0.6,
            exhaustedDeath: 0.1, adaRise: 0, adaHalfStimulus: 0.05, adaDecay: 0.005, adaClearance: 0.01,
            mProteinProduction: production, mProteinClearance: mClearance, mProteinSaturation: mSaturation,
            cytokineClearance: log(2) / 0.5, cytokineBaseline: 3, cytokinePerKill: 2, cytokinePerExpansion: 4)
    }

    static let tight: ODE.Options = {
        var o = ODE.Options(relativeTolerance: 1e-10, absoluteTolerance: 1e-14)
        o.maxSteps = 1_000_000
        return o
    }()

    @Test func withoutCARTTheTumourGrowsAtItsNetRate() throws {
        // setup: 100 Gcells, g = 0.02/day, no CAR-T cells, an unreachable ceiling.
        let m = Self.model(growth: 0.02)
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = 60
        y[FucasoPatientModel.tn] = 40
        y[FucasoPatientModel.te] = 5
        // MUT
        let end = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 100).state
        // validate: T(100) = T0·e^{0.02·100} = T0·e² (7.389056…); EMD at 1.5·g: 5·e³ = 100.4277…
        #expect(end[FucasoPatientModel.tp].isApproximatelyEqual(to: 60 * exp(2.0), relativeTolerance: 1e-7))
        #expect(end[FucasoPatientModel.tn].isApproximatelyEqual(to: 40 * exp(2.0), relativeTolerance: 1e-7))
        #expect(end[FucasoPatientModel.te].isApproximatelyEqual(to: 5 * exp(3.0), relativeTolerance: 1e-7))
    }

    @Test func marrowGrowthIsLogisticUnderTheCeiling() throws {
        // setup: T0 = 100, K = 1000, g = 0.05.
        let m = Self.model(growth: 0.05, capacity: 1000)
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = 100
        // MUT
        let end = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 60).state
        // validate: T(t) = K / (1 + (K/T0 − 1)·e^{−gt}) = 1000 / (1 + 9·e^{−3}) = 690.6096…
        let expected = 1000 / (1 + 9 * exp(-3.0))
        #expect(end[FucasoPatientModel.tp].isApproximatelyEqual(to: expected, relativeTolerance: 1e-7))
    }

    @Test func cytokineDecaysWithItsHalfLife() throws {
        // setup: cytokine 103 pg/mL over a baseline of 3, no tumour, no CAR-T.
        let m = Self.model()
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.cytokine] = 103
        // MUT
        let oneHalfLife = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 0.5).state
        let twoDays = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 2).state
        // validate: C − C0 halves every 0.5 day: 3 + 50 after 0.5 d, 3 + 100/16 = 9.25 after 2 d.
        #expect(oneHalfLife[FucasoPatientModel.cytokine].isApproximatelyEqual(to: 53, relativeTolerance: 1e-8))
        #expect(twoDays[FucasoPatientModel.cytokine].isApproximatelyEqual(to: 9.25, relativeTolerance: 1e-8))
    }

    @Test func programmeSwitchesOnQuicklyAndWindsDownSlowly() throws {
        // setup: on in 0.5 day (rate 2/day), winding down over 10 days (rate 0.1/day).
        var m = Self.model(growth: 0)
        m.programmeRate = 2; m.programmeDecayRate = 0.1
        // A constant tumour of 90 Gcells and no CAR-T cells: S = 0.98·90/(10 + 90) = 0.882, held.
        var rising = FucasoPatientModel.State()
        rising[FucasoPatientModel.tp] = 90
        // No tumour (S = 0) and a programme at 0.8.
        var falling = FucasoPatientModel.State()
        falling[FucasoPatientModel.programme] = 0.8
        // MUT
        let on = try DormandPrince54(options: Self.tight).solve(m, from: 0, rising, to: 1).state
        let off = try DormandPrince54(options: Self.tight).solve(m, from: 0, falling, to: 5).state
        // validate: L = S·(1 − e^{−2t}) while rising, L = 0.8·e^{−0.1t} while winding down.
        #expect(on[FucasoPatientModel.programme].isApproximatelyEqual(to: 0.882 * (1 - exp(-2.0)), relativeTolerance: 1e-8))
        #expect(off[FucasoPatientModel.programme].isApproximatelyEqual(to: 0.8 * exp(-0.5), relativeTolerance: 1e-8))
    }

    @Test func mProteinSettlesAtProductionOverClearance() throws {
        // setup: constant tumour (g = 0) of 100 Gcells; production 0.001 g/dL per Gcell-day; IgA-like
        // clearance ln2/6 per day without saturation.
        let k: Double = log(2.0) / 6
        let m = Self.model(growth: 0, mClearance: k, production: 0.001)
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = 100
        // MUT
        let end = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 200).state
        // validate: P* = pM·T/kM = 0.1 / 0.115525… = 0.865617… g/dL (200 days = 33 half-lives).
        #expect(end[FucasoPatientModel.paraprotein].isApproximatelyEqual(to: 0.1 / k, relativeTolerance: 1e-7))
    }

    @Test func saturatedIgGSettlesAtTheQuadraticRoot() throws {
        // setup: IgG clearance ln2/21 · (1 + P/2.5), production 0.002 × 100 Gcells = 0.2 g/dL/day.
        let k: Double = log(2.0) / 21
        let s: Double = 1 / 2.5
        let m = Self.model(growth: 0, mClearance: k, mSaturation: s, production: 0.002)
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = 100
        // MUT
        let end = try DormandPrince54(options: Self.tight).solve(m, from: 0, y, to: 400).state
        // validate: k·s·P² + k·P − 0.2 = 0 → P = (−k + √(k² + 0.8·k·s)) / (2·k·s).
        let discriminant: Double = k * k + 4 * k * s * 0.2
        let expected: Double = (discriminant.squareRoot() - k) / (2 * k * s)
        #expect(end[FucasoPatientModel.paraprotein].isApproximatelyEqual(to: expected, relativeTolerance: 1e-6))
        // Hand check of the root: k = 0.0330070, k·s = 0.0132028, √(0.0010895 + 0.0105622) = 0.107943,
        // P = 0.074936 / 0.0264056 = 2.838 g/dL (6.06 g/dL without saturation).
        #expect(expected > 2.83 && expected < 2.85)
    }

    @Test func extinctionZeroesCompartmentsBelowOneCell() {
        // setup
        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = 0.9e-9
        y[FucasoPatientModel.tn] = 1.1e-9
        y[FucasoPatientModel.effector] = 0.3e-9
        y[FucasoPatientModel.memory] = 0.3e-9
        y[FucasoPatientModel.exhausted] = 0.3e-9
        // MUT
        FucasoPatientModel.extinguish(&y)
        // validate: 0.9 cell is gone, 1.1 cells stay; 0.9 CAR-T cells in all go together.
        #expect(y[FucasoPatientModel.tp] == 0)
        #expect(y[FucasoPatientModel.tn] == 1.1e-9)
        #expect(y[FucasoPatientModel.effector] == 0 && y[FucasoPatientModel.memory] == 0 && y[FucasoPatientModel.exhausted] == 0)
    }

    @Test func trialTolerancesAgreeWithATightSolveAtTheVisits() throws {
        // setup: three virtual patients, the trial's solver settings and a 10⁻¹⁰ reference.
        let options = FucasoTrialOptions(parameters: .uncalibrated)
        let days = [35, 60, 90, 180, 365, 545, 730]
        for index in 0..<3 {
            let p = FucasoVirtualPatient.make(index: index, options: options)
            // MUT
            let course = try FucasoPatientSimulation.simulate(p, lastDay: 730, laterDays: days)
            var tight = Self.tight
            tight.componentAbsoluteTolerance = FucasoPatientModel.absoluteTolerances.map { $0 * 1e-3 }
            let reference = try FucasoPatientSimulation.simulate(p, lastDay: 730, laterDays: days, options: tight)
            // validate: every population above 10⁻⁶ Gcells within 1% (assay CVs are ≥ 8%).
            for d in [7, 14, 28] + days {
                let a = course.state(day: d), b = reference.state(day: d)
                for lane in [0, 1, 2, 3, 4, 5, 7] where b[lane] > 1e-6 {
                    #expect(a[lane].isApproximatelyEqual(to: b[lane], relativeTolerance: 0.01),
                            "patient \(index) day \(d) lane \(lane): \(a[lane]) vs \(b[lane])")
                }
            }
        }
    }
}

extension Double {
    func isApproximatelyEqual(to other: Double, relativeTolerance: Double) -> Bool {
        abs(self - other) <= relativeTolerance * max(abs(self), abs(other))
    }
}

@Suite struct FucasoSolverFallbackTests {
    @Test func aStiffPatientFallsBackToRodas3() throws {
        // setup: a patient whose memory dies at 5,000/day (above the cap, set by hand): explicit steps
        // would be limited to ≈ 3.3/5000 day over years.
        var p = FucasoVirtualPatient.make(index: 1, options: FucasoTrialOptions())
        p.model.memoryDeath = 5000
        // MUT
        let course = try FucasoPatientSimulation.simulate(p, lastDay: 400, laterDays: [100, 400])
        // validate: solved, memory negligible (its production μ·E is cleared within minutes).
        let y = course.state(day: 100)
        #expect(y[FucasoPatientModel.memory] < 1e-3 * max(y[FucasoPatientModel.effector], 1e-9) + 1e-9)
        #expect(course.steps < 50_000)
    }

    @Test func memoryDeathIsCappedAtItsCeiling() {
        // MUT: 3,000 patients of the calibrated population.
        let rates = (0..<3000).map { FucasoVirtualPatient.make(index: $0, options: FucasoTrialOptions()).model.memoryDeath }
        // validate
        #expect(rates.max()! <= FucasoCalibratedParameters.fitted.memoryDeathCeiling)
        #expect(rates.min()! > 0)
    }
}
