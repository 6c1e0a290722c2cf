import Testing
@testable import Clinical

/// EHA/EBMT ICAHT (Rejeski K et al., Blood 2023;142:865, Table 1, as implemented by Liang's
/// automated grading): early ANC <= 500 for 1-6 d → 1, 7-13 → 2, >= 14 → 3, never recovered → 4;
/// ANC <= 100 for 7-13 d → 3, >= 14 → 4; late nadir <= 1500/1000/500/100 → 1/2/3/4.
/// Series are built day by day so the expected durations can be counted by hand.
@Suite struct ICAHTGradeTests {
    /// Daily samples: each range of days at one ANC value.
    private func daily(_ spans: [(ClosedRange<Int>, Double)]) -> [ANCSample] {
        spans.flatMap { span in span.0.map { ANCSample(day: $0, ancPerMicroliter: span.1) } }
    }
    private func early(_ spans: [(ClosedRange<Int>, Double)]) throws -> ICAHTEarlyResult {
        try #require(try ICAHTGrading.grade(ICAHTInput(ancSeries: daily(spans))).early)
    }

    @Test func earlyGradeOneVersusTwoAtSevenDays() throws {
        // setup: ANC 300 on days 3-8 (6 days) vs 3-9 (7 days), 2000 otherwise through day 30.
        let six = try early([(0...2, 2000), (3...8, 300), (9...30, 2000)])
        let seven = try early([(0...2, 2000), (3...9, 300), (10...30, 2000)])
        // MUT / validate
        #expect(six.daysAtOrBelow500 == 6 && six.grade == 1)
        #expect(seven.daysAtOrBelow500 == 7 && seven.grade == 2)
    }

    @Test func earlyGradeTwoVersusThreeAtFourteenDays() throws {
        // setup: 13 days (3-15) vs 14 days (3-16) at ANC 400.
        let thirteen = try early([(0...2, 2000), (3...15, 400), (16...30, 2000)])
        let fourteen = try early([(0...2, 2000), (3...16, 400), (17...30, 2000)])
        // MUT / validate
        #expect(thirteen.daysAtOrBelow500 == 13 && thirteen.grade == 2)
        #expect(fourteen.daysAtOrBelow500 == 14 && fourteen.grade == 3)
    }

    @Test func fiveHundredIsAtOrBelowButFiveHundredOneIsNot() throws {
        // setup: 7 days at exactly 500 vs 7 days at 501.
        let at = try early([(0...2, 2000), (3...9, 500), (10...30, 2000)])
        let above = try early([(0...2, 2000), (3...9, 501), (10...30, 2000)])
        // MUT / validate
        #expect(at.grade == 2)
        #expect(above.grade == 0 && above.daysAtOrBelow500 == 0)
    }

    @Test func profoundNeutropeniaRow() throws {
        // setup: ANC <= 500 for 10 days (3-12) of which <= 100 for 6 (4-9) → 2, or 7 (4-10) → 3.
        let six = try early([(0...2, 2000), (3...3, 300), (4...9, 50), (10...12, 300), (13...30, 2000)])
        let seven = try early([(0...2, 2000), (3...3, 300), (4...10, 100), (11...12, 300), (13...30, 2000)])
        // ≤100 for 13 days (3-15) → 3; for 14 days (3-16) → 4 (≤500 also 13/14 days).
        let thirteen = try early([(0...2, 2000), (3...15, 80), (16...30, 2000)])
        let fourteen = try early([(0...2, 2000), (3...16, 80), (17...30, 2000)])
        // MUT / validate
        #expect(six.daysAtOrBelow100 == 6 && six.grade == 2)
        #expect(seven.daysAtOrBelow100 == 7 && seven.grade == 3)
        #expect(thirteen.grade == 3)
        #expect(fourteen.daysAtOrBelow100 == 14 && fourteen.grade == 4)
    }

    @Test func neverRecoveredIsGrade4() throws {
        // setup: ANC 300 from day 2 to day 30 (29 days, never recovers) → 4; from day 4 (27 days) → 3.
        let fromDay2 = try early([(0...1, 1500), (2...30, 300)])
        let fromDay4 = try early([(0...3, 1500), (4...30, 300)])
        // MUT / validate
        #expect(fromDay2.neverRecovered && fromDay2.grade == 4)
        #expect(!fromDay4.neverRecovered && fromDay4.grade == 3)
    }

    @Test func nonStableRecoveryIsCounted() throws {
        // setup: 4 days low (3-6), 2 days above (7-8, non-stable), 2 days low (9-10) → 3..10 = 8 → 2.
        let bridged = try early([(0...2, 2000), (3...6, 300), (7...8, 800), (9...10, 300), (11...30, 2000)])
        // 3 days above (7-9) is a stable recovery: 4 + 2 = 6 days → 1.
        let stable = try early([(0...2, 2000), (3...6, 300), (7...9, 800), (10...11, 300), (12...30, 2000)])
        // MUT / validate
        #expect(bridged.daysAtOrBelow500 == 8 && bridged.grade == 2)
        #expect(stable.daysAtOrBelow500 == 6 && stable.grade == 1)
    }

    @Test func durationIsCumulativeAcrossEpisodes() throws {
        // setup: 5 days (2-6) + stable recovery + 5 days (16-20) = 10 days → 2 (the longest episode alone would be 1).
        let e = try early([(0...1, 2000), (2...6, 300), (7...15, 2000), (16...20, 300), (21...30, 2000)])
        // MUT / validate
        #expect(e.daysAtOrBelow500 == 10 && e.grade == 2)
    }

    @Test func sparseSeriesCarriesEachCountForward() throws {
        // setup: day 0 2000, day 3 300, day 10 600, day 30 3000: low from day 3 until the day-10
        // count documents recovery: days 3..9 = 7 → 2; a 7-day gap is flagged as approximate.
        let input = ICAHTInput(ancSeries: [
            ANCSample(day: 10, ancPerMicroliter: 600), ANCSample(day: 0, ancPerMicroliter: 2000),
            ANCSample(day: 3, ancPerMicroliter: 300), ANCSample(day: 30, ancPerMicroliter: 3000),
        ])
        // MUT
        let result = try ICAHTGrading.grade(input)
        // validate
        #expect(result.early?.daysAtOrBelow500 == 7)
        #expect(result.early?.grade == 2)
        #expect(result.reasons.contains { $0.contains("20 days apart") })
    }

    @Test func sameDayDuplicatesUseTheLowest() throws {
        // setup: day 5 measured 700 and 450: the lowest counts, one day low → grade 1.
        let input = ICAHTInput(ancSeries: daily([(0...4, 2000), (6...30, 2000)]) + [
            ANCSample(day: 5, ancPerMicroliter: 700), ANCSample(day: 5, ancPerMicroliter: 450),
        ])
        // MUT / validate
        #expect(try ICAHTGrading.grade(input).early?.grade == 1)
    }

    @Test func deathBeforeRecoveryIsGrade4() throws {
        // setup: ANC 200 from day 2, death on day 16, last count day 15: never recovered → 4.
        let input = ICAHTInput(ancSeries: daily([(0...1, 1800), (2...15, 200)]) + [ANCSample(day: 40, ancPerMicroliter: 900)],
                               censorDay: 16)
        // MUT
        let result = try ICAHTGrading.grade(input)
        // validate
        #expect(result.early?.grade == 4)
        #expect(result.early?.observedThroughDay == 16)
        #expect(result.late == nil)  // the day-40 count is after censoring
    }

    @Test func ongoingAtLastSampleIsProvisional() throws {
        // setup: data end on day 12 with ANC still 300 since day 5 (8 days) → 2, provisional.
        let result = try ICAHTGrading.grade(ICAHTInput(ancSeries: daily([(0...4, 2000), (5...12, 300)])))
        // MUT / validate
        #expect(result.early?.grade == 2)
        #expect(result.early?.observedThroughDay == 12)
        #expect(result.reasons.contains { $0.contains("provisional") })
    }

    @Test func dayThirtyIsEarlyDayThirtyOneIsLate() throws {
        // setup: one low count on day 30 only.
        let result = try ICAHTGrading.grade(ICAHTInput(ancSeries: daily([(0...29, 2000), (30...30, 50)])))
        // MUT / validate
        #expect(result.early?.grade == 1)
        #expect(result.late == nil)
    }

    @Test func lateGradeByNadirWhenNonTransient() throws {
        // setup: day 45 900, day 60 1200 → nadir 900 (<= 1000) → 2.
        let result = try ICAHTGrading.grade(ICAHTInput(ancSeries: [
            ANCSample(day: 0, ancPerMicroliter: 3000), ANCSample(day: 45, ancPerMicroliter: 900),
            ANCSample(day: 60, ancPerMicroliter: 1200),
        ]))
        // MUT / validate
        #expect(result.late == ICAHTLateResult(grade: 2, nadir: 900, nadirDay: 45, measurements: 2))
    }

    @Test func lateSingleLowAmongNormalIsTransient() throws {
        // setup: day 40 400, day 50 2000, day 60 2500 → one low count only → 0.
        let result = try ICAHTGrading.grade(ICAHTInput(ancSeries: [
            ANCSample(day: 40, ancPerMicroliter: 400), ANCSample(day: 50, ancPerMicroliter: 2000),
            ANCSample(day: 60, ancPerMicroliter: 2500),
        ]))
        // MUT / validate
        #expect(result.late?.grade == 0)
        #expect(result.early == nil)  // nothing before day 31
    }

    @Test func lateSingleMeasurementIsGradedWithAWarning() throws {
        // setup: only day 45 at 80 → 4, asking for confirmation; day 120 is outside the default window.
        let result = try ICAHTGrading.grade(ICAHTInput(ancSeries: [
            ANCSample(day: 45, ancPerMicroliter: 80), ANCSample(day: 120, ancPerMicroliter: 50),
        ]))
        // MUT / validate
        #expect(result.late?.grade == 4 && result.late?.measurements == 1)
        #expect(result.reasons.contains { $0.contains("single measurement") })
    }

    @Test func lateBandBoundaries() {
        // setup / MUT / validate: each threshold is inclusive.
        let expected: [(Double, Int)] = [(100, 4), (101, 3), (500, 3), (501, 2), (1000, 2), (1001, 1), (1500, 1), (1501, 0)]
        for (anc, want) in expected { #expect(ICAHTGrading.nadirBand(anc) == want, "ANC \(anc)") }
    }

    @Test func emptySeriesIsRejected() {
        // setup / MUT / validate
        #expect(throws: ClinicalInputError(field: "ancSeries", message: "at least one sample is required")) {
            try ICAHTGrading.grade(ICAHTInput(ancSeries: []))
        }
    }
}
