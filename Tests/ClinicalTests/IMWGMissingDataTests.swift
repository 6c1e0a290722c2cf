import Clinical
import Testing

/// Missing data lower a category and never raise it (CIBMTR reporting guideline: "if some but not all
/// criteria are met, the disease status should be downgraded to the next lower level").
@Suite("IMWG missing data")
struct IMWGMissingDataTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)

    @Test("CR without urine immunofixation is VGPR at most")
    func noUrineImmunofixation() throws {
        // setup
        let assessments = [imwgVisit(28, serum: 0, marrow: 2, serumIFE: .negative)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .veryGoodPartialResponse)
        #expect(course.assessments[0].reasons.contains { $0.contains("urine immunofixation not done") })
    }

    @Test("CR without immunofixation at all is VGPR at most")
    func noImmunofixation() throws {
        // setup: SPEP and UPEP 0, marrow 1%, no IFE
        let assessments = [imwgVisit(28, serum: 0, urine: 0, marrow: 1)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .veryGoodPartialResponse)
    }

    @Test("CR except marrow not done is VGPR")
    func noMarrow() throws {
        // setup
        let assessments = [imwgCR(28, marrow: nil), imwgCR(56, marrow: nil)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.veryGoodPartialResponse, .veryGoodPartialResponse])
        #expect(course.bestConfirmedResponse == .veryGoodPartialResponse)
        #expect(course.assessments[0].reasons.contains { $0.contains("marrow not examined") })
    }

    @Test("sCR without marrow clonality, or without FLC, is CR")
    func stringentNeedsClonalityAndRatio() throws {
        // setup
        let noClonality = [imwgCR(28, clonal: nil, kappa: 12, lambda: 10)]
        let noFLC = [imwgCR(28, clonal: false)]
        // MUT
        let a = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: noClonality)
        let b = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: noFLC)
        // validate
        #expect(a.assessments[0].category == .completeResponse)
        #expect(b.assessments[0].category == .completeResponse)
    }

    @Test("a negative MRD test of the same marrow stands for absence of clonal cells")
    func mrdNegativeShowsNoClonalCells() throws {
        // setup
        let assessments = [imwgCR(28, clonal: nil, kappa: 12, lambda: 10,
                                            mrd: MRDTest(result: .negative, method: .nextGenerationFlow, sensitivity: 1e-5))]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .stringentCompleteResponse)
    }

    @Test("a marker measurable at baseline but not measured holds the category at SD")
    func missingMeasurableMarker() throws {
        // setup: serum and urine measurable; serum 0.3 (92.5%) but no urine result
        let base = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0, urineMProteinMilligramsPer24h: 800)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, serum: 0.3)])
        // validate
        #expect(course.assessments[0].category == .stableDisease)
        #expect(course.assessments[0].reasons.contains { $0.contains("urine M-protein (measurable at baseline) not measured") })
    }

    @Test("nothing bearing on the disease measured: NE")
    func notEvaluable() throws {
        // setup: an empty visit, and a visit with only an MRD test
        let assessments = [imwgVisit(28),
                           imwgVisit(35, mrd: MRDTest(result: .negative, method: .nextGenerationSequencing, sensitivity: 1e-6))]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.notEvaluable, .notEvaluable])
        #expect(course.assessments.map(\.confirmed) == [false, false])
        #expect(course.bestConfirmedResponse == nil)
        #expect(course.firstMRDNegativeDay == 35)
    }

    @Test("marrow-only disease without a marrow at this visit: NE")
    func marrowOnlyWithoutMarrow() throws {
        // setup
        let base = IMWGBaseline(boneMarrowPlasmaCellPercent: 45)
        // MUT
        let course = try IMWGResponse.assess(baseline: base, assessments: [imwgVisit(28, serum: 0, serumIFE: .negative)])
        // validate
        #expect(course.assessments[0].category == .notEvaluable)
    }
}
