import Foundation
import CartographCore

/// The monitoring rules that raise alerts.
public enum SafetyAlertKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// CRS or ICANS reached grade >= 2 from below 2.
    case newGradeAtLeast2
    /// CRS or ICANS graded higher than at the previous assessment.
    case risingGrade
    /// ICANS of any grade began (grade >= 1 after grade 0 or none).
    case icansAnyGrade
    /// A scheduled monitoring day passed with no assessment.
    case missedAssessment
}

/// How fast someone should look.
public enum SafetyAlertSeverity: String, Sendable, Equatable, Hashable, Comparable, Codable, CaseIterable {
    case info, warning, urgent

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }

    /// Severity of a toxicity grade: 1 → info, 2 → warning, 3...5 → urgent (ASTCT grade 3 needs
    /// ICU-level care or vasopressors/high-flow oxygen).
    public static func forGrade(_ grade: Int) -> Self { grade >= 3 ? .urgent : grade == 2 ? .warning : .info }
}

/// One alert for one patient. The lead stores alerts and acknowledgements by `key`: evaluating the
/// same series again yields the same keys, so an alert is raised once.
public struct SafetyAlert: Sendable, Equatable, Hashable, Codable {
    /// `<patientID>/<kind>/<toxicity>/<assessmentID>` for grade rules,
    /// `<patientID>/missedAssessment/day<d>` for missed days. Stable as long as assessment IDs are.
    public var key: String
    public var patientID: String
    public var kind: SafetyAlertKind
    /// The toxicity for grade rules; `nil` for a missed assessment.
    public var toxicity: ToxicityKind?
    public var severity: SafetyAlertSeverity
    public var studyDay: Int
    /// The triggering assessment's time; `nil` for a missed assessment.
    public var recordedAt: Date?
    /// The grade that triggered it; `nil` for a missed assessment.
    public var grade: Int?
    /// The triggering assessment; `nil` for a missed assessment.
    public var assessmentID: String?
    /// What was found, in words (names the finding and the day).
    public var message: String
    /// The rule set version that raised it.
    public var ruleVersion: String

    public init(key: String, patientID: String, kind: SafetyAlertKind, toxicity: ToxicityKind?,
                severity: SafetyAlertSeverity, studyDay: Int, recordedAt: Date?, grade: Int?,
                assessmentID: String?, message: String, ruleVersion: String = SafetyAlertRules.ruleVersion) {
        self.key = key; self.patientID = patientID; self.kind = kind; self.toxicity = toxicity
        self.severity = severity; self.studyDay = studyDay; self.recordedAt = recordedAt; self.grade = grade
        self.assessmentID = assessmentID; self.message = message; self.ruleVersion = ruleVersion
    }
}
