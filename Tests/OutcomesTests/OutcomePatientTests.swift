import CartographCore
import Clinical
import Foundation
import Outcomes
import Testing

/// Records built by hand, with the expected outcome reasoned from the IMWG 2016 and ASTCT 2019 rules
/// (Kumar 2016 response table; Lee 2019 Table 6), not read off the code.
enum Cohort {
    static let day0 = CalendarDate("2025-01-10")!

    static func lab(_ code: String, _ day: Int, _ analyte: LabAnalyte, _ value: Double) -> LabResult {
        LabResult(patientCode: code, sampleDate: day0.adding(days: day), analyte: analyte, value: .number(value))
    }

    static func graded(_ days: [Int], crs: [Int], icans: [Int]) -> [SafetyGradedAssessment] {
        zip(days, zip(crs, icans)).map { d, g in
            SafetyGradedAssessment(id: "a\(d)", studyDay: d, recordedAt: Date(timeIntervalSince1970: 1_736_467_200 + Double(d) * 86_400),
                                   crsGrade: g.0, icansGrade: g.1)
        }
    }

    /// Serum M 2.0 g/dL at baseline → 0.8 on D14 and D28 (−60%: PR, confirmed) → 1.4 on D90 and 1.6 on D120
    /// (+0.6 g/dL and +75% from the 0.8 nadir: PD by ≥ 25% and ≥ 0.5 g/dL, confirmed); seen alive on D300.
    static let responderWhoProgresses = OutcomeRecords(
        patientCode: "P1", infusionDate: day0, firstLymphodepletionDate: day0.adding(days: -5),
        labs: [lab("P1", -7, .serumMProtein, 2.0), lab("P1", 14, .serumMProtein, 0.8), lab("P1", 28, .serumMProtein, 0.8),
               lab("P1", 90, .serumMProtein, 1.4), lab("P1", 120, .serumMProtein, 1.6)],
        safety: graded([1, 2, 3, 4, 5], crs: [0, 1, 2, 1, 0], icans: [0, 0, 0, 0, 0]),
        contactDates: [day0.adding(days: 300)],
        subgroups: OutcomeSubgroups(highRiskCytogenetics: true))

    /// Serum M 1.5 → 1.4 on D14 (−7%: SD), death on D50 without a progression.
    static let earlyDeath = OutcomeRecords(
        patientCode: "P2", infusionDate: day0,
        labs: [lab("P2", -3, .serumMProtein, 1.5), lab("P2", 14, .serumMProtein, 1.4)],
        safety: graded([1, 2], crs: [1, 0], icans: [0, 0]),
        events: [FollowUpEndingEvent(.death, on: day0.adding(days: 50))],
        subgroups: OutcomeSubgroups(priorBCMACART: true))

    /// Serum M 0.5 g/dL only: below the 1 g/dL of measurable disease, so not evaluable for response.
    static let notMeasurable = OutcomeRecords(
        patientCode: "P3", infusionDate: day0,
        labs: [lab("P3", -2, .serumMProtein, 0.5), lab("P3", 28, .serumMProtein, 0.2)])

    static let neverInfused = OutcomeRecords(patientCode: "P4", infusionDate: nil)
}

@Suite("Outcomes: one patient from raw records")
struct OutcomePatientTests {
    @Test("a confirmed PR then a confirmed progression: PFS is an event on the first PD day, OS is censored at the last contact")
    func responderWhoProgresses() {
        // MUT
        let p = OutcomePatient.derive(Cohort.responderWhoProgresses)
        // validate
        #expect(p.evaluable)
        #expect(p.measurableDisease == [.serum])
        #expect(p.bestResponse == .partialResponse)
        #expect(p.firstResponseDay == 14)
        #expect(p.progressionDay == 90)
        #expect(p.progressionFree == OutcomeTime(days: 90, event: true))
        #expect(p.overall == OutcomeTime(days: 300, event: false))
        #expect(p.crs?.maxGrade == 2)
        #expect(p.crs?.onsetDay == 2)
        #expect(p.icans?.anyGrade == false)
        // Best change before progression: (0.8 − 2.0) / 2.0 = −60%.
        #expect(abs((p.bestMarkerChangePercent ?? 0) + 60) < 1e-9)
    }

    @Test("death before any progression is a PFS and an OS event on the death day")
    func earlyDeath() {
        let p = OutcomePatient.derive(Cohort.earlyDeath)
        #expect(p.evaluable)
        #expect(p.bestResponse != .partialResponse)
        #expect(p.progressionFree == OutcomeTime(days: 50, event: true))
        #expect(p.overall == OutcomeTime(days: 50, event: true))
        #expect(p.deathDay == 50)
    }

    @Test("no measurable disease and no infusion keep a patient out of the evaluable population, with the reason")
    func populations() {
        let p3 = OutcomePatient.derive(Cohort.notMeasurable)
        #expect(p3.infused && !p3.evaluable)
        #expect(p3.notEvaluableReason == "no measurable disease at baseline")
        let p4 = OutcomePatient.derive(Cohort.neverInfused)
        #expect(!p4.infused && !p4.evaluable && p4.overall == nil)
    }

    @Test("the data cut hides later records: before the D90 rise there is no progression, PFS is censored at D28")
    func dataCut() {
        // setup
        let cut = Cohort.day0.adding(days: 60)
        // MUT
        let p = OutcomePatient.derive(Cohort.responderWhoProgresses.asOf(cut))
        // validate
        #expect(p.progressionDay == nil)
        #expect(p.progressionFree == OutcomeTime(days: 28, event: false))
        #expect(p.overall == OutcomeTime(days: 28, event: false))
    }
}
