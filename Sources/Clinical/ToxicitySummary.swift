import Foundation
import CartographCore

/// One patient's CRS or ICANS course in a line, as incidence tables count it.
public struct ToxicitySummary: Sendable, Equatable, Codable {
    public var kind: ToxicityKind
    /// At least one assessment graded this toxicity (0 or more). A patient never assessed is
    /// missing data, not "no CRS".
    public var assessed: Bool
    /// Any grade >= 1 at any time.
    public var anyGrade: Bool
    /// Highest grade over all episodes; 0 when there was none.
    public var maxGrade: Int
    /// Day the highest grade was first reached; `nil` without an episode.
    public var maxGradeDay: Int?
    /// Onset day of the first episode; `nil` without an episode.
    public var onsetDay: Int?
    /// Sum of the episodes' `durationDays` (days with the toxicity, recurrences added; the gap
    /// between episodes is not counted).
    public var totalDurationDays: Int
    public var episodeCount: Int
    /// The last episode is still open at the last assessment.
    public var ongoing: Bool
    /// An episode ended with grade 5.
    public var fatal: Bool
    public var episodes: [ToxicityEpisode]

    /// True when the maximum grade is at least `grade` (`atLeast: 3` for "grade >= 3" tables).
    public func hasGrade(atLeast grade: Int) -> Bool { maxGrade >= grade && anyGrade }

    public init(kind: ToxicityKind, assessed: Bool, episodes: [ToxicityEpisode]) {
        self.kind = kind
        self.assessed = assessed
        self.episodes = episodes
        anyGrade = !episodes.isEmpty
        let worst = episodes.max { ($0.maxGrade, $1.onsetAt) < ($1.maxGrade, $0.onsetAt) }
        maxGrade = worst?.maxGrade ?? 0
        maxGradeDay = worst?.maxGradeDay
        onsetDay = episodes.first?.onsetDay
        totalDurationDays = episodes.reduce(0) { $0 + $1.durationDays }
        episodeCount = episodes.count
        ongoing = episodes.last?.status == .ongoing
        fatal = episodes.contains { $0.status == .fatal }
    }
}

extension ToxicityEpisodes {
    /// One patient's summary for `kind`: episodes by the `episodes-1` rules, then any grade, maximum
    /// grade (first reached, earliest episode on ties), first onset day and total duration.
    ///
    /// - Throws: `ValidationFailure` as `episodes(_:kind:)`.
    public static func summary(_ series: [SafetyGradedAssessment], kind: ToxicityKind) throws -> ToxicitySummary {
        let episodes = try episodes(series, kind: kind)
        return ToxicitySummary(kind: kind, assessed: series.contains { $0.grade(kind) != nil }, episodes: episodes)
    }
}
