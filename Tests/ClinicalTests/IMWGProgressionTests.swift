import Clinical
import Testing

/// Progressive disease (Kumar 2016 PD row; Durie 2006 for the ≥ 5 g/dL nadir rule), one test per route,
/// each with a case on either side of its threshold. The nadir is the lowest level held at two
/// consecutive measurements (or the baseline): IMWGNadir.
@Suite("IMWG progression routes")
struct IMWGProgressionTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)

    @Test("serum: +0.5 g/dL and +25% from the confirmed nadir is PD; +0.49 is not")
    func serumRoute() throws {
        // setup: nadir = min(4.0, max(1.0, 1.0)) = 1.0. Day 84: 1.5 − 1.0 = 0.5 ≥ 0.5 and ≥ 25% of 1.0.
        let rising = [imwgVisit(28, serum: 1.0), imwgVisit(56, serum: 1.0),
                      imwgVisit(84, serum: 1.5), imwgVisit(112, serum: 1.6)]
        // 1.49 − 1.0 = 0.49 < 0.5 (and 1.49 is still 62.75% below 4.0: PR)
        let short = [imwgVisit(28, serum: 1.0), imwgVisit(56, serum: 1.0),
                     imwgVisit(84, serum: 1.49), imwgVisit(112, serum: 1.49)]
        // MUT
        let pd = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: rising)
        let noPD = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: short)
        // validate
        // 1.0 is 75% below 4.0 → PR
        #expect(imwgCategories(pd) == [.partialResponse, .partialResponse, .progressiveDisease, .progressiveDisease])
        #expect(pd.progressionDay == 84)
        #expect(pd.assessments[2].progressionFindings.map(\.route) == [.serumMProtein])
        #expect(noPD.progressionDay == nil)
        #expect(noPD.assessments[2].category == .partialResponse)
    }

    @Test("a rise too small to count: +0.4 g/dL is +200% but under the 0.5 g/dL floor")
    func riseTooSmall() throws {
        // setup: baseline 1.2; nadir max(0.2, 0.2) = 0.2; 0.6 − 0.2 = 0.4; 0.65 − 0.2 = 0.45
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 1.2)
        let assessments = [imwgVisit(28, serum: 0.2), imwgVisit(56, serum: 0.2),
                           imwgVisit(84, serum: 0.6), imwgVisit(112, serum: 0.65)]
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: assessments)
        // validate
        #expect(course.progressionDay == nil)
        #expect(!imwgCategories(course).contains(.progressiveDisease))
        // 0.6 is 50% below 1.2 → PR; 0.65 is 45.8% below → MR
        #expect(imwgCategories(course)[2...] == [.partialResponse, .minimalResponse])
    }

    @Test("nadir ≥ 5 g/dL: +1 g/dL suffices (20%); with a nadir of 4.8, +1 g/dL (20.8%) does not")
    func highNadirRule() throws {
        // setup: baseline 8.0; nadir 5.0; 6.0 − 5.0 = 1.0 ≥ 1 g/dL → PD although only 20%
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 8.0)
        let high = [imwgVisit(28, serum: 5.0), imwgVisit(56, serum: 5.0),
                    imwgVisit(84, serum: 6.0), imwgVisit(112, serum: 6.1)]
        // nadir 4.8 < 5: needs ≥ 25% = 1.2 g/dL; 5.8 − 4.8 = 1.0 is not enough
        let low = [imwgVisit(28, serum: 4.8), imwgVisit(56, serum: 4.8),
                   imwgVisit(84, serum: 5.8), imwgVisit(112, serum: 5.8)]
        // MUT
        let pd = try IMWGResponse.assess(baseline: base, assessments: high)
        let noPD = try IMWGResponse.assess(baseline: base, assessments: low)
        // validate
        #expect(pd.progressionDay == 84)
        #expect(noPD.progressionDay == nil)
    }

    @Test("urine: +200 mg/24 h and +25% is PD; +190 is not; +200 that is only 20% is not")
    func urineRoute() throws {
        // setup: baseline 2000; nadir 400; 600 − 400 = 200 (50%) → PD; 590 − 400 = 190 → not
        let base = IMWGBaseline(urineMProteinMilligramsPer24h: 2000)
        let pd = [imwgVisit(28, urine: 400), imwgVisit(56, urine: 400),
                  imwgVisit(84, urine: 600), imwgVisit(112, urine: 650)]
        let small = [imwgVisit(28, urine: 400), imwgVisit(56, urine: 400),
                     imwgVisit(84, urine: 590), imwgVisit(112, urine: 590)]
        // nadir 1000: 1200 is +200 but only +20% (< 25%) → not PD; 1250 is +25% → PD
        let relative = [imwgVisit(28, urine: 1000), imwgVisit(56, urine: 1000),
                        imwgVisit(84, urine: 1200), imwgVisit(112, urine: 1250), imwgVisit(140, urine: 1260)]
        // MUT
        let pdCourse = try IMWGResponse.assess(baseline: base, assessments: pd)
        let smallCourse = try IMWGResponse.assess(baseline: base, assessments: small)
        let relativeCourse = try IMWGResponse.assess(baseline: base, assessments: relative)
        // validate
        #expect(pdCourse.progressionDay == 84)
        #expect(pdCourse.assessments[2].progressionFindings.map(\.route) == [.urineMProtein])
        #expect(smallCourse.progressionDay == nil)
        #expect(relativeCourse.assessments[2].category != .progressiveDisease)
        #expect(relativeCourse.progressionDay == 112)
    }

    @Test("FLC-only: dFLC up > 10 mg/dL (100 mg/L) and ≥ 25% is PD; exactly +100 mg/L is not")
    func flcOnlyRoute() throws {
        // setup: baseline κ 500, λ 10 (dFLC 490 mg/L); nadir dFLC 60 − 10 = 50 mg/L.
        // κ 161 → dFLC 151: +101 mg/L > 100 and +202% → PD.  κ 160 → dFLC 150: +100, not > 100.
        let base = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 500, lambdaFreeLightChainMilligramsPerLiter: 10)
        let pd = [imwgVisit(28, kappa: 60, lambda: 10), imwgVisit(56, kappa: 60, lambda: 10),
                  imwgVisit(84, kappa: 161, lambda: 10), imwgVisit(112, kappa: 170, lambda: 10)]
        let exact = [imwgVisit(28, kappa: 60, lambda: 10), imwgVisit(56, kappa: 60, lambda: 10),
                     imwgVisit(84, kappa: 160, lambda: 10), imwgVisit(112, kappa: 160, lambda: 10)]
        // MUT
        let pdCourse = try IMWGResponse.assess(baseline: base, assessments: pd)
        let exactCourse = try IMWGResponse.assess(baseline: base, assessments: exact)
        // validate
        #expect(pdCourse.progressionDay == 84)
        #expect(pdCourse.assessments[2].progressionFindings.map(\.route) == [.freeLightChainDifference])
        #expect(exactCourse.progressionDay == nil)
    }

    @Test("dFLC does not count when serum M-protein is measurable")
    func flcRouteNeedsUnmeasurableMProtein() throws {
        // setup: serum measurable (2.0) and FLC measurable; dFLC 50 → 400 mg/L, serum stays 0.8
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 2.0, kappaFreeLightChainMilligramsPerLiter: 500,
                                lambdaFreeLightChainMilligramsPerLiter: 10)
        let assessments = [imwgVisit(28, serum: 0.8, kappa: 60, lambda: 10), imwgVisit(56, serum: 0.8, kappa: 60, lambda: 10),
                           imwgVisit(84, serum: 0.8, kappa: 410, lambda: 10), imwgVisit(112, serum: 0.8, kappa: 420, lambda: 10)]
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: assessments)
        // validate
        #expect(course.progressionDay == nil)
    }

    @Test("marrow-only: +10 points and +25% from the marrow nadir is PD with no confirmation; +9 is not")
    func marrowOnlyRoute() throws {
        // setup: nothing measurable; baseline 40%, nadir 20% (day 30); 30% is +10 (50%); 29% is +9
        let base = IMWGBaseline(boneMarrowPlasmaCellPercent: 40)
        let pd = [imwgVisit(30, marrow: 20), imwgVisit(90, marrow: 30)]
        let noPD = [imwgVisit(30, marrow: 20), imwgVisit(90, marrow: 29)]
        // MUT
        let pdCourse = try IMWGResponse.assess(baseline: base, assessments: pd)
        let noPDCourse = try IMWGResponse.assess(baseline: base, assessments: noPD)
        // validate
        #expect(pdCourse.assessments[1].category == .progressiveDisease)
        #expect(pdCourse.assessments[1].confirmed)
        #expect(pdCourse.progressionDay == 90)
        #expect(noPDCourse.progressionDay == nil)
    }

    @Test("new lesion: PD on the day seen, without confirmation, even if the next assessment is not PD")
    func newLesionRoute() throws {
        // setup
        let assessments = [imwgVisit(28, serum: 1.5), imwgVisit(56, serum: 1.4),
                           imwgVisit(84, serum: 1.4, newLesion: true), imwgVisit(112, serum: 1.3)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[2].category == .progressiveDisease)
        #expect(course.assessments[2].confirmed)
        #expect(course.progressionDay == 84)
        // best response counts only assessments before progression: 1.5 and 1.4 are ≥ 50% below 4.0 → PR
        #expect(course.bestConfirmedResponse == .partialResponse)
    }

    @Test("plasmacytoma: SPD up ≥ 50% from its nadir is PD; +47.5% is not")
    func plasmacytomaGrowthRoute() throws {
        // setup: SPD nadir 4 cm² (day 28); 6 is +50%; 5.9 is +47.5%
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0, plasmacytomaSPDSquareCentimeters: 10)
        let pd = [imwgVisit(28, serum: 1.5, spd: 4), imwgVisit(56, serum: 1.5, spd: 6)]
        let noPD = [imwgVisit(28, serum: 1.5, spd: 4), imwgVisit(56, serum: 1.5, spd: 5.9)]
        // MUT
        let pdCourse = try IMWGResponse.assess(baseline: base, assessments: pd)
        let noPDCourse = try IMWGResponse.assess(baseline: base, assessments: noPD)
        // validate
        #expect(pdCourse.progressionDay == 56)
        #expect(pdCourse.assessments[1].progressionFindings.map(\.route) == [.plasmacytomaGrowth])
        #expect(noPDCourse.progressionDay == nil)
    }

    @Test("confirmation: one PD followed by a non-PD assessment is not progression")
    func singlePDIsNotProgression() throws {
        // setup: day 84 is +0.6 from nadir 1.0 (PD); day 112 is back to 1.0
        let assessments = [imwgVisit(28, serum: 1.0), imwgVisit(56, serum: 1.0),
                           imwgVisit(84, serum: 1.6), imwgVisit(112, serum: 1.0)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[2].category == .progressiveDisease)
        #expect(!course.assessments[2].confirmed)
        #expect(course.progressionDay == nil)
    }

    @Test("confirmation skips an assessment at which nothing was measured")
    func confirmationSkipsEmptyAssessment() throws {
        // setup
        let assessments = [imwgVisit(28, serum: 1.0), imwgVisit(56, serum: 1.0),
                           imwgVisit(84, serum: 1.6), imwgVisit(98), imwgVisit(112, serum: 1.7)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[3].category == .notEvaluable)
        #expect(course.progressionDay == 84)
    }

    @Test("the nadir must be confirmed: a single low value does not set it (lowestObserved rule does)")
    func confirmedNadir() throws {
        // setup: baseline 3.0; 1.0, 0.4 (single), 0.9, 1.0.
        // lowestConfirmed at day 84: min(3.0, max(1.0, 0.4)) = 1.0 → 0.9 is no rise. At day 112:
        //   min(3.0, 1.0, max(0.4, 0.9) = 0.9) = 0.9 → 1.0 is +0.1. No PD.
        // lowestObserved: nadir 0.4 → day 84 +0.5 (125%) PD, day 112 +0.6 PD → progression day 84.
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 3.0)
        let assessments = [imwgVisit(28, serum: 1.0), imwgVisit(56, serum: 0.4),
                           imwgVisit(84, serum: 0.9), imwgVisit(112, serum: 1.0)]
        var observed = IMWGRuleSet.imwg2016
        observed.nadirRule = .lowestObserved
        // MUT
        let confirmedCourse = try IMWGResponse.assess(baseline: base, assessments: assessments)
        let observedCourse = try IMWGResponse.assess(baseline: base, assessments: assessments, ruleSet: observed)
        // validate
        #expect(confirmedCourse.progressionDay == nil)
        #expect(observedCourse.progressionDay == 84)
    }

    @Test("IMWGNadir: worked values for both rules")
    func nadirValues() {
        // setup / MUT / validate: candidates 3.0, max(1.0, 0.4) = 1.0, max(0.4, 0.9) = 0.9
        #expect(IMWGNadir.value(baseline: 3.0, prior: [1.0, 0.4, 0.9], rule: .lowestConfirmed) == 0.9)
        #expect(IMWGNadir.value(baseline: 3.0, prior: [1.0, 0.4, 0.9], rule: .lowestObserved) == 0.4)
        #expect(IMWGNadir.value(baseline: 3.0, prior: [1.0], rule: .lowestConfirmed) == 3.0)
        #expect(IMWGNadir.value(baseline: nil, prior: [2.0], rule: .lowestConfirmed) == 2.0)
        #expect(IMWGNadir.value(baseline: nil, prior: [], rule: .lowestConfirmed) == nil)
    }
}
