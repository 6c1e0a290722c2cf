import CartographCore
import Clinical
import Foundation
import Outcomes
import Testing

@Suite("Outcomes: cohort figures")
struct CohortReportTests {
    @Test("exact intervals agree with R binom.test to 1e-9")
    func proportions() {
        // R 4.x: binom.test(103, 107)$conf.int = 0.9070452895 0.9897219993; binom.test(0, 17) = 0 0.1950643230.
        let a = CohortProportion("ORR", population: .evaluable, successes: 103, total: 107)
        #expect(abs(a.lower! - 0.9070452895) < 1e-9 && abs(a.upper! - 0.9897219993) < 1e-9)
        let b = CohortProportion("CRS ≥ 3", population: .infused, successes: 0, total: 17)
        #expect(b.lower == 0 && abs(b.upper! - 0.1950643230) < 1e-9)
        let empty = CohortProportion("none", population: .infused, successes: 0, total: 0)
        #expect(empty.estimate == nil)
    }

    @Test("Kaplan–Meier endpoint in months agrees with R survfit: median, its limits and the 12-month rate")
    func survival() throws {
        // setup: R — d <- c(30,60,60,90,120,200,365,400,500,700); e <- c(1,1,0,1,0,1,0,1,0,0);
        // f <- survfit(Surv(d*12/365.25, e) ~ 1): median 13.1416837782 (2.9568788501, NA);
        // summary(f, times = 12): surv 0.5485714286, lower 0.2962556506, upper 1, n.risk 3.
        let days = [30, 60, 60, 90, 120, 200, 365, 400, 500, 700]
        let events = [true, true, false, true, false, true, false, true, false, false]
        // MUT
        let s = try #require(CohortSurvival("PFS", population: .evaluable,
                                            observations: zip(days, events).map { OutcomeTime(days: $0, event: $1) }))
        // validate
        #expect(abs(s.medianMonths! - 13.1416837782) < 1e-9)
        #expect(abs(s.medianLowerMonths! - 2.9568788501) < 1e-9)
        #expect(s.medianUpperMonths == nil)
        let at12 = try #require(s.rate(atMonths: 12))
        #expect(abs(at12.survival! - 0.5485714286) < 1e-9)
        #expect(abs(at12.lower! - 0.2962556506) < 1e-9)
        #expect(at12.upper == 1)
        #expect(at12.atRisk == 3)
        #expect(s.rate(atMonths: 24)?.survival == nil) // 700 days = 23.0 months: R drops the time
        #expect(s.censoredMonths.count == 5)
        #expect(s.numberAtRisk.first == CohortSurvival.RiskCount(months: 0, atRisk: 10))
    }

    @Test("subgroup hazard ratio agrees with R coxph (Efron)")
    func hazardRatio() throws {
        // R: coxph(Surv(d*12/365.25, e) ~ g) with g <- c(1,0,1,0,0,1,0,1,0,0): HR 2.8063775006
        // (0.4651028023–16.9333631984), p 0.2604921897. The time scale does not change a Cox fit.
        let days = [30, 60, 60, 90, 120, 200, 365, 400, 500, 700]
        let events = [true, true, false, true, false, true, false, true, false, false]
        let group = [true, false, true, false, false, true, false, true, false, false]
        let patients = (0..<10).map { i in
            var p = OutcomePatient.derive(OutcomeRecords(patientCode: "P\(i)", infusionDate: nil))
            p.progressionFree = OutcomeTime(days: days[i], event: events[i])
            p.subgroups = OutcomeSubgroups(highRiskCytogenetics: group[i])
            return p
        }
        // MUT
        let h = CohortHazardRatio(subgroup: "High-risk", population: .evaluable, patients: patients, has: \.highRiskCytogenetics)
        // validate
        #expect(abs(h.hazardRatio! / 2.8063775006 - 1) < 1e-6)
        #expect(abs(h.lower! / 0.4651028023 - 1) < 1e-6)
        #expect(abs(h.upper! / 16.9333631984 - 1) < 1e-6)
        #expect(abs(h.pValue! / 0.2604921897 - 1) < 1e-6)
        #expect(h.nWith == 4 && h.eventsWith == 3 && h.nWithout == 6 && h.eventsWithout == 2)
    }

    @Test("a level without events gives no hazard ratio and says why")
    func hazardRatioNotEstimable() {
        let patients = (0..<4).map { i in
            var p = OutcomePatient.derive(OutcomeRecords(patientCode: "P\(i)", infusionDate: nil))
            p.progressionFree = OutcomeTime(days: 100 + i, event: i < 2)
            p.subgroups = OutcomeSubgroups(priorBCMACART: i == 3)
            return p
        }
        let h = CohortHazardRatio(subgroup: "Prior", population: .evaluable, patients: patients, has: \.priorBCMACART)
        #expect(h.hazardRatio == nil)
        #expect(h.reason != nil)
    }

    @Test("the cohort: populations, denominators, toxicity by maximum grade, and the data cut")
    func cohort() {
        // setup
        let records = [Cohort.responderWhoProgresses, Cohort.earlyDeath, Cohort.notMeasurable, Cohort.neverInfused]
        // MUT
        let r = CohortReport.compute(records: records, dataCut: Cohort.day0.adding(days: 400))
        // validate: 4 enrolled, 3 infused, 2 evaluable (P1, P2); ORR 1/2 (P1's PR).
        #expect(r.enrolled == 4 && r.infused == 3 && r.evaluable == 2)
        #expect(r.notEvaluable == ["P3": "no measurable disease at baseline"])
        #expect(r.orr.successes == 1 && r.orr.total == 2)
        #expect(r.crOrBetter.successes == 0)
        // Naive: P2 had a prior BCMA CAR-T, so the naive evaluable set is P1 alone.
        #expect(r.evaluableCARTNaive == 1 && r.naiveORR.successes == 1 && r.naiveORR.total == 1)
        // CRS: P1 max 2, P2 max 1, P3 never graded → out of the denominator.
        #expect(r.crs.anyGrade.successes == 2 && r.crs.anyGrade.total == 2 && r.crs.notAssessed == 1)
        #expect(r.crs.byMaximumGrade.map(\.successes) == [1, 1, 0, 0, 0])
        #expect(r.crs.onsetDay.median == 1.5) // onsets on day 2 (P1) and day 1 (P2)
        // PFS: events at 90 (P1) and 50 (P2): both progressed or died by 400 → median between them.
        #expect(r.pfs?.events == 2)
        #expect(r.os?.events == 1)
        #expect(r.timeToFirstResponseDays.median == 14)
        #expect(r.tables.map(\.slug) == ["headline", "response", "time-to-event", "toxicity", "subgroups", "patients"])
    }

    @Test("CSV cells are quoted per RFC 4180 and a formula-like cell is defused")
    func csv() {
        let t = CohortTable(slug: "x", title: "X", caption: "", columns: ["a", "b"],
                            rows: [["1,5", "say \"hi\""], ["=HYPERLINK(\"x\")", "-12.5"]])
        #expect(t.csv == "a,b\r\n\"1,5\",\"say \"\"hi\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.5\r\n")
    }
}
