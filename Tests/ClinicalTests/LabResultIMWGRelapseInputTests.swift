import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private func lab(_ d: String, _ a: LabAnalyte, _ v: Double) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date(d), analyte: a, value: .number(v))
}
private func flag(_ d: String, _ a: LabAnalyte, _ f: Bool) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date(d), analyte: a, value: .finding(f))
}

/// Infusion 2026-01-20 (Day 0). Study days by hand: 2026-01-21 = Day 1, 2026-01-22 = Day 2;
/// 2026-02-17 = 11 (to Jan 31) + 17 = Day 28, 2026-02-18 = Day 29; 2026-03-01 = 11 + 28 (February
/// 2026) + 1 = Day 40, 2026-03-02 = Day 41, 2026-03-10 = Day 49, 2026-03-20 = Day 59.
private let infusion = date("2026-01-20")
private let series: [LabResult] = [
    lab("2026-01-10", .serumMProtein, 2.0),
    lab("2026-01-10", .hemoglobin, 12.5),
    lab("2026-01-10", .creatinine, 0.9),
    lab("2026-01-10", .circulatingPlasmaCells, 80),
    lab("2026-01-21", .hemoglobin, 9.0),            // Day 1: no response assessment near it
    lab("2026-01-22", .creatinine, 1.0),            // Day 2: likewise
    lab("2026-02-17", .serumMProtein, 1.0),
    flag("2026-02-17", .petCT, true),
    lab("2026-02-17", .circulatingPlasmaCells, 20),
    lab("2026-02-18", .hemoglobin, 9.5),            // Day 29: inside Day 28's window of 3
    lab("2026-03-01", .calcium, 11.6),              // Day 40: hypercalcaemia, no response visit near it
    lab("2026-03-02", .hemoglobin, 8.0),            // Day 41: inside Day 40's window
    lab("2026-03-10", .calcium, 9.0),               // Day 49: normal calcium on its own
    lab("2026-03-20", .serumMProtein, 0.9),
    flag("2026-03-20", .hyperviscosity, false),
]

/// The analytes added for the IMWG 2016 additions (Kumar SK et al., Lancet Oncol 2016;17:e328) and
/// their conversion into the engine's input.
@Suite("Laboratory series: PET/CT, circulating plasma cells and clinical-relapse inputs")
struct LabResultIMWGRelapseInputTests {
    @Test("calcium in mg/dL (0...30) or mmol/L, circulating plasma cells per µL (0...1,000,000), hyperviscosity true/false")
    func analyteRules() {
        // setup / MUT / validate
        #expect(LabAnalyte.calcium.unit == "mg/dL")
        #expect(LabAnalyte.circulatingPlasmaCells.unit == "/uL")
        #expect(LabAnalyte.hyperviscosity.valueKind == .trueFalse)
        #expect(lab("2026-02-17", .calcium, 30).problems.isEmpty)
        #expect(lab("2026-02-17", .calcium, 30.5).problems.map(\.column) == [.value])
        // mmol/L is accepted (× 4.0078, LabUnitTable); an enzyme-activity unit is not a calcium unit.
        #expect(LabResult(patientCode: "C01-0007", sampleDate: date("2026-02-17"), analyte: .calcium, value: .number(2.6),
                          unit: "mmol/L").problems.isEmpty)
        #expect(LabResult(patientCode: "C01-0007", sampleDate: date("2026-02-17"), analyte: .calcium, value: .number(2.6),
                          unit: "U/L").problems.map(\.column) == [.unit])
        for unit in ["/uL", "/µL", "/μL", "cells/uL", "cells/µL", "cells/μL", "cells / µL"] {
            #expect(LabAnalyte.circulatingPlasmaCells.accepts(unit: unit))
        }
        #expect(!LabAnalyte.circulatingPlasmaCells.accepts(unit: "%"))
        #expect(lab("2026-02-17", .circulatingPlasmaCells, 1_000_000).problems.isEmpty)
        #expect(lab("2026-02-17", .circulatingPlasmaCells, 1_000_001).problems.map(\.column) == [.value])
        #expect(flag("2026-02-17", .hyperviscosity, true).problems.isEmpty)
        #expect(lab("2026-02-17", .hyperviscosity, 1).problems.map(\.column) == [.value])
    }

    @Test("response findings and clinical-relapse inputs are told apart")
    func analyteRoles() {
        // setup / MUT / validate
        #expect(LabAnalyte.petCT.isIMWGFinding)
        #expect(LabAnalyte.circulatingPlasmaCells.isIMWGFinding)
        for analyte in [LabAnalyte.calcium, .hemoglobin, .creatinine, .hyperviscosity] {
            #expect(!analyte.isIMWGFinding)
            #expect(analyte.isIMWGClinicalRelapseInput)
        }
        #expect(!LabAnalyte.platelets.isIMWGFinding && !LabAnalyte.platelets.isIMWGClinicalRelapseInput)
    }

    @Test("PET/CT and circulating plasma cells make assessments; relapse labs join them, never move them")
    func conversionWithWindow() throws {
        // MUT: window 3 days, as the outcome pages use.
        let input = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series, baselineFrom: date("2026-01-01"),
                                                  infusion: infusion, assessmentWindowDays: 3)
        // validate: baseline takes hemoglobin, creatinine and circulating plasma cells too.
        #expect(input.baseline == IMWGBaseline(serumMProteinGramsPerDeciliter: 2.0, circulatingPlasmaCellsPerMicroliter: 80,
                                               hemoglobinGramsPerDeciliter: 12.5, creatinineMilligramsPerDeciliter: 0.9))
        // Day 28 keeps its day and gains the Day-29 hemoglobin; the Day-40 hypercalcaemia makes its own
        // assessment and takes the Day-41 hemoglobin; Days 1, 2 and 49 are not used.
        #expect(input.assessments == [
            IMWGAssessment(day: 28, serumMProteinGramsPerDeciliter: 1.0, petCT: .positive,
                           circulatingPlasmaCellsPerMicroliter: 20, hemoglobinGramsPerDeciliter: 9.5),
            IMWGAssessment(day: 40, calciumMilligramsPerDeciliter: 11.6, hemoglobinGramsPerDeciliter: 8.0),
            IMWGAssessment(day: 59, serumMProteinGramsPerDeciliter: 0.9, hyperviscosity: false),
        ])
        #expect(input.reasons.contains("baseline hemoglobin 12.5 g/dL from 2026-01-10 (Day -10)"))
        #expect(input.reasons.contains("3 calcium, hemoglobin, creatinine or hyperviscosity result(s) after Day 0 lie outside "
                                       + "every assessment and are not used (only calcium > 11 mg/dL or hyperviscosity makes an assessment of its own)"))

        // The engine: 1.0 and 0.9 g/dL are 50% and 55% below 2.0 (PR); Day 40 is NE and is skipped, so
        // the PRs confirm each other. Clinical relapse on Day 40 by calcium only: hemoglobin fell 12.5 → 8.0
        // but a laboratory series carries no attribution to myeloma.
        let course = try IMWGResponse.assess(baseline: input.baseline, assessments: input.assessments)
        #expect(imwgCategories(course) == [.partialResponse, .notEvaluable, .partialResponse])
        #expect(course.assessments.map(\.confirmed) == [true, false, true])
        #expect(course.clinicalRelapseDay == 40)
        #expect(course.clinicalRelapseReasons == ["hypercalcaemia: calcium 11.6 mg/dL (> 11)"])
        #expect(course.progressionDay == nil)
    }

    @Test("without a window, relapse labs on days of their own are left out, except hypercalcaemia")
    func conversionWithoutWindow() {
        // MUT
        let input = LabResultIMWGConversion.input(patientCode: "C01-0007", results: series, baselineFrom: date("2026-01-01"),
                                                  infusion: infusion)
        // validate: Days 1, 2, 29, 41 and 49 are each alone and not hypercalcaemia: 5 not used.
        #expect(input.assessments.map(\.day) == [28, 40, 59])
        #expect(input.assessments[1] == IMWGAssessment(day: 40, calciumMilligramsPerDeciliter: 11.6))
        #expect(input.reasons.contains { $0.hasPrefix("5 calcium, hemoglobin, creatinine or hyperviscosity result(s)") })
    }

    @Test("hyperviscosity on a day of its own makes an assessment; calcium exactly 11 does not")
    func standAloneRelapseInputs() {
        // setup
        let results = [lab("2026-01-10", .serumMProtein, 2.0), flag("2026-02-17", .hyperviscosity, true),
                       lab("2026-03-01", .calcium, 11.0)]
        // MUT
        let input = LabResultIMWGConversion.input(patientCode: "C01-0007", results: results, baselineFrom: date("2026-01-01"),
                                                  infusion: infusion)
        // validate
        #expect(input.assessments == [IMWGAssessment(day: 28, hyperviscosity: true)])
    }
}
