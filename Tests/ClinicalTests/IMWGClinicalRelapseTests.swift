import Clinical
import Testing

/// Clinical relapse (Kumar SK et al., Lancet Oncol 2016;17:e328): new lesion; SPD up ≥ 50% and ≥ 1 cm²
/// (the paper's "≥ 1 cm" read on the SPD scale); calcium > 11 mg/dL; hemoglobin down ≥ 2 g/dL and
/// attributed to myeloma; creatinine up ≥ 2 mg/dL from the start of therapy and attributed to myeloma;
/// hyperviscosity. Reported only: never progression.
///
/// Every case: baseline serum 3.0 g/dL, hemoglobin 12.0 g/dL, creatinine 1.0 mg/dL; day 28 serum
/// 1.5 g/dL (50% below: PR, no criterion), then the day-56 visit under test (serum 1.5 again).
@Suite("IMWG clinical relapse")
struct IMWGClinicalRelapseTests {
    static let baseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 3.0, hemoglobinGramsPerDeciliter: 12.0,
                                       creatinineMilligramsPerDeciliter: 1.0)

    static func course(_ day56: IMWGAssessment, baseline: IMWGBaseline = baseline) throws -> IMWGResponseCourse {
        try IMWGResponse.assess(baseline: baseline, assessments: [imwgVisit(28, serum: 1.5), day56])
    }

    static func visit56(calcium: Double? = nil, hemoglobin: Double? = nil, creatinine: Double? = nil,
                        hyperviscosity: Bool? = nil, anaemia: Bool? = nil, renal: Bool? = nil) -> IMWGAssessment {
        IMWGAssessment(day: 56, serumMProteinGramsPerDeciliter: 1.5, calciumMilligramsPerDeciliter: calcium,
                       hemoglobinGramsPerDeciliter: hemoglobin, creatinineMilligramsPerDeciliter: creatinine,
                       hyperviscosity: hyperviscosity, anaemiaAttributedToMyeloma: anaemia,
                       renalDysfunctionAttributedToMyeloma: renal)
    }

    @Test("(1) a new bone lesion or plasmacytoma")
    func newLesion() throws {
        // MUT: a new lesion is also PD by imaging (no confirmation): progression on day 56 as before.
        let c = try Self.course(imwgVisit(56, serum: 1.5, newLesion: true))
        // validate
        #expect(c.clinicalRelapseDay == 56)
        #expect(c.clinicalRelapseReasons == ["new bone lesion or soft-tissue plasmacytoma"])
        #expect(c.progressionDay == 56)
    }

    @Test("(2) SPD 2 → 3 cm²: +1 cm² is 50% of 2 and 1 cm², both met (inclusive)")
    func lesionGrowth() throws {
        // setup: baseline SPD 4; day 28 SPD 2 (lowest); day 56 SPD 3.
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 3.0, plasmacytomaSPDSquareCentimeters: 4)
        let assessments = [imwgVisit(28, serum: 1.5, spd: 2), imwgVisit(56, serum: 1.5, spd: 3)]
        // MUT
        let c = try IMWGResponse.assess(baseline: base, assessments: assessments)
        // validate
        #expect(c.clinicalRelapseDay == 56)
        #expect(c.clinicalRelapseReasons.count == 1)
        #expect(c.clinicalRelapseReasons[0].hasPrefix("lesion SPD rose from its lowest 2 to 3 cm²"))
    }

    @Test("SPD rises that are not definite: 4 → 5.9 (47.5%), 1.8 → 2.7 (50% but 0.9 cm²), 2 → 2.9 (45%, 0.9 cm²)")
    func lesionGrowthNotDefinite() throws {
        // setup: the lowest SPD is the baseline; the day-28 value is the rise.
        func relapseDay(from start: Double, to value: Double) throws -> Int? {
            let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 3.0, plasmacytomaSPDSquareCentimeters: start)
            return try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, serum: 1.5, spd: value)]).clinicalRelapseDay
        }
        // MUT / validate: 5.9 − 4 = 1.9 < 2 (50% of 4)
        #expect(try relapseDay(from: 4, to: 5.9) == nil)
        // 2.7 − 1.8 = 0.9 = 50% of 1.8, but < 1 cm²
        #expect(try relapseDay(from: 1.8, to: 2.7) == nil)
        // 2.9 − 2 = 0.9: below 50% of 2 and below 1 cm²
        #expect(try relapseDay(from: 2, to: 2.9) == nil)
    }

    @Test("(3) calcium 11.5 mg/dL is hypercalcaemia; exactly 11.0 is not (> 11)")
    func hypercalcaemia() throws {
        // MUT
        let high = try Self.course(Self.visit56(calcium: 11.5))
        let boundary = try Self.course(Self.visit56(calcium: 11.0))
        // validate
        #expect(high.clinicalRelapseDay == 56)
        #expect(high.clinicalRelapseReasons == ["hypercalcaemia: calcium 11.5 mg/dL (> 11)"])
        #expect(boundary.clinicalRelapseDay == nil)
        #expect(boundary.clinicalRelapseReasons == [])
    }

    @Test("(4) hemoglobin 12.0 → 10.0 g/dL counts only when attributed to myeloma")
    func hemoglobinFall() throws {
        // MUT: fall 12.0 − 10.0 = 2.0 ≥ 2
        let attributed = try Self.course(Self.visit56(hemoglobin: 10.0, anaemia: true))
        let notAttributed = try Self.course(Self.visit56(hemoglobin: 10.0, anaemia: false))
        let unknown = try Self.course(Self.visit56(hemoglobin: 10.0))
        let smaller = try Self.course(Self.visit56(hemoglobin: 10.5, anaemia: true)) // 1.5 < 2
        let noBaseline = try Self.course(Self.visit56(hemoglobin: 10.0, anaemia: true),
                                         baseline: IMWGBaseline(serumMProteinGramsPerDeciliter: 3.0))
        // validate
        #expect(attributed.clinicalRelapseDay == 56)
        #expect(attributed.clinicalRelapseReasons == ["hemoglobin fell from 12 to 10 g/dL (≥ 2 g/dL, attributed to myeloma)"])
        #expect(notAttributed.clinicalRelapseDay == nil)
        #expect(unknown.clinicalRelapseDay == nil)
        #expect(smaller.clinicalRelapseDay == nil)
        #expect(noBaseline.clinicalRelapseDay == nil)
    }

    @Test("(5) creatinine 1.0 → 3.0 mg/dL from the start of therapy counts only when attributed")
    func creatinineRise() throws {
        // MUT: rise 3.0 − 1.0 = 2.0 ≥ 2
        let attributed = try Self.course(Self.visit56(creatinine: 3.0, renal: true))
        let unknown = try Self.course(Self.visit56(creatinine: 3.0))
        let smaller = try Self.course(Self.visit56(creatinine: 2.9, renal: true)) // 1.9 < 2
        // validate
        #expect(attributed.clinicalRelapseDay == 56)
        #expect(attributed.clinicalRelapseReasons == ["creatinine rose from 1 to 3 mg/dL (≥ 2 mg/dL, attributed to myeloma)"])
        #expect(unknown.clinicalRelapseDay == nil)
        #expect(smaller.clinicalRelapseDay == nil)
    }

    @Test("(6) hyperviscosity")
    func hyperviscosity() throws {
        // MUT
        let present = try Self.course(Self.visit56(hyperviscosity: true))
        let absent = try Self.course(Self.visit56(hyperviscosity: false))
        // validate
        #expect(present.clinicalRelapseDay == 56)
        #expect(present.clinicalRelapseReasons == ["hyperviscosity related to the serum paraprotein"])
        #expect(absent.clinicalRelapseDay == nil)
    }

    @Test("several criteria on one day are all listed, in the paper's order")
    func severalCriteria() throws {
        // MUT
        let c = try Self.course(Self.visit56(calcium: 12, hyperviscosity: true))
        // validate
        #expect(c.clinicalRelapseReasons == ["hypercalcaemia: calcium 12 mg/dL (> 11)",
                                             "hyperviscosity related to the serum paraprotein"])
    }

    @Test("clinical relapse leaves progression, best response and categories as they were")
    func notProgression() throws {
        // setup: the same course with and without hypercalcaemia on day 56.
        let plain = try Self.course(Self.visit56())
        // MUT
        let relapsed = try Self.course(Self.visit56(calcium: 11.5))
        // validate: 1.5 g/dL is PR on both days, confirmed; nothing rises.
        #expect(relapsed.clinicalRelapseDay == 56)
        #expect(relapsed.progressionDay == nil)
        #expect(imwgCategories(relapsed) == [.partialResponse, .partialResponse])
        #expect(relapsed.bestConfirmedResponse == .partialResponse)
        #expect(relapsed.bestConfirmedResponseDay == 28)
        #expect(relapsed.durationOfResponse == IMWGTimeSpan(startDay: 28, endDay: 56, event: false))
        #expect(relapsed.assessments == plain.assessments)
        #expect(plain.clinicalRelapseDay == nil)
    }

    @Test("a visit holding only clinical-relapse inputs is NE and confirms nothing")
    func relapseOnlyVisitIsNotEvaluable() throws {
        // setup: day 28 PR (1.5 g/dL); day 42 calcium 11.5 only; day 56 PR again.
        let assessments = [imwgVisit(28, serum: 1.5), IMWGAssessment(day: 42, calciumMilligramsPerDeciliter: 11.5),
                           imwgVisit(56, serum: 1.5)]
        // MUT
        let c = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate: NE is skipped, so days 28 and 56 still confirm each other.
        #expect(imwgCategories(c) == [.partialResponse, .notEvaluable, .partialResponse])
        #expect(c.assessments.map(\.confirmed) == [true, false, true])
        #expect(c.clinicalRelapseDay == 42)
        #expect(c.progressionDay == nil)
    }

    @Test("a value that is negative or not finite names its field")
    func validation() {
        // setup
        let cases: [(IMWGBaseline, IMWGAssessment, String)] = [
            (IMWGBaseline(hemoglobinGramsPerDeciliter: -1), IMWGAssessment(day: 1), "baseline.hemoglobinGramsPerDeciliter"),
            (IMWGBaseline(creatinineMilligramsPerDeciliter: .nan), IMWGAssessment(day: 1), "baseline.creatinineMilligramsPerDeciliter"),
            (IMWGBaseline(), IMWGAssessment(day: 1, calciumMilligramsPerDeciliter: -0.5), "assessments[0].calciumMilligramsPerDeciliter"),
            (IMWGBaseline(), IMWGAssessment(day: 1, hemoglobinGramsPerDeciliter: .infinity), "assessments[0].hemoglobinGramsPerDeciliter"),
            (IMWGBaseline(), IMWGAssessment(day: 1, creatinineMilligramsPerDeciliter: -2), "assessments[0].creatinineMilligramsPerDeciliter"),
        ]
        for (baseline, assessment, field) in cases {
            // MUT
            let error = #expect(throws: ResponseInputError.self) {
                try IMWGResponse.assess(baseline: baseline, assessments: [assessment])
            }
            // validate
            #expect(error?.field == field)
        }
    }
}
