import Clinical
import Testing

/// Imaging-plus and sustained MRD negativity (Kumar SK et al., Lancet Oncol 2016;17:e328, MRD table):
/// imaging-plus = NGF/NGS negative plus every area of increased uptake on PET/CT resolved; sustained =
/// marrow and imaging negative, confirmed a minimum of 1 year apart. Every category needs CR.
/// Baseline serum 4.0 g/dL throughout; `imwgCR` visits have serum 0, both immunofixations negative
/// and marrow 2% (< 5%), so each is CR (sCR is missed for want of an FLC ratio).
@Suite("IMWG imaging-plus and sustained MRD")
struct IMWGImagingMRDTests {
    static let baseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)
    static let flowNegative = MRDTest(result: .negative, method: .nextGenerationFlow, sensitivity: 1e-5)
    static let sequencingNegative = MRDTest(result: .negative, method: .nextGenerationSequencing, sensitivity: 1e-6)
    static let flowPositive = MRDTest(result: .positive, method: .nextGenerationFlow, sensitivity: 1e-5)

    @Test("CR with a negative marrow and a negative PET/CT is imaging-plus MRD-negative")
    func imagingPlusAtCompleteResponse() throws {
        // setup: day 56 CR, NGF negative at 1e-5, PET/CT negative; day 84 CR, no MRD test.
        let assessments = [imwgCR(56, mrd: Self.flowNegative, petCT: .negative), imwgCR(84, marrow: nil)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.completeResponse, .completeResponse])
        #expect(course.assessments.map(\.mrdCategory) == [.imagingPlusMRDNegative, nil])
        #expect(course.firstMRDNegativeInCompleteResponseDay == 56)
    }

    @Test("a positive PET/CT leaves flow or sequencing MRD-negative only")
    func positivePETKeepsMethodCategory() throws {
        // setup: day 56 CR, NGS negative at 1e-6, PET/CT positive (an area of uptake persists).
        let assessments = [imwgCR(56, mrd: Self.sequencingNegative, petCT: .positive)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].mrdCategory == .sequencingMRDNegative)
    }

    @Test("an imaging-plus marrow outside CR gives no category")
    func imagingPlusNeedsCompleteResponse() throws {
        // setup: day 28 serum 1.5 g/dL (62.5% below 4.0: PR) with NGF negative and PET/CT negative.
        let assessments = [imwgVisit(28, serum: 1.5, mrd: Self.flowNegative, petCT: .negative)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .partialResponse)
        #expect(course.assessments[0].mrdCategory == nil)
        #expect(course.firstMRDNegativeDay == 28)
    }

    @Test("a PET/CT stands until the next PET/CT within the negative stretch")
    func petCarriedForward() throws {
        // setup: PET/CT negative on day 56 with no marrow test; NGF negative on day 84, no PET/CT.
        let carried = [imwgCR(56, petCT: .negative), imwgCR(84, mrd: Self.flowNegative)]
        // a later positive PET/CT (day 70) replaces the day-56 one
        let replaced = [imwgCR(56, petCT: .negative), imwgCR(70, petCT: .positive), imwgCR(84, mrd: Self.flowNegative)]
        // MUT
        let carriedCourse = try IMWGResponse.assess(baseline: Self.baseline, assessments: carried)
        let replacedCourse = try IMWGResponse.assess(baseline: Self.baseline, assessments: replaced)
        // validate
        #expect(carriedCourse.assessments.map(\.mrdCategory) == [nil, .imagingPlusMRDNegative])
        #expect(replacedCourse.assessments.map(\.mrdCategory) == [nil, nil, .flowMRDNegative])
    }

    @Test("a PET/CT does not carry across a positive MRD test, even one taken with it")
    func petStopsAtPositiveTest() throws {
        // setup: PET/CT negative day 56; MRD positive day 84; MRD negative day 120, no new PET/CT.
        let across = [imwgCR(56, petCT: .negative), imwgCR(84, mrd: Self.flowPositive),
                      imwgCR(120, mrd: Self.flowNegative)]
        // PET/CT negative taken at the same visit as the positive test (day 84)
        let sameVisit = [imwgCR(84, mrd: Self.flowPositive, petCT: .negative), imwgCR(120, mrd: Self.flowNegative)]
        // MUT
        let acrossCourse = try IMWGResponse.assess(baseline: Self.baseline, assessments: across)
        let sameVisitCourse = try IMWGResponse.assess(baseline: Self.baseline, assessments: sameVisit)
        // validate
        #expect(acrossCourse.assessments[2].mrdCategory == .flowMRDNegative)
        #expect(sameVisitCourse.assessments[1].mrdCategory == .flowMRDNegative)
    }

    @Test("a PET/CT does not carry across a progression")
    func petStopsAtProgression() throws {
        // setup: CR days 56 and 70 (serum 0 twice: confirmed nadir 0), PET/CT negative day 56.
        // Day 100 serum 0.6 (+0.6 ≥ 0.5 g/dL from nadir 0) and day 120 serum 0.7: PD, progression day 100.
        // Day 200 CR again with NGF negative: the day-56 PET/CT lies before the progression.
        let assessments = [imwgCR(56, petCT: .negative), imwgCR(70), imwgVisit(100, serum: 0.6),
                           imwgVisit(120, serum: 0.7), imwgCR(200, mrd: Self.flowNegative)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate
        #expect(course.progressionDay == 100)
        #expect(course.assessments[4].category == .completeResponse)
        #expect(course.assessments[4].mrdCategory == .flowMRDNegative)
    }

    @Test("sustained needs imaging at both ends; the marrow-only day is set without it")
    func sustainedNeedsImagingAtBothEnds() throws {
        // setup: NGF negative in CR on day 56 and day 421 (365 days apart), CR on day 200 between.
        func course(pet56: IMWGPETCT?, pet421: IMWGPETCT?) throws -> IMWGResponseCourse {
            try IMWGResponse.assess(baseline: Self.baseline, assessments: [
                imwgCR(56, mrd: Self.flowNegative, petCT: pet56), imwgCR(200, marrow: nil),
                imwgCR(421, marrow: nil, mrd: Self.flowNegative, petCT: pet421)])
        }
        // MUT
        let both = try course(pet56: .negative, pet421: .negative)
        let none = try course(pet56: nil, pet421: nil)
        let laterOnly = try course(pet56: nil, pet421: .negative)
        // day 56's PET/CT carries to day 421 (same stretch), but one scan cannot confirm itself
        let earlierOnly = try course(pet56: .negative, pet421: nil)
        // validate
        #expect(both.assessments.map(\.mrdCategory) == [.imagingPlusMRDNegative, nil, .sustainedMRDNegative])
        #expect(both.sustainedMRDNegativeDay == 421)
        #expect(both.sustainedMarrowMRDNegativeDay == 421)

        #expect(none.assessments.map(\.mrdCategory) == [.flowMRDNegative, nil, .flowMRDNegative])
        #expect(none.sustainedMRDNegativeDay == nil)
        #expect(none.sustainedMarrowMRDNegativeDay == 421)

        #expect(laterOnly.assessments[2].mrdCategory == .imagingPlusMRDNegative)
        #expect(laterOnly.sustainedMRDNegativeDay == nil)
        #expect(laterOnly.sustainedMarrowMRDNegativeDay == 421)

        #expect(earlierOnly.assessments[2].mrdCategory == .imagingPlusMRDNegative)
        #expect(earlierOnly.sustainedMRDNegativeDay == nil)
        #expect(earlierOnly.sustainedMarrowMRDNegativeDay == 421)
    }

    @Test("a later PET/CT within the stretch confirms the imaging end")
    func sustainedWithPETBetween() throws {
        // setup: day 56 NGF and PET/CT negative; day 300 PET/CT negative (no marrow test); day 421 NGF
        // negative without a PET/CT: the day-300 scan stands at day 421 and differs from day 56's.
        let assessments = [imwgCR(56, mrd: Self.flowNegative, petCT: .negative), imwgCR(300, marrow: nil, petCT: .negative),
                           imwgCR(421, marrow: nil, mrd: Self.flowNegative)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.baseline, assessments: assessments)
        // validate
        #expect(course.assessments[2].mrdCategory == .sustainedMRDNegative)
        #expect(course.sustainedMRDNegativeDay == 421)
    }
}
