import Clinical
import Testing

/// The category met at a single assessment, from the Kumar 2016 standard response table.
/// Expected categories come from the table's thresholds; the arithmetic is in each comment.
@Suite("IMWG category at one assessment")
struct IMWGCategoryTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)

    /// Serum baseline 4.0 g/dL. Reduction = (4.0 − v) / 4.0:
    /// 2.0 → 50% (PR, ≥ 50%); 2.01 → 49.75% (MR, 25–49%); 3.0 → 25% (MR); 3.01 → 24.75% (SD);
    /// 0.4 → 90% (VGPR, ≥ 90%); 0.41 → 89.75% (PR).
    @Test("serum M-protein reductions on both sides of each threshold",
          arguments: zip([2.0, 2.01, 3.0, 3.01, 0.4, 0.41],
                         [IMWGCategory.partialResponse, .minimalResponse, .minimalResponse, .stableDisease,
                          .veryGoodPartialResponse, .partialResponse]))
    func serumThresholds(value: Double, expected: IMWGCategory) throws {
        // setup
        let assessments = [imwgVisit(28, serum: value)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == expected)
    }

    /// Urine baseline 1000 mg/24 h: 100 → 90% reduction but not < 100 (PR); 99 → < 100 (VGPR);
    /// 500 → 50% (MR); 501 → 49.9% (SD). Baseline 300: 199 → "to < 200" (PR, only 33.7% reduction);
    /// 200 → 33.3%, not < 200 (SD).
    @Test("urine M-protein: ≥ 90% or < 200 for PR, < 100 for VGPR, 50–89% for MR",
          arguments: [(1000.0, 100.0, IMWGCategory.partialResponse), (1000, 99, .veryGoodPartialResponse),
                      (1000, 500, .minimalResponse), (1000, 501, .stableDisease),
                      (300, 199, .partialResponse), (300, 200, .stableDisease)])
    func urineThresholds(baseline: Double, value: Double, expected: IMWGCategory) throws {
        // setup
        let base = IMWGBaseline(urineMProteinMilligramsPer24h: baseline)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, urine: value)])
        // validate
        #expect(course.assessments[0].category == expected)
    }

    @Test("serum and urine both measurable: the less deep marker decides")
    func leastDeepMarker() throws {
        // setup: serum 4.0 → 0.4 (90%: VGPR level); urine 1000 → 150 (85% and < 200: PR level)
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0, urineMProteinMilligramsPer24h: 1000)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, serum: 0.4, urine: 150)])
        // validate
        #expect(course.measurableDisease == [.serum, .urine])
        #expect(course.assessments[0].category == .partialResponse)
    }

    @Test("VGPR: M-protein seen by immunofixation but not by electrophoresis")
    func vgprByImmunofixationOnly() throws {
        // setup: SPEP 0, serum IFE positive
        let assessments = [imwgVisit(28, serum: 0, serumIFE: .positive)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .veryGoodPartialResponse)
        #expect(course.assessments[0].reasons.contains { $0.contains("serum immunofixation positive") })
    }

    @Test("CR: negative serum and urine IFE and marrow plasma cells < 5%; 5% is not CR")
    func completeResponseMarrowBoundary() throws {
        // setup
        let under = [imwgCR(28, marrow: 4.9)]
        let at = [imwgCR(28, marrow: 5)]
        // MUT
        let underCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: under)
        let atCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: at)
        // validate
        #expect(underCourse.assessments[0].category == .completeResponse)
        #expect(atCourse.assessments[0].category == .veryGoodPartialResponse)
    }

    @Test("sCR: CR plus normal FLC ratio plus no clonal plasma cells in marrow")
    func stringentCompleteResponse() throws {
        // setup: κ 12 / λ 10 = 1.2, inside 0.26–1.65
        let sCR = [imwgCR(28, clonal: false, kappa: 12, lambda: 10)]
        let clonal = [imwgCR(28, clonal: true, kappa: 12, lambda: 10)]
        let abnormalRatio = [imwgCR(28, clonal: false, kappa: 20, lambda: 10)] // 2.0 > 1.65
        // MUT
        let results = try [sCR, clonal, abnormalRatio].map {
            try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: $0).assessments[0].category
        }
        // validate
        #expect(results == [.stringentCompleteResponse, .completeResponse, .completeResponse])
    }

    static let flcOnlyBaseline = IMWGBaseline(kappaFreeLightChainMilligramsPerLiter: 500,
                                              lambdaFreeLightChainMilligramsPerLiter: 10)

    /// FLC-only disease, baseline dFLC = 500 − 10 = 490 mg/L. κ 255 → dFLC 245 = 50% decrease (PR);
    /// κ 256 → 246 = 49.8% (SD: there is no MR route for FLC); κ 59 → 49 = exactly 90% (PR: VGPR
    /// needs > 90%); κ 58 → 48 = 90.2% (VGPR). λ stays 10 mg/L.
    @Test("FLC-only disease: dFLC ≥ 50% for PR, > 90% for VGPR",
          arguments: zip([255.0, 256, 59, 58],
                         [IMWGCategory.partialResponse, .stableDisease, .partialResponse, .veryGoodPartialResponse]))
    func flcOnlyThresholds(kappa: Double, expected: IMWGCategory) throws {
        // setup
        let assessments = [imwgVisit(28, kappa: kappa, lambda: 10)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.flcOnlyBaseline, assessments: assessments)
        // validate
        #expect(course.measurableDisease == [.flc])
        #expect(course.assessments[0].category == expected)
    }

    @Test("FLC-only disease: CR needs a normal FLC ratio as well")
    func flcOnlyCompleteResponse() throws {
        // setup: ratio 15/10 = 1.5 (normal) vs 30/10 = 3.0 (abnormal; dFLC 20 = 95.9% decrease → VGPR)
        let normal = [imwgCR(28, kappa: 15, lambda: 10)]
        let abnormal = [imwgCR(28, kappa: 30, lambda: 10)]
        // MUT
        let normalCategory = try IMWGResponse.assess(baseline: Self.flcOnlyBaseline, assessments: normal).assessments[0].category
        let abnormalCategory = try IMWGResponse.assess(baseline: Self.flcOnlyBaseline, assessments: abnormal).assessments[0].category
        // validate
        #expect(normalCategory == .completeResponse)
        #expect(abnormalCategory == .veryGoodPartialResponse)
    }

    @Test("nothing measurable, marrow ≥ 30% at baseline: ≥ 50% marrow reduction is PR and needs no confirmation")
    func marrowOnlyPartialResponse() throws {
        // setup: 40% → 20% is a 50% reduction; 40% → 21% is 47.5%
        let base = IMWGBaseline(boneMarrowPlasmaCellPercent: 40)
        // MUT
        let pr = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(30, marrow: 20)])
        let sd = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(30, marrow: 21)])
        // validate
        #expect(pr.assessments[0].category == .partialResponse)
        #expect(pr.assessments[0].confirmed)
        #expect(pr.bestConfirmedResponse == .partialResponse)
        #expect(pr.bestConfirmedResponseDay == 30)
        #expect(sd.assessments[0].category == .stableDisease)
    }

    @Test("marrow below 30% at baseline gives no PR route")
    func marrowBelowThirtyPercent() throws {
        // setup: 25% → 10% would be 60%, but the baseline is under 30%
        let base = IMWGBaseline(boneMarrowPlasmaCellPercent: 25)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(30, marrow: 10)])
        // validate
        #expect(course.assessments[0].category == .stableDisease)
    }

    /// Serum 4.0 → 2.0 is PR-level (50%); a plasmacytoma of SPD 10 cm² at baseline must also shrink
    /// ≥ 50%: 6 cm² is 40% (SD), 5 cm² is 50% (PR). Serum 3.0 (25%, MR level) with SPD 5 → MR.
    @Test("plasmacytoma at baseline: PR and MR also need ≥ 50% SPD reduction",
          arguments: [(2.0, 6.0, IMWGCategory.stableDisease), (2.0, 5.0, .partialResponse), (3.0, 5.0, .minimalResponse)])
    func plasmacytomaRequirement(serum: Double, spd: Double, expected: IMWGCategory) throws {
        // setup
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0, plasmacytomaSPDSquareCentimeters: 10)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, serum: serum, spd: spd)])
        // validate
        #expect(course.assessments[0].category == expected)
    }

    @Test("plasmacytoma imaging stands until the next imaging; before any, no better than SD")
    func plasmacytomaImagingCarriedForward() throws {
        // setup: day 14 has no imaging yet; day 28 imaging 5 cm² (50%); day 56 no imaging
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0, plasmacytomaSPDSquareCentimeters: 10)
        let assessments = [imwgVisit(14, serum: 2.0), imwgVisit(28, serum: 2.0, spd: 5), imwgVisit(56, serum: 1.9)]
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.stableDisease, .partialResponse, .partialResponse])
    }
}
