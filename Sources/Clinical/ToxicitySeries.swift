import Foundation
import CartographCore

/// The two immune effector cell toxicities followed from Day 0 to Day 28.
public enum ToxicityKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case crs, icans

    public var displayName: String { self == .crs ? "CRS" : "ICANS" }
}

/// One graded assessment in a patient's series: what episodes, alerts and the board read.
///
/// A grade is `nil` when that toxicity was not assessed at this time (a vital-signs-only or a
/// neuro-only record), so a missing neurological exam never reads as ICANS grade 0 and never
/// resolves an ICANS episode.
public struct SafetyGradedAssessment: Sendable, Equatable, Codable {
    /// The stored assessment's identifier; alert keys are built from it, so it must be stable.
    public var id: String
    public var studyDay: Int
    public var recordedAt: Date
    /// ASTCT 2019 CRS grade 0...5, `nil` = not assessed.
    public var crsGrade: Int?
    /// ASTCT 2019 ICANS grade 0...5, `nil` = not assessed.
    public var icansGrade: Int?
    /// The deciding CRS finding (first reason of the grade), for alert messages.
    public var crsFinding: String?
    /// The deciding ICANS finding, for alert messages.
    public var icansFinding: String?

    public init(id: String, studyDay: Int, recordedAt: Date, crsGrade: Int?, icansGrade: Int?,
                crsFinding: String? = nil, icansFinding: String? = nil) {
        self.id = id
        self.studyDay = studyDay
        self.recordedAt = recordedAt
        self.crsGrade = crsGrade
        self.icansGrade = icansGrade
        self.crsFinding = crsFinding
        self.icansFinding = icansFinding
    }

    /// The series point of a bedside assessment and its computed grades.
    public init(id: String, assessment: SafetyAssessment, grades: SafetyAssessmentGrades) {
        self.init(id: id, studyDay: assessment.studyDay, recordedAt: assessment.recordedAt,
                  crsGrade: grades.crs.grade, icansGrade: grades.icans.grade,
                  crsFinding: grades.crs.reasons.first, icansFinding: grades.icans.reasons.first)
    }

    public func grade(_ kind: ToxicityKind) -> Int? { kind == .crs ? crsGrade : icansGrade }
    public func finding(_ kind: ToxicityKind) -> String? { kind == .crs ? crsFinding : icansFinding }
}

/// Ordering and checking of a patient's graded series, shared by episodes, alerts and the board.
enum ToxicitySeries {
    /// The series in time order (ties keep their input order).
    ///
    /// - Throws: `ValidationFailure` for a grade outside 0...5, or when the study days run backwards
    ///   in time (a study day computed in the wrong time zone, or a mistyped time); fields are
    ///   named `assessments[i].…` by input position.
    static func ordered(_ series: [SafetyGradedAssessment]) throws -> [SafetyGradedAssessment] {
        var check = FieldErrorCollector()
        for (i, a) in series.enumerated() {
            for kind in ToxicityKind.allCases {
                if let g = a.grade(kind), !(0...5).contains(g) {
                    check.add("assessments[\(i)].\(kind.rawValue)Grade", "\(g) is out of range 0...5")
                }
            }
        }
        let order = series.indices.sorted { (series[$0].recordedAt, $0) < (series[$1].recordedAt, $1) }
        for (earlier, later) in zip(order, order.dropFirst()) where series[later].studyDay < series[earlier].studyDay {
            check.add("assessments[\(later)].studyDay",
                      "Day \(series[later].studyDay) is recorded after Day \(series[earlier].studyDay) (assessments[\(earlier)])")
        }
        try check.throwIfAny()
        return order.map { series[$0] }
    }
}
