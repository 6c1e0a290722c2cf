import Foundation
import Testing
@testable import Trial

/// The seeds' mechanism claims as the model expresses them: binding closed forms, off-rate and scFv
/// effects on exhaustion, ADA and persistence.
@Suite struct FucasoMechanismTests {
    @Test func engagementMatchesItsClosedForm() {
        // setup: the default geometry, 2,000 BCMA per cell, koff 5e-3 /s, kon 1e5 /(M·s).
        let p = FucasoModelParameters()
        // MUT
        let e = FucasoEngagement.of(bcmaPerCell: 2000, dissociationRate: 5e-3, parameters: p)
        // validate (by hand): [BCMA] = 2000 × 0.033 × 11 = 726 nM; KD = 5e-3/1e5 M = 50 nM; a = 14.52;
        // θ = 14.52/15.52 = 0.935567; ξ = θ·e^{−5e-3·300} = 0.935567 × 0.223130 = 0.208753;
        // P = 1650 CARs × 5e-3 × θ × e^{−0.01} = 7.641628 /s; σ = P/(P + 0.2) = 0.974495.
        #expect(e.occupancy.isApproximatelyEqual(to: 14.52 / 15.52, relativeTolerance: 1e-12))
        #expect(e.exhaustionDrive.isApproximatelyEqual(to: 0.208753, relativeTolerance: 1e-5))
        #expect(e.triggeringRate.isApproximatelyEqual(to: 7.641628, relativeTolerance: 1e-6))
        #expect(e.stimulation.isApproximatelyEqual(to: 0.974495, relativeTolerance: 1e-6))
    }

    @Test func bcmaNegativeCellsAreNotEngaged() {
        // MUT
        let e = FucasoEngagement.of(bcmaPerCell: 0, dissociationRate: 5e-3, parameters: FucasoModelParameters())
        // validate
        #expect(e == FucasoEngagement(occupancy: 0, triggeringRate: 0, stimulation: 0, exhaustionDrive: 0))
    }

    @Test func fasterOffRateMeansLessSustainedEngagement() {
        // setup: koff over four decades around the eque-cel value.
        let p = FucasoModelParameters()
        let rates = [5e-5, 5e-4, 5e-3, 5e-2, 5e-1]
        // MUT
        let drives = rates.map { FucasoEngagement.of(bcmaPerCell: 2000, dissociationRate: $0, parameters: p).exhaustionDrive }
        let triggering = rates.map { FucasoEngagement.of(bcmaPerCell: 2000, dissociationRate: $0, parameters: p).triggeringRate }
        // validate: ξ strictly falls. Serial triggering rises up to 5e-2 /s and then falls (an optimum):
        // by hand at 5e-2, θ = 1.452/2.452 = 0.592170, P = 82.5·θ·e^{−0.1} = 44.2049 /s; at 0.5,
        // θ = 0.1452/1.1452 = 0.126790, P = 825·θ·e^{−1} = 38.4809 /s.
        for k in 1..<drives.count { #expect(drives[k] < drives[k - 1]) }
        for k in 1...3 { #expect(triggering[k] > triggering[k - 1]) }
        #expect(triggering[3].isApproximatelyEqual(to: 44.2049, relativeTolerance: 1e-5))
        #expect(triggering[4].isApproximatelyEqual(to: 38.4809, relativeTolerance: 1e-5))
    }

    @Test func fasterOffRateGivesLessExhaustionAndLongerLivedMemory() throws {
        // setup: the same eight patients with the calibrated parameters at koff 2e-3, 5e-3 (eque-cel)
        // and 2e-2 /s.
        let params = FucasoCalibratedParameters.fitted
        var belowCap = 0
        for index in 0..<8 {
            let options = [2e-3, 5e-3, 2e-2].map { FucasoTrialOptions(seed: 11, dissociationRate: $0, parameters: params) }
            // MUT
            let patients = options.map { FucasoVirtualPatient.make(index: index, options: $0) }
            let courses = try patients.map { try FucasoPatientSimulation.simulate($0, lastDay: 60, laterDays: [60]) }
            let exhaustedPeak = courses.map { $0.early.map { $0[FucasoPatientModel.exhausted] }.max()! }
            // validate: exhaustion drive, exhausted cells and memory death (exhaustion imprint, κ = 2:
            // δM·(1 + 2ξ)) all fall as koff rises.
            let xi = patients.map(\.model.exhaustionPositive)
            #expect(xi[0] > xi[1] && xi[1] > xi[2])
            #expect(exhaustedPeak[0] > exhaustedPeak[1] && exhaustedPeak[1] > exhaustedPeak[2], "patient \(index): \(exhaustedPeak)")
            let death = patients.map(\.model.memoryDeath)
            #expect(death[0] >= death[1] && death[1] >= death[2])
            if death[0] < params.memoryDeathCeiling {   // below the 1/day cap the imprint is exact
                belowCap += 1
                #expect(death[0] > death[1] && death[1] > death[2])
                #expect((death[0] / death[2]).isApproximatelyEqual(to: (1 + 2 * xi[0]) / (1 + 2 * xi[2]), relativeTolerance: 1e-12))
            }
        }
        #expect(belowCap >= 4)
    }

    @Test func slowerBinderKeepsMoreCARTCellsBecauseItClearsTumourSlower() throws {
        // The model's disagreement with the seeds, pinned so it is not lost: per patient, a slower
        // off-rate clears the tumour more slowly, the longer antigen exposure drives more expansion, and
        // more CAR-T cells remain at Day 90 despite more exhaustion.
        // setup: patients 2–5 at koff 2e-3 and 2e-2 /s.
        for index in 2...5 {
            let options = [2e-3, 2e-2].map { FucasoTrialOptions(seed: 11, dissociationRate: $0) }
            let patients = options.map { FucasoVirtualPatient.make(index: index, options: $0) }
            // MUT
            let courses = try patients.map { try FucasoPatientSimulation.simulate($0, lastDay: 90, laterDays: [90]) }
            // validate: slower clearance (more tumour on Day 7) and a larger CAR-T pool on Day 90.
            let tumour7 = zip(patients, courses).map { $0.totalTumour($1.state(day: 7)) }
            let pool90 = courses.map { c -> Double in
                let y = c.state(day: 90)
                return y[FucasoPatientModel.effector] + y[FucasoPatientModel.memory] + y[FucasoPatientModel.exhausted]
            }
            #expect(tumour7[0] > tumour7[1], "patient \(index): \(tumour7)")
            #expect(pool90[0] > pool90[1], "patient \(index): \(pool90)")
        }
    }

    @Test func fasterOffRateDoesNotShortenCohortPersistence() throws {
        // setup: the same 400 virtual patients at koff 2e-3 and 2e-2 /s (calibrated parameters).
        let slow = FucasoTrialOptions(patients: 400, seed: 21, dissociationRate: 2e-3)
        var fast = slow
        fast.dissociationRate = 2e-2
        // MUT
        let s = try FucasoTrial.run(slow), f = try FucasoTrial.run(fast)
        // validate: the engines' median persistence (Kaplan–Meier on the transgene series) and the
        // 12-month detection rate are at least as high with the faster off-rate.
        #expect((f.summary.persistenceMedianDays ?? 1e9) >= (s.summary.persistenceMedianDays ?? 1e9))
        #expect((f.summary.vcnDetectableAt12Months ?? 0) >= (s.summary.vcnDetectableAt12Months ?? 0))
    }

    @Test func murineScFvMeansMoreADAAndShorterPersistence() throws {
        // setup: the same 300 virtual patients with a human and a murine scFv.
        let human = FucasoTrialOptions(patients: 300, seed: 5, keepRecords: true)
        var murine = human
        murine.scFv = .murine
        // MUT
        let h = try FucasoTrial.run(human), m = try FucasoTrial.run(murine)
        // validate: more ADA responders (19.4% vs 50% expected), a shorter median persistence by the
        // engines, and among patients who are ADA responders under both, shorter persistence.
        let adaH = h.truths!.filter(\.adaResponder).count, adaM = m.truths!.filter(\.adaResponder).count
        #expect(adaM > adaH)
        #expect(Double(adaH) / 300 > 0.12 && Double(adaH) / 300 < 0.27)
        let medianH = h.summary.persistenceMedianDays ?? 10_000, medianM = m.summary.persistenceMedianDays ?? 10_000
        #expect(medianM < medianH, "median persistence human \(medianH) d, murine \(medianM) d")
        let both = h.truths!.indices.filter { h.truths![$0].adaResponder && m.truths![$0].adaResponder }
        func median(_ r: FucasoTrialResult) -> Double {
            let d = both.compactMap { r.report.patients[$0].persistence?.persistenceDays }.sorted()
            return d.isEmpty ? 0 : d[d.count / 2]
        }
        #expect(both.count >= 30)
        #expect(median(m) < median(h), "ADA responders: human \(median(h)) d, murine \(median(m)) d")
    }

    @Test func higherDoseExpandsEarlierNotLess() throws {
        // setup: one patient at 0.3, 1 and 3 ×10⁶ CAR-T/kg.
        let days = [35]
        var peaks: [Double] = []
        var tumourDay14: [Double] = []
        for dose in [0.3, 1.0, 3.0] {
            let p = FucasoVirtualPatient.make(index: 2, options: FucasoTrialOptions(dose: dose, parameters: .uncalibrated))
            // MUT
            let c = try FucasoPatientSimulation.simulate(p, lastDay: 35, laterDays: days)
            peaks.append(c.early.map { $0[FucasoPatientModel.effector] }.max()!)
            tumourDay14.append(p.totalTumour(c.state(day: 14)))
        }
        // validate: the infused cells scale the start; a higher dose clears more tumour by Day 14.
        #expect(tumourDay14[0] > tumourDay14[1] && tumourDay14[1] > tumourDay14[2])
        #expect(peaks.allSatisfy { $0 > 1 })
    }
}
