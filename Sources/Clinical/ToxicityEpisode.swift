import Foundation
import CartographCore

/// How an episode ended, as far as the series shows.
public enum ToxicityEpisodeStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// A grade-0 assessment followed.
    case resolved
    /// Still graded >= 1 at the last assessment.
    case ongoing
    /// Ended with grade 5 (death due to the toxicity).
    case fatal
}

/// One CRS or ICANS episode: from the first assessment graded >= 1 to the first one back at 0.
public struct ToxicityEpisode: Sendable, Equatable, Codable {
    public var kind: ToxicityKind
    /// 1 for the patient's first episode of this toxicity, 2 for a recurrence, ...
    public var number: Int
    public var onsetDay: Int
    public var onsetAt: Date
    public var maxGrade: Int
    /// Where `maxGrade` was first reached.
    public var maxGradeDay: Int
    public var maxGradeAt: Date
    /// Last assessment of the episode graded >= 1.
    public var lastPositiveDay: Int
    public var lastPositiveAt: Date
    /// First grade-0 assessment after onset; `nil` unless `status == .resolved`.
    public var resolvedDay: Int?
    public var resolvedAt: Date?
    public var status: ToxicityEpisodeStatus
    /// Calendar days from the onset day through the last day graded >= 1, inclusive (see
    /// `ToxicityEpisodes`); for an ongoing episode, the days so far.
    public var durationDays: Int

    public init(kind: ToxicityKind, number: Int, onsetDay: Int, onsetAt: Date, maxGrade: Int, maxGradeDay: Int,
                maxGradeAt: Date, lastPositiveDay: Int, lastPositiveAt: Date, resolvedDay: Int?, resolvedAt: Date?,
                status: ToxicityEpisodeStatus, durationDays: Int) {
        self.kind = kind; self.number = number; self.onsetDay = onsetDay; self.onsetAt = onsetAt
        self.maxGrade = maxGrade; self.maxGradeDay = maxGradeDay; self.maxGradeAt = maxGradeAt
        self.lastPositiveDay = lastPositiveDay; self.lastPositiveAt = lastPositiveAt
        self.resolvedDay = resolvedDay; self.resolvedAt = resolvedAt; self.status = status
        self.durationDays = durationDays
    }
}

/// Episode detection over a patient's graded series.
///
/// Rule set `episodes-1` (a Cartograph convention; ASTCT 2019 grades single assessments and does
/// not define episodes):
/// 1. Assessments are taken in time order; those where the toxicity was not assessed (`nil`) are
///    skipped, so they neither start nor end an episode.
/// 2. Onset is the first assessment graded >= 1 (after none, or after a grade 0).
/// 3. The episode resolves at the first later assessment graded 0; that assessment's day and time
///    are the resolution. A single grade-0 assessment is enough: ASTCT gives no confirmation rule.
/// 4. A grade >= 1 after a resolution starts a new episode (recurrence), numbered from 1.
/// 5. Grade 5 ends the episode as fatal; later assessments of that toxicity are ignored.
/// 6. An episode still >= 1 at the last assessment is ongoing.
/// 7. Duration = last day graded >= 1 − onset day + 1 (calendar days with the toxicity, the AE
///    convention of counting start and end days). With daily assessments a CRS graded >= 1 on
///    Days 1–3 and 0 on Day 4 lasted 3 days; fever at 08:00 and resolution at 20:00 on one day
///    count 1 day. Gaps between assessments count as part of the episode.
public enum ToxicityEpisodes {
    public static let ruleVersion = "episodes-1"

    /// The episodes of `kind` in `series`, in order of onset.
    ///
    /// Domain: grades 0...5, study days that do not run backwards in time. An empty series, or one
    /// with every grade 0 or `nil`, has no episodes.
    /// - Throws: `ValidationFailure` naming `assessments[i].crsGrade` / `.studyDay` for bad input.
    public static func episodes(_ series: [SafetyGradedAssessment], kind: ToxicityKind) throws -> [ToxicityEpisode] {
        let points = try ToxicitySeries.ordered(series).filter { $0.grade(kind) != nil }
        var episodes: [ToxicityEpisode] = []
        var open: ToxicityEpisode?
        for point in points {
            let grade = point.grade(kind)!
            if var episode = open {
                if grade == 0 {
                    episode.resolvedDay = point.studyDay
                    episode.resolvedAt = point.recordedAt
                    episode.status = .resolved
                    episodes.append(episode)
                    open = nil
                    continue
                }
                episode.lastPositiveDay = point.studyDay
                episode.lastPositiveAt = point.recordedAt
                episode.durationDays = point.studyDay - episode.onsetDay + 1
                if grade > episode.maxGrade {
                    episode.maxGrade = grade
                    episode.maxGradeDay = point.studyDay
                    episode.maxGradeAt = point.recordedAt
                }
                open = episode
            } else if grade >= 1 {
                open = ToxicityEpisode(
                    kind: kind, number: episodes.count + 1, onsetDay: point.studyDay, onsetAt: point.recordedAt,
                    maxGrade: grade, maxGradeDay: point.studyDay, maxGradeAt: point.recordedAt,
                    lastPositiveDay: point.studyDay, lastPositiveAt: point.recordedAt,
                    resolvedDay: nil, resolvedAt: nil, status: .ongoing, durationDays: 1)
            }
            if grade == 5, var episode = open {
                episode.status = .fatal
                episodes.append(episode)
                return episodes
            }
        }
        if let open { episodes.append(open) }
        return episodes
    }
}
