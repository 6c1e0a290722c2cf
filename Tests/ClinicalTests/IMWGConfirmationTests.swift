import Clinical
import Testing

/// Confirmation and best confirmed response: "all response categories require two consecutive
/// assessments" (Durie 2006; Kumar 2016); marrow needs no repeat.
@Suite("IMWG confirmation and best confirmed response")
struct IMWGConfirmationTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)

    @Test("two consecutive PR assessments: best PR, dated at the first of the two")
    func twoPartialResponses() throws {
        // setup: 1.8 and 1.6 are 55% and 60% below 4.0
        let assessments = [imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 1.6)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments.map(\.confirmed) == [true, true])
        #expect(course.bestConfirmedResponse == .partialResponse)
        #expect(course.bestConfirmedResponseDay == 28)
    }

    @Test("VGPR then PR: only PR is confirmed, from the first day")
    func deeperThenShallower() throws {
        // setup: 0.3 (92.5%, VGPR level) then 1.2 (70%, PR)
        let assessments = [imwgVisit(28, serum: 0.3), imwgVisit(56, serum: 1.2)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.veryGoodPartialResponse, .partialResponse])
        #expect(course.assessments.map(\.confirmed) == [false, true])
        #expect(course.bestConfirmedResponse == .partialResponse)
        #expect(course.bestConfirmedResponseDay == 28)
    }

    @Test("a single responding assessment is not a confirmed response")
    func singleAssessment() throws {
        // setup
        let assessments = [imwgVisit(28, serum: 1.0)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.assessments[0].category == .partialResponse)
        #expect(!course.assessments[0].confirmed)
        #expect(course.bestConfirmedResponse == nil)
        #expect(course.bestConfirmedResponseDay == nil)
    }

    @Test("an intervening non-PR assessment breaks the pair; a not-evaluable one does not")
    func consecutiveMeansConsecutive() throws {
        // setup: PR, SD (3.5 is 12.5% below 4.0), PR  vs  PR, nothing measured, PR
        let broken = [imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 3.5), imwgVisit(84, serum: 1.8)]
        let skipped = [imwgVisit(28, serum: 1.8), imwgVisit(56), imwgVisit(84, serum: 1.8)]
        // MUT
        let brokenCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: broken)
        let skippedCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: skipped)
        // validate
        #expect(brokenCourse.bestConfirmedResponse == .stableDisease)
        #expect(brokenCourse.bestConfirmedResponseDay == 28)
        #expect(skippedCourse.bestConfirmedResponse == .partialResponse)
        #expect(skippedCourse.bestConfirmedResponseDay == 28)
    }

    @Test("the best response counts only assessments before progression")
    func bestStopsAtProgression() throws {
        // setup: PR, PR (nadir 1.8), PD, PD (2.5 and 2.6 are ≥ +0.5 and ≥ 25% above 1.8), then CR, CR
        let assessments = [imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 1.8),
                           imwgVisit(84, serum: 2.5), imwgVisit(112, serum: 2.6),
                           imwgCR(200), imwgCR(230)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.progressionDay == 84)
        #expect(course.bestConfirmedResponse == .partialResponse)
        #expect(course.bestConfirmedResponseDay == 28)
    }

    @Test("progression before any confirmed response: best confirmed response is PD")
    func progressionFirst() throws {
        // setup: 4.0 → 5.0 (+1.0, +25%) → 5.2
        let assessments = [imwgVisit(28, serum: 5.0), imwgVisit(56, serum: 5.2)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.bestConfirmedResponse == .progressiveDisease)
        #expect(course.bestConfirmedResponseDay == 28)
        #expect(course.progressionDay == 28)
    }

    @Test("CR confirmed by a second negative immunofixation without a repeat marrow")
    func completeResponseMarrowOnce() throws {
        // setup: marrow 2% on day 56 with negative IFE; day 84 negative IFE, no marrow
        let assessments = [imwgVisit(28, serum: 0.3), imwgCR(56, marrow: 2), imwgCR(84, marrow: nil)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.veryGoodPartialResponse, .completeResponse, .completeResponse])
        #expect(course.bestConfirmedResponse == .completeResponse)
        #expect(course.bestConfirmedResponseDay == 56)
        #expect(course.completeResponseDay == 56)
    }

    @Test("a marrow taken while M-protein was still present does not carry into a later CR")
    func marrowBeforeSerologicCR() throws {
        // setup: marrow 2% on day 28 while serum IFE was positive; IFE negative from day 56, no marrow
        let assessments = [imwgVisit(28, serum: 0.1, marrow: 2, serumIFE: .positive),
                           imwgCR(56, marrow: nil), imwgCR(84, marrow: nil)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.veryGoodPartialResponse, .veryGoodPartialResponse, .veryGoodPartialResponse])
        #expect(course.bestConfirmedResponse == .veryGoodPartialResponse)
    }

    @Test("reappearing M-protein stops a marrow from carrying forward")
    func carryForwardStopsAtEvidenceAgainstCR() throws {
        // setup: CR on days 56 and 84 (marrow day 56); day 112 serum IFE positive; day 140 IFE negative
        // again without marrow → the day-56 marrow no longer stands → VGPR
        let assessments = [imwgCR(56), imwgCR(84, marrow: nil),
                           imwgVisit(112, serum: 0, serumIFE: .positive, urineIFE: .negative),
                           imwgCR(140, marrow: nil)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(imwgCategories(course) == [.completeResponse, .completeResponse, .veryGoodPartialResponse, .veryGoodPartialResponse])
    }
}
