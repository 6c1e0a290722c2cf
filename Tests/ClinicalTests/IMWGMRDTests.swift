import Clinical
import Testing

/// MRD (Kumar 2016, IMWG MRD criteria): NGF or NGS negative at a sensitivity of 1 in 10⁵ or better;
/// the MRD categories require CR; sustained = negatives confirmed a minimum of 1 year apart.
@Suite("IMWG MRD")
struct IMWGMRDTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)
    static func negative(_ method: MRDMethod = .nextGenerationFlow, _ sensitivity: Double? = 1e-5) -> MRDTest {
        MRDTest(result: .negative, method: method, sensitivity: sensitivity)
    }
    static let positive = MRDTest(result: .positive, method: .nextGenerationFlow, sensitivity: 1e-5)

    @Test("sensitivity 1e-5 and 1e-6 count; 1e-4 and an unreported sensitivity do not")
    func sensitivityThreshold() {
        // setup / MUT / validate
        #expect(Self.negative(.nextGenerationFlow, 1e-5).isIMWGNegative())
        #expect(Self.negative(.nextGenerationSequencing, 1e-6).isIMWGNegative())
        #expect(!Self.negative(.nextGenerationFlow, 1e-4).isIMWGNegative())
        #expect(!Self.negative(.nextGenerationFlow, 2e-5).isIMWGNegative())
        #expect(!Self.negative(.nextGenerationFlow, nil).isIMWGNegative())
        #expect(!Self.positive.isIMWGNegative())
    }

    @Test("first MRD-negative day skips a negative at 1e-4 and does not need CR")
    func firstNegativeDay() throws {
        // setup: day 14 negative at 1e-4 (too insensitive); day 28 negative at 1e-5 while in PR
        let assessments = [imwgVisit(14, serum: 2.5, mrd: Self.negative(.nextGenerationFlow, 1e-4)),
                           imwgVisit(28, serum: 1.5, mrd: Self.negative(.nextGenerationFlow, 1e-5))]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.firstMRDNegativeDay == 28)
        #expect(course.assessments.map(\.mrdNegative) == [false, true])
        #expect(course.assessments[1].mrdCategory == nil) // PR, not CR
        #expect(course.firstMRDNegativeInCompleteResponseDay == nil)
    }

    @Test("flow and sequencing MRD-negative categories need CR at the assessment")
    func categoriesNeedCompleteResponse() throws {
        // setup
        let assessments = [imwgCR(56, mrd: Self.negative(.nextGenerationFlow)),
                           imwgCR(84, marrow: nil, mrd: Self.negative(.nextGenerationSequencing, 1e-6))]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments.map(\.mrdCategory) == [.flowMRDNegative, .sequencingMRDNegative])
        #expect(course.firstMRDNegativeInCompleteResponseDay == 56)
    }

    @Test("sustained MRD negativity: imaging-plus negatives 365 days apart count, 364 do not")
    func sustainedBoundary() throws {
        // setup: CR throughout; marrow negative and PET/CT negative on day 56 and on day 421 (365 days)
        // or 420 (364 days). Kumar 2016 asks for imaging at both ends, so each end has its own PET/CT.
        let apart365 = [imwgCR(56, mrd: Self.negative(), petCT: .negative), imwgCR(200, marrow: nil),
                        imwgCR(421, marrow: nil, mrd: Self.negative(), petCT: .negative)]
        let apart364 = [imwgCR(56, mrd: Self.negative(), petCT: .negative), imwgCR(200, marrow: nil),
                        imwgCR(420, marrow: nil, mrd: Self.negative(), petCT: .negative)]
        // MUT
        let sustained = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: apart365)
        let notYet = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: apart364)
        // validate
        #expect(sustained.assessments[2].mrdCategory == .sustainedMRDNegative)
        #expect(sustained.sustainedMRDNegativeDay == 421)
        #expect(sustained.sustainedMarrowMRDNegativeDay == 421)
        #expect(notYet.assessments[2].mrdCategory == .imagingPlusMRDNegative)
        #expect(notYet.sustainedMRDNegativeDay == nil)
        #expect(notYet.sustainedMarrowMRDNegativeDay == nil)
    }

    @Test("a positive test between two negatives breaks sustained negativity")
    func positiveBetweenBreaksSustained() throws {
        // setup
        let assessments = [imwgCR(56, mrd: Self.negative()),
                           imwgCR(200, marrow: nil, mrd: Self.positive),
                           imwgCR(421, marrow: nil, mrd: Self.negative())]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[2].mrdCategory == .flowMRDNegative)
        #expect(course.sustainedMRDNegativeDay == nil)
        #expect(course.sustainedMarrowMRDNegativeDay == nil)
    }

    @Test("duration of MRD negativity: to the first positive test (event) or the last negative (censored)")
    func durationOfNegativity() throws {
        // setup: negative day 28, positive day 200 → 172 days, event.
        //        negatives days 28 and 365, nothing after → 337 days, censored.
        let lost = [imwgVisit(28, serum: 1.5, mrd: Self.negative()), imwgVisit(100, serum: 1.0),
                    imwgVisit(200, serum: 1.0, mrd: Self.positive)]
        let kept = [imwgVisit(28, serum: 1.5, mrd: Self.negative()), imwgVisit(100, serum: 1.0),
                    imwgVisit(365, serum: 1.0, mrd: Self.negative()), imwgVisit(400, serum: 1.0)]
        // MUT
        let lostCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: lost)
        let keptCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: kept)
        // validate
        #expect(lostCourse.durationOfMRDNegativity == IMWGTimeSpan(startDay: 28, endDay: 200, event: true))
        #expect(lostCourse.durationOfMRDNegativity?.days == 172)
        #expect(keptCourse.durationOfMRDNegativity == IMWGTimeSpan(startDay: 28, endDay: 365, event: false))
        #expect(keptCourse.durationOfMRDNegativity?.days == 337)
    }
}
