import CartographCore
import Clinical
import Foundation
import Testing
@testable import Trial

/// Population, schedule, survival and assay rules of the virtual patients.
@Suite struct VirtualPatientTests {
    @Test func covariatesDependOnlyOnSeedAndIndex() {
        // MUT
        let a = VirtualPatientCovariates.draw(seed: 42, index: 17)
        let b = VirtualPatientCovariates.draw(seed: 42, index: 17)
        let c = VirtualPatientCovariates.draw(seed: 43, index: 17)
        // validate
        #expect(a == b)
        #expect(a != c)
    }

    @Test func populationMatchesTheTrialsBaselineFrequencies() {
        // setup: 20,000 patients.
        let n = 20_000
        let all = (0..<n).map { VirtualPatientCovariates.draw(seed: 1, index: $0) }
        func share(_ f: (VirtualPatientCovariates) -> Bool) -> Double { Double(all.filter(f).count) / Double(n) }
        // MUT / validate: binomial SD at n = 20,000 is ≤ 0.0035; 4 SD bands around the targets.
        #expect(abs(share(\.extramedullaryDisease) - 0.128) < 0.014)
        #expect(abs(share(\.priorBCMACART) - 0.11) < 0.014)
        #expect(abs(share(\.male) - 0.534) < 0.014)
        let lines = all.map(\.priorLines).sorted()
        #expect(lines[n / 2] == 4)
        #expect(lines.first! >= 3 && lines.last! <= 23)
        let ages = all.map(\.ageYears).sorted()
        #expect(ages.first! >= 39 && ages.last! <= 70)
        #expect(abs(ages[n / 2] - 57) < 0.5)
        // Measurable disease at entry: serum ≥ 1 g/dL, or light-chain-only with involved FLC ≥ 100 mg/L.
        #expect(all.allSatisfy { $0.isotype == .lightChainOnly ? $0.tumourFreeLightChain >= 150 : $0.serumMProtein >= 1 })
    }

    @Test func priorLinesKnobOverridesEveryPatient() {
        // MUT
        let p = (0..<50).map { VirtualPatientCovariates.draw(seed: 3, index: $0, priorLines: 9) }
        // validate
        #expect(p.allSatisfy { $0.priorLines == 9 })
    }

    @Test func enrolmentGivesTheRequestedMedianFollowUp() {
        // setup: 36 months with 24 months of accrual: potential follow-up uniform on [24, 48] months.
        let options = FucasoTrialOptions(patients: 4001)
        // MUT
        let followUp = (0..<4001).map { Double(FucasoEnrolment.infusionDate(index: $0, options: options).days(to: options.dataCut)) }
            .sorted()
        // validate: median 36 months = 1095.75 days (±15 days for n = 4001); range inside [730.5, 1461].
        #expect(abs(followUp[2000] - 36 * 30.4375) < 15)
        #expect(followUp.first! >= 24 * 30.4375 - 1 && followUp.last! <= 48 * 30.4375 + 1)
    }

    @Test func backgroundMortalityInvertsTheGompertzSurvival() {
        // MUT
        let median = VirtualPatientSurvival.backgroundDeathDay(ageYears: 60, uniform: 0.5)
        // validate (by hand): h0 = 0.009/yr at 60, b = 0.09: e^{bt} = 1 + 0.09·ln2/0.009 = 7.931472;
        // ln(7.931472) = ln 8 + ln(0.991434) = 2.079442 − 0.008603 = 2.070839; t = 23.00932 years = 8404.2 days.
        #expect(median.isApproximatelyEqual(to: log(1 + 0.09 * log(2.0) / 0.009) / 0.09 * 365.25, relativeTolerance: 1e-12))
        #expect(abs(median - 8404.2) < 0.5)
        // Older means sooner.
        #expect(VirtualPatientSurvival.backgroundDeathDay(ageYears: 70, uniform: 0.5) < median)
    }

    @Test func postProgressionSurvivalHasTheLiteratureMedian() {
        // MUT
        let median = VirtualPatientSurvival.postProgressionDays(uniform: 0.5)
        // validate: 17.9 months (Van Oekelen 2023) × 30.4375 = 544.83 days.
        #expect(median.isApproximatelyEqual(to: 17.9 * 30.4375, relativeTolerance: 1e-12))
    }

    @Test func scheduleHoldsTheProtocolVisits() {
        // setup
        var r = VirtualPatientRandom(seed: 1, index: 0, stream: .visitWindows)
        // MUT
        let visits = VirtualPatientSchedule.visits(lastDay: 1200, extramedullary: true, random: &r)
        // validate: early fixed days, marrow on Days 14 and 28, monthly windows of ±3 days to M6.
        let byDay = Dictionary(uniqueKeysWithValues: visits.map { ($0.day, $0) })
        #expect(byDay[4]?.transgene == true && byDay[4]?.diseaseLabs == false)
        #expect(byDay[7]?.diseaseLabs == true && byDay[21]?.diseaseLabs == true)
        #expect(byDay[14]?.marrow == true && byDay[28]?.marrow == true && byDay[28]?.imaging == true)
        let month2 = visits.filter { abs($0.day - 61) <= 3 }
        #expect(month2.count == 1 && month2[0].diseaseLabs && month2[0].transgene)
        let month12 = visits.filter { abs($0.day - 365) <= 7 }
        #expect(month12.count == 1 && month12[0].marrow && month12[0].transgene && month12[0].imaging)
        #expect(visits.map(\.day) == visits.map(\.day).sorted())
        #expect(Set(visits.map(\.day)).count == visits.count)
        #expect(visits.last!.day <= 1200)
    }

    @Test func assaysReportLimitsAndUnits() {
        // setup: a patient whose model state we set by hand.
        let p = FucasoVirtualPatient.make(index: 0, options: FucasoTrialOptions(parameters: .uncalibrated))
        var r = VirtualPatientRandom(seed: 1, index: 0, stream: .assays)
        let day = CalendarDate(year: 2023, month: 3, day: 1)!
        var gone = FucasoPatientModel.State()
        gone[FucasoPatientModel.paraprotein] = 0.05    // below SPEP (0.1), above IFE (0.02)
        // MUT
        let panel = VirtualPatientAssays.diseasePanel(p, gone, code: "V-000001", on: day, random: &r)
        let transgene = VirtualPatientAssays.transgene(p, gone, day: 400, code: "V-000001", on: day, random: &r)
        let marrow = VirtualPatientAssays.marrow(p, gone, code: "V-000001", on: day, withMRD: true, random: &r)
        // validate
        let spep = panel.first { $0.analyte == .serumMProtein }!
        let sife = panel.first { $0.analyte == .serumImmunofixation }!
        if p.covariates.isotype != .lightChainOnly {
            #expect(spep.value == .number(0))
            #expect(sife.value == .finding(true))
        }
        #expect(transgene.value == .number(0))
        #expect(transgene.lowerLimitOfDetection == 5 && transgene.lowerLimitOfQuantification == 20)
        #expect(marrow.first { $0.analyte == .mrd }?.value == .finding(false))
        #expect(marrow.first { $0.analyte == .mrd }?.sensitivity == 1e-5)
        #expect((panel + [transgene] + marrow).allSatisfy { $0.problems.isEmpty })
    }

    /// A course whose cytokine is `level` from Day 1.0 to Day 1.75 and at baseline elsewhere (seen by the
    /// Day 1 and Day 2 assessments).
    static func course(level: Double) -> FucasoPatientCourse {
        var early = [FucasoPatientModel.State](repeating: FucasoPatientModel.State(), count: 113)
        for i in 0..<113 { early[i][FucasoPatientModel.cytokine] = (4...7).contains(i) ? level : 3 }
        return FucasoPatientCourse(early: early, later: [:], steps: 0)
    }

    @Test func bedsideFindingsGradeAtTheirThresholds() throws {
        // setup: fever threshold θ; grade 2 from m₂·θ, grade 3 from m₃·θ, grade 4 from m₃·m₄·θ.
        let p = FucasoVirtualPatient.make(index: 3, options: FucasoTrialOptions(parameters: .uncalibrated))
        let theta = p.feverThreshold
        let m2 = p.parameters.grade2Multiple, m3 = p.parameters.grade3Multiple, m4 = m3 * p.parameters.grade4OverGrade3
        let infusion = CalendarDate(year: 2022, month: 5, day: 10)!
        func day1Grade(_ level: Double) throws -> Int? {
            var r = VirtualPatientRandom(seed: 9, index: 3, stream: .bedside)
            let s = try VirtualPatientBedside.assessments(p, course: Self.course(level: level), code: "V-000004",
                                                         infusion: infusion, untilDay: 29, random: &r)
            #expect(s.count == 17)
            return s.first { $0.studyDay == 1 }?.crsGrade
        }
        // MUT / validate: both sides of each threshold (below fever stays 0 even far above baseline).
        #expect(try day1Grade(0.99 * theta) == 0)
        #expect(try day1Grade(1.01 * theta) == 1)
        #expect(try day1Grade(0.99 * m2 * theta) == 1)
        #expect(try day1Grade(1.01 * m2 * theta) == 2)
        #expect(try day1Grade(0.99 * m3 * theta) == 2)
        #expect(try day1Grade(1.01 * m3 * theta) == 3)
        #expect(try day1Grade(0.99 * m4 * theta) == 3)
        #expect(try day1Grade(1.01 * m4 * theta) == 4)
    }

    @Test func encephalopathyLowersTheICEScore() throws {
        // setup: cytokine at 4× the neurotoxicity threshold: deficits 1 + ⌊2·log₂4⌋ = 5 → ICE 5 (grade 2).
        let p = FucasoVirtualPatient.make(index: 3, options: FucasoTrialOptions(parameters: .uncalibrated))
        var r = VirtualPatientRandom(seed: 9, index: 3, stream: .bedside)
        // MUT
        let s = try VirtualPatientBedside.assessments(p, course: Self.course(level: 4 * p.neurotoxicityThreshold),
                                                     code: "V-000004", infusion: CalendarDate(year: 2022, month: 5, day: 10)!,
                                                     untilDay: 29, random: &r)
        // validate
        #expect(s.first { $0.studyDay == 1 }?.icansGrade == 2)
        #expect(s.first { $0.studyDay == 3 }?.icansGrade == 0)
    }
}
