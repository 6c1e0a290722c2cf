import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private func lab(_ d: String, _ a: LabAnalyte, _ v: Double, patient code: String = "C01-0007") -> LabResult {
    LabResult(patientCode: code, sampleDate: date(d), analyte: a, value: .number(v))
}
private func flag(_ d: String, _ a: LabAnalyte, _ f: Bool) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date(d), analyte: a, value: .finding(f))
}

/// Infusion 2026-01-20 (Day 0). Study days by hand: 2026-02-17 = Jan 20 + 11 (to Jan 31) + 17 = Day 28;
/// 2026-03-20 = 31 (to Feb 20) + 28 (to Mar 20) = Day 59; 2026-03-23 = Day 62.
private let infusion = date("2026-01-20")
private let series: [LabResult] = [
    lab("2025-12-15", .serumMProtein, 3.0),          // before the baseline window: not used
    lab("2026-01-05", .serumMProtein, 2.4),
    lab("2026-01-18", .serumMProtein, 2.6),          // latest on or before Day 0: the baseline
    lab("2026-01-05", .marrowPlasmaCells, 40),
    lab("2026-01-20", .kappaFreeLightChain, 180),    // Day 0 counts as baseline
    lab("2026-01-20", .lambdaFreeLightChain, 9),
    flag("2026-01-10", .serumImmunofixation, true), // no baseline field
    lab("2026-01-19", .serumMProtein, 5.0, patient: "C01-0008"), // another patient
    lab("2026-02-17", .serumMProtein, 0.8),
    lab("2026-02-17", .kappaFreeLightChain, 20),
    lab("2026-02-17", .lambdaFreeLightChain, 10),
    lab("2026-02-17", .absoluteNeutrophilCount, 1500), // safety: not an IMWG finding
    lab("2026-03-20", .serumMProtein, 0),
    flag("2026-03-20", .serumImmunofixation, false),
    flag("2026-03-20", .urineImmunofixation, false),
    lab("2026-03-23", .marrowPlasmaCells, 2),
    flag("2026-03-23", .marrowClonality, false),
    LabResult(patientCode: "C01-0007", sampleDate: date("2026-03-23"), analyte: .mrd, value: .finding(false),
              method: .nextGenerationFlow, sensitivity: 1e-5),
    flag("2026-03-23", .petCT, false),
]

@Suite("Laboratory series to engine input")
struct LabResultConversionTests {
    @Test("baseline takes the latest value from the baseline date to Day 0; each later date is an assessment")
    func imwgInputByDate() throws {
        // MUT
        let input = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series,
                                                  baselineFrom: date("2026-01-01"), infusion: infusion)
        // validate
        #expect(input.baseline == IMWGBaseline(serumMProteinGramsPerDeciliter: 2.6,
                                               kappaFreeLightChainMilligramsPerLiter: 180,
                                               lambdaFreeLightChainMilligramsPerLiter: 9,
                                               boneMarrowPlasmaCellPercent: 40))
        #expect(input.assessments == [
            IMWGAssessment(day: 28, serumMProteinGramsPerDeciliter: 0.8, kappaFreeLightChainMilligramsPerLiter: 20,
                           lambdaFreeLightChainMilligramsPerLiter: 10),
            IMWGAssessment(day: 59, serumMProteinGramsPerDeciliter: 0, serumImmunofixation: .negative,
                           urineImmunofixation: .negative),
            IMWGAssessment(day: 62, boneMarrowPlasmaCellPercent: 2, clonalPlasmaCellsInMarrow: false,
                           mrd: MRDTest(result: .negative, method: .nextGenerationFlow, sensitivity: 1e-5),
                           petCT: .negative),
        ])
        #expect(input.reasons.contains("baseline serumMProtein 2.6 g/dL from 2026-01-18 (Day -2)"))
        #expect(!input.reasons.contains { $0.contains("PET/CT") }) // PET/CT is an input now, not dropped
        // The engine accepts the converted input (strictly increasing days, valid values).
        let course = try IMWGResponse.assess(baseline: input.baseline, assessments: input.assessments)
        #expect(course.assessments.map(\.day) == [28, 59, 62])
    }

    @Test("an assessment window joins the marrow drawn three days after the blood")
    func imwgInputWithWindow() {
        // MUT: 2026-03-23 is 3 days after 2026-03-20; window 3 joins it, window 2 does not.
        let joined = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series, baselineFrom: date("2026-01-01"),
                                                   infusion: infusion, assessmentWindowDays: 3)
        let apart = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series, baselineFrom: date("2026-01-01"),
                                                  infusion: infusion, assessmentWindowDays: 2)
        // validate
        #expect(joined.assessments.map(\.day) == [28, 59])
        #expect(joined.assessments[1] == IMWGAssessment(
            day: 59, serumMProteinGramsPerDeciliter: 0, boneMarrowPlasmaCellPercent: 2, serumImmunofixation: .negative,
            urineImmunofixation: .negative, clonalPlasmaCellsInMarrow: false,
            mrd: MRDTest(result: .negative, method: .nextGenerationFlow, sensitivity: 1e-5), petCT: .negative))
        #expect(apart.assessments.map(\.day) == [28, 59, 62])
    }

    @Test("a baseline date after the older values leaves them out")
    func baselineWindowStart() {
        // MUT: from 2026-01-06 the 2026-01-05 marrow is too old; the 2026-01-18 M-protein remains.
        let input = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series,
                                                  baselineFrom: date("2026-01-06"), infusion: infusion)
        // validate
        #expect(input.baseline.boneMarrowPlasmaCellPercent == nil)
        #expect(input.baseline.serumMProteinGramsPerDeciliter == 2.6)
    }

    @Test("transgene series: study days, pre-infusion samples dropped, the highest LLOD applies")
    func transgene() {
        // setup: 2026-01-27 = Day 7, 2026-02-17 = Day 28, 2026-01-19 = Day -1.
        func copies(_ code: String, _ d: String, _ v: Double, llod: Double, lloq: Double? = nil) -> LabResult {
            LabResult(patientCode: code, sampleDate: date(d), analyte: .transgeneCopies, value: .number(v),
                      lowerLimitOfDetection: llod, lowerLimitOfQuantification: lloq)
        }
        let results = [
            copies("C01-0007", "2026-02-17", 900, llod: 10),
            copies("C01-0007", "2026-01-19", 0, llod: 5),
            copies("C01-0007", "2026-01-27", 48000, llod: 5, lloq: 25),
            copies("C01-0008", "2026-01-27", 7, llod: 5),
        ]
        // MUT
        let s = LabResultIMWGConversion.transgeneSeries(patientCode: "C01-0007", results: results, infusion: infusion)
        // validate
        #expect(s.samples == [LabTransgenePoint(day: 7, copiesPerMicrogram: 48000), LabTransgenePoint(day: 28, copiesPerMicrogram: 900)])
        #expect(s.lowerLimitOfDetection == 10)
        #expect(s.lowerLimitOfQuantification == 25)
        #expect(s.reasons == [
            "2026-01-19 (Day -1) is before the infusion and is not used",
            "assay LLODs differ (5, 10 copies/ug); the highest, 10, applies to the whole series",
        ])
    }
}
