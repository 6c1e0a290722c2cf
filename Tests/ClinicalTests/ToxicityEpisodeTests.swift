import Foundation
import Testing
import CartographCore
import Clinical

/// Expected episodes worked out by hand from the `episodes-1` rules: onset = first grade >= 1,
/// resolution = first later grade 0, duration = last day >= 1 − onset day + 1.
@Suite struct ToxicityEpisodeTests {
    @Test func singleEpisodeOnsetMaxDurationResolution() throws {
        // setup: CRS 0 (D0), 1 (D1), 2 (D2), 3 (D3 08:00), 2 (D3 20:00), 0 (D4), 0 (D5)
        let series = [safetyPoint("a", day: 0, crs: 0), safetyPoint("b", day: 1, crs: 1), safetyPoint("c", day: 2, crs: 2),
                      safetyPoint("d", day: 3, crs: 3), safetyPoint("e", day: 3, hour: 20, crs: 2),
                      safetyPoint("f", day: 4, crs: 0), safetyPoint("g", day: 5, crs: 0)]
        // MUT
        let episodes = try ToxicityEpisodes.episodes(series, kind: .crs)
        // validate: onset D1, max 3 on D3 08:00, last positive D3 20:00, resolved D4, 3 − 1 + 1 = 3 days
        #expect(episodes.count == 1)
        let e = try #require(episodes.first)
        #expect(e.number == 1)
        #expect(e.onsetDay == 1 && e.onsetAt == safetyInstant(day: 1))
        #expect(e.maxGrade == 3 && e.maxGradeDay == 3 && e.maxGradeAt == safetyInstant(day: 3, hour: 8))
        #expect(e.lastPositiveDay == 3 && e.lastPositiveAt == safetyInstant(day: 3, hour: 20))
        #expect(e.resolvedDay == 4 && e.resolvedAt == safetyInstant(day: 4))
        #expect(e.status == .resolved)
        #expect(e.durationDays == 3)
    }

    @Test func twoEpisodesWhenTheGradeReturnsToZeroAndRisesAgain() throws {
        // setup: CRS 1 (D1), 0 (D2), 2 (D5), 1 (D6), 0 (D7)
        let series = [safetyPoint("a", day: 1, crs: 1), safetyPoint("b", day: 2, crs: 0), safetyPoint("c", day: 5, crs: 2),
                      safetyPoint("d", day: 6, crs: 1), safetyPoint("e", day: 7, crs: 0)]
        // MUT
        let episodes = try ToxicityEpisodes.episodes(series, kind: .crs)
        let summary = try ToxicityEpisodes.summary(series, kind: .crs)
        // validate: episode 1 D1–D1 (1 day, resolved D2); episode 2 D5–D6 (2 days, max 2 on D5, resolved D7)
        #expect(episodes.map(\.number) == [1, 2])
        #expect(episodes.map(\.onsetDay) == [1, 5])
        #expect(episodes.map(\.resolvedDay) == [2, 7])
        #expect(episodes.map(\.durationDays) == [1, 2])
        #expect(episodes.map(\.maxGrade) == [1, 2])
        // summary: any grade, max 2 on D5, first onset D1, 1 + 2 = 3 days, not ongoing
        #expect(summary.anyGrade && summary.assessed)
        #expect(summary.maxGrade == 2 && summary.maxGradeDay == 5)
        #expect(summary.onsetDay == 1)
        #expect(summary.totalDurationDays == 3)
        #expect(summary.episodeCount == 2)
        #expect(!summary.ongoing && !summary.fatal)
        #expect(summary.hasGrade(atLeast: 2) && !summary.hasGrade(atLeast: 3))
    }

    @Test func episodeOpenAtTheLastAssessmentIsOngoing() throws {
        // setup: CRS 0 (D1), 1 (D2), 2 (D3, last)
        let series = [safetyPoint("a", day: 1, crs: 0), safetyPoint("b", day: 2, crs: 1), safetyPoint("c", day: 3, crs: 2)]
        // MUT
        let episodes = try ToxicityEpisodes.episodes(series, kind: .crs)
        let summary = try ToxicityEpisodes.summary(series, kind: .crs)
        // validate: onset D2, no resolution, 3 − 2 + 1 = 2 days so far
        #expect(episodes.count == 1)
        #expect(episodes[0].status == .ongoing)
        #expect(episodes[0].resolvedDay == nil && episodes[0].resolvedAt == nil)
        #expect(episodes[0].durationDays == 2)
        #expect(summary.ongoing)
    }

    @Test func sameDayResolutionLastsOneDay() throws {
        // setup: fever at 08:00 on D2, afebrile at 20:00 on D2
        let series = [safetyPoint("a", day: 2, hour: 8, crs: 1), safetyPoint("b", day: 2, hour: 20, crs: 0)]
        // MUT
        let e = try ToxicityEpisodes.episodes(series, kind: .crs)
        // validate: 2 − 2 + 1 = 1 day, resolved on D2
        #expect(e.map(\.durationDays) == [1])
        #expect(e.map(\.resolvedDay) == [2])
    }

    @Test func unassessedPointsNeitherStartNorEndAnEpisode() throws {
        // setup: ICANS 1 (D4), not assessed (D5), 1 (D6), 0 (D7)
        let series = [safetyPoint("a", day: 4, crs: 0, icans: 1), safetyPoint("b", day: 5, crs: 0, icans: nil),
                      safetyPoint("c", day: 6, crs: 0, icans: 1), safetyPoint("d", day: 7, crs: 0, icans: 0)]
        // MUT
        let e = try ToxicityEpisodes.episodes(series, kind: .icans)
        // validate: one episode D4–D6 (3 days), resolved D7; a nil read as 0 would have split it
        #expect(e.count == 1)
        #expect(e.first?.onsetDay == 4 && e.first?.resolvedDay == 7 && e.first?.durationDays == 3)
    }

    @Test func inputOrderDoesNotMatter() throws {
        // setup: the two-episode series shuffled
        let sorted = [safetyPoint("a", day: 1, crs: 1), safetyPoint("b", day: 2, crs: 0), safetyPoint("c", day: 5, crs: 2),
                      safetyPoint("d", day: 6, crs: 1), safetyPoint("e", day: 7, crs: 0)]
        let shuffled = [sorted[3], sorted[0], sorted[4], sorted[2], sorted[1]]
        // MUT / validate
        #expect(try ToxicityEpisodes.episodes(shuffled, kind: .crs) == ToxicityEpisodes.episodes(sorted, kind: .crs))
    }

    @Test func gradeFiveEndsTheEpisodeAsFatal() throws {
        // setup: CRS 2 (D1), 5 (D2), a stray 0 afterwards (D3)
        let series = [safetyPoint("a", day: 1, crs: 2), safetyPoint("b", day: 2, crs: 5), safetyPoint("c", day: 3, crs: 0)]
        // MUT
        let summary = try ToxicityEpisodes.summary(series, kind: .crs)
        // validate
        #expect(summary.episodes.map(\.status) == [.fatal])
        #expect(summary.episodes.first?.resolvedDay == nil)
        #expect(summary.fatal && summary.maxGrade == 5)
    }

    @Test func noEpisodeSummaries() throws {
        // setup: all grade 0; and no CRS assessment at all
        let zeros = [safetyPoint("a", day: 1, crs: 0), safetyPoint("b", day: 2, crs: 0)]
        let none = [safetyPoint("a", day: 1, crs: nil)]
        // MUT
        let s0 = try ToxicityEpisodes.summary(zeros, kind: .crs)
        let sNone = try ToxicityEpisodes.summary(none, kind: .crs)
        // validate
        #expect(s0.assessed && !s0.anyGrade && s0.maxGrade == 0 && s0.onsetDay == nil && s0.totalDurationDays == 0)
        #expect(!sNone.assessed && !sNone.anyGrade)
        #expect(!s0.hasGrade(atLeast: 1))
    }

    @Test func invalidSeriesNamesTheField() {
        // setup: grade 6; and a later instant on an earlier study day
        let badGrade = [safetyPoint("a", day: 1, crs: 6)]
        let backwards = [safetyPoint("a", day: 3, hour: 8, crs: 0),
                         SafetyGradedAssessment(id: "b", studyDay: 2, recordedAt: safetyInstant(day: 3, hour: 9), crsGrade: 0, icansGrade: 0)]
        // MUT / validate
        #expect(safetyFailedFields { _ = try ToxicityEpisodes.episodes(badGrade, kind: .crs) } == ["assessments[0].crsGrade"])
        #expect(safetyFailedFields { _ = try ToxicityEpisodes.episodes(backwards, kind: .crs) } == ["assessments[1].studyDay"])
    }
}
