import Clinical
import Testing

/// Derived times (Rajkumar 2011 end points): time to first response, time to CR, duration of response;
/// and relapse from CR (Kumar 2016).
@Suite("IMWG derived times and relapse from CR")
struct IMWGTimesTests {
    static let serumBaseline = IMWGBaseline(serumMProteinGramsPerDeciliter: 4.0)

    @Test("first response, CR and duration of response ending in progression")
    func timesWithProgression() throws {
        // setup: MR (3.0: 25%), PR (1.8), PR (1.6), CR, CR, then serum 0.6 and 0.7 from a confirmed
        // nadir of 0 (+0.6 and +0.7 ≥ 0.5 g/dL) → progression day 200.
        let assessments = [imwgVisit(14, serum: 3.0), imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 1.6),
                           imwgCR(90), imwgCR(120, marrow: nil),
                           imwgVisit(200, serum: 0.6, serumIFE: .positive), imwgVisit(230, serum: 0.7, serumIFE: .positive)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.firstResponseDay == 28)
        #expect(course.completeResponseDay == 90)
        #expect(course.progressionDay == 200)
        #expect(course.durationOfResponse == IMWGTimeSpan(startDay: 28, endDay: 200, event: true))
        #expect(course.durationOfResponse?.days == 172)
        #expect(course.bestConfirmedResponse == .completeResponse)
        #expect(course.bestConfirmedResponseDay == 90)
    }

    @Test("duration of response without progression is censored at the last evaluable assessment")
    func censoredDuration() throws {
        // setup: PR from day 28; the day-120 visit measured nothing (NE), so censoring is at day 90
        let assessments = [imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 1.6), imwgVisit(90, serum: 1.5), imwgVisit(120)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.durationOfResponse == IMWGTimeSpan(startDay: 28, endDay: 90, event: false))
    }

    @Test("relapse from CR: confirmed reappearance of M-protein by immunofixation")
    func relapseByImmunofixation() throws {
        // setup: CR days 56 and 84; IFE positive on days 112 and 140 (SPEP still 0) → relapse day 112;
        // no progression (no rise of ≥ 0.5 g/dL)
        let assessments = [imwgCR(56), imwgCR(84, marrow: nil),
                           imwgVisit(112, serum: 0, urine: 0, serumIFE: .positive, urineIFE: .negative),
                           imwgVisit(140, serum: 0, urine: 0, serumIFE: .positive, urineIFE: .negative)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate
        #expect(course.relapseFromCompleteResponseDay == 112)
        #expect(course.progressionDay == nil)
    }

    @Test("relapse from CR: a single positive immunofixation is not enough; marrow ≥ 5% needs no confirmation")
    func relapseConfirmation() throws {
        // setup
        let single = [imwgCR(56), imwgCR(84, marrow: nil),
                      imwgVisit(112, serum: 0, serumIFE: .positive), imwgCR(140, marrow: nil)]
        let marrow = [imwgCR(56), imwgCR(84, marrow: nil),
                      imwgCR(112, marrow: 6)]
        // MUT
        let singleCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: single)
        let marrowCourse = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: marrow)
        // validate
        #expect(singleCourse.relapseFromCompleteResponseDay == nil)
        #expect(marrowCourse.relapseFromCompleteResponseDay == 112)
    }

    @Test("every result names its rule set and carries reasons")
    func reasonsAndVersion() throws {
        // setup
        let assessments = [imwgVisit(28, serum: 1.8), imwgVisit(56, serum: 1.6)]
        // MUT
        let course = try IMWGResponse.assess(baseline: Self.serumBaseline, assessments: assessments)
        // validate: 1.8 is 55% below 4.0
        #expect(course.ruleSetVersion == "IMWG-2016")
        #expect(course.assessments[0].reasons == ["serum M-protein 1.8 g/dL, 55% below baseline 4 g/dL: PR level"])
        #expect(course.reasons == ["best confirmed response PR from day 28"])
    }
}
