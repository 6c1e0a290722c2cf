import Clinical
import Testing

/// PD by circulating plasma cells (Kumar SK et al., Lancet Oncol 2016;17:e328, PD row): "≥ 50% increase
/// in circulating plasma cells (minimum of 200 cells per µL) if this is the only measure of disease".
/// Engine reading: nadir = lowest observed count; met when the rise is ≥ 50% of the nadir and the count
/// is ≥ 200/µL; only without measurable serum, urine or FLC; a blood test, so it needs confirmation.
@Suite("IMWG circulating plasma cells")
struct IMWGCirculatingPlasmaCellTests {
    @Test("100 → 40 → 70 → 250 → 260 per µL: PD on the first count at or above 200, confirmed by the next")
    func worked() throws {
        // setup: baseline 100/µL, nothing else measured (serum, urine and FLC not measurable).
        // Day 28: 40 (nadir becomes 40). Day 56: 70 = 40 + 75%, but 70 < 200: not PD.
        // Day 84: 250 − 40 = 210 ≥ 20 (50% of 40) and 250 ≥ 200: PD. Day 112: 260, nadir still 40: PD.
        let baseline = IMWGBaseline(circulatingPlasmaCellsPerMicroliter: 100)
        let assessments = [imwgVisit(28, circulatingPlasmaCells: 40), imwgVisit(56, circulatingPlasmaCells: 70),
                           imwgVisit(84, circulatingPlasmaCells: 250), imwgVisit(112, circulatingPlasmaCells: 260)]
        // MUT
        let course = try IMWGResponse.assess(baseline: baseline, assessments: assessments)
        // validate: without measurable disease only SD or PD can be given before progression.
        #expect(imwgCategories(course) == [.stableDisease, .stableDisease, .progressiveDisease, .progressiveDisease])
        #expect(course.progressionDay == 84)
        let finding = try #require(course.assessments[2].progressionFindings.first)
        #expect(finding.route == .circulatingPlasmaCells)
        #expect(finding.nadir == 40)
        #expect(finding.value == 250)
        #expect(finding.needsConfirmation)
        #expect(course.assessments.map(\.confirmed) == [true, true, true, true])
    }

    @Test("a single PD count followed by a lower one is not progression")
    func needsConfirmation() throws {
        // setup: 100 → 250 (+150%, ≥ 200: PD) → 120 (120 − 100 = 20 < 50: not PD)
        let baseline = IMWGBaseline(circulatingPlasmaCellsPerMicroliter: 100)
        let assessments = [imwgVisit(28, circulatingPlasmaCells: 250), imwgVisit(56, circulatingPlasmaCells: 120)]
        // MUT
        let course = try IMWGResponse.assess(baseline: baseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.progressiveDisease, .stableDisease])
        #expect(course.progressionDay == nil)
    }

    @Test("boundaries: 100 → 200 is PD (+100%, reaches 200); 100 → 199 is not")
    func boundaries() throws {
        // setup
        let baseline = IMWGBaseline(circulatingPlasmaCellsPerMicroliter: 100)
        let reached = [imwgVisit(28, circulatingPlasmaCells: 200), imwgVisit(56, circulatingPlasmaCells: 200)]
        let short = [imwgVisit(28, circulatingPlasmaCells: 199), imwgVisit(56, circulatingPlasmaCells: 199)]
        // MUT
        let pd = try IMWGResponse.assess(baseline: baseline, assessments: reached)
        let noPD = try IMWGResponse.assess(baseline: baseline, assessments: short)
        // validate
        #expect(pd.progressionDay == 28)
        #expect(noPD.progressionDay == nil)
    }

    @Test("the route does not apply when serum M-protein is measurable")
    func notWithMeasurableSerum() throws {
        // setup: the same counts, with a measurable serum M-protein (2.0 g/dL ≥ 1) that stays at 2.0.
        let baseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 2.0, circulatingPlasmaCellsPerMicroliter: 100)
        let assessments = [imwgVisit(28, serum: 2.0, circulatingPlasmaCells: 40),
                           imwgVisit(56, serum: 2.0, circulatingPlasmaCells: 70),
                           imwgVisit(84, serum: 2.0, circulatingPlasmaCells: 250),
                           imwgVisit(112, serum: 2.0, circulatingPlasmaCells: 260)]
        // MUT
        let course = try IMWGResponse.assess(baseline: baseline, assessments: assessments)
        // validate: 0% reduction of serum is SD every time.
        #expect(imwgCategories(course) == [.stableDisease, .stableDisease, .stableDisease, .stableDisease])
        #expect(course.progressionDay == nil)
        #expect(course.assessments.allSatisfy { $0.progressionFindings.isEmpty })
    }

    @Test("a count that is not finite or negative names its field")
    func validation() {
        // setup
        let baseline = IMWGBaseline(circulatingPlasmaCellsPerMicroliter: -1)
        let assessments = [imwgVisit(28, circulatingPlasmaCells: .infinity)]
        // MUT
        let baselineError = #expect(throws: ResponseInputError.self) {
            try IMWGResponse.assess(baseline: baseline, assessments: [])
        }
        let assessmentError = #expect(throws: ResponseInputError.self) {
            try IMWGResponse.assess(baseline: IMWGBaseline(), assessments: assessments)
        }
        // validate
        #expect(baselineError?.field == "baseline.circulatingPlasmaCellsPerMicroliter")
        #expect(assessmentError?.field == "assessments[0].circulatingPlasmaCellsPerMicroliter")
    }
}
