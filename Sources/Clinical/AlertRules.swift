import Foundation
import CartographCore

/// The rules that turn a patient's graded series and monitoring schedule into alerts.
///
/// Rule set `alerts-2` (Cartograph convention; grades are ASTCT 2019). For each toxicity, each
/// assessment is compared with the previous assessment that graded the same toxicity; before the
/// first one the patient counts as grade 0 (no CRS or ICANS before infusion). Assessments that did
/// not grade a toxicity (`nil`) are skipped for it. Three findings can be made of one graded value:
/// - `newGradeAtLeast2`: grade >= 2 and the previous grade < 2. Severity warning at 2, urgent at >= 3.
/// - `risingGrade`: grade higher than the previous grade, including from 0. Severity by the new
///   grade: 1 info, 2 warning, >= 3 urgent.
/// - `icansAnyGrade`: ICANS grade >= 1 and the previous ICANS grade 0 (onset of each episode).
///   At least warning: any neurotoxicity needs a doctor's review.
/// One clinical event (one toxicity graded in one assessment) raises at most one alert: its kind is
/// the first finding in the order above that holds, its severity the highest of the findings, and its
/// message names every finding, so a nurse acknowledges the event once. (`alerts-1` raised one alert
/// per finding: CRS 0 → 2 appeared twice on the board.) A grade that stays at 2 raises nothing more.
/// - `missedAssessment`: see `missedAssessmentAlerts`.
public enum SafetyAlertRules {
    public static let ruleVersion = "alerts-2"

    /// Alerts from the grades in `assessments` (the three grade rules above).
    ///
    /// Domain: grades 0...5; study days must not run backwards in time. Keys are
    /// `<patientID>/<kind>/<crs|icans>/<assessment id>`, so re-running on the same or a longer
    /// series returns the same keys for the same findings.
    /// - Throws: `ValidationFailure` naming `assessments[i].…` for bad input.
    public static func gradeAlerts(patientID: String, assessments: [SafetyGradedAssessment]) throws -> [SafetyAlert] {
        let ordered = try ToxicitySeries.ordered(assessments)
        var alerts: [SafetyAlert] = []
        var previous: [ToxicityKind: Int] = [:]
        for point in ordered {
            for kind in ToxicityKind.allCases {
                guard let grade = point.grade(kind) else { continue }
                let before = previous[kind] ?? 0
                previous[kind] = grade
                let finding = point.finding(kind).map { ": \($0)" } ?? ""
                let name = kind.displayName
                var findings: [(kind: SafetyAlertKind, severity: SafetyAlertSeverity, words: String)] = []
                if grade >= 2 && before < 2 { findings.append((.newGradeAtLeast2, .forGrade(grade), "new grade ≥ 2")) }
                if kind == .icans && grade >= 1 && before == 0 { findings.append((.icansAnyGrade, max(.warning, .forGrade(grade)), "new neurotoxicity")) }
                if grade > before { findings.append((.risingGrade, .forGrade(grade), "rising")) }
                guard let primary = findings.first else { continue }
                let severity = findings.map(\.severity).max() ?? primary.severity
                alerts.append(SafetyAlert(
                    key: "\(patientID)/\(primary.kind.rawValue)/\(kind.rawValue)/\(point.id)", patientID: patientID,
                    kind: primary.kind, toxicity: kind, severity: severity, studyDay: point.studyDay,
                    recordedAt: point.recordedAt, grade: grade, assessmentID: point.id,
                    message: "\(name) grade \(grade) on Day \(point.studyDay) (previous grade \(before)): "
                        + findings.map(\.words).joined(separator: ", ") + finding))
            }
        }
        return alerts
    }

    /// `missedAssessment` alerts: each scheduled study day of `windows.monitoringAssessmentDays` up
    /// to `windows.monitoringEndDay` whose date is before `today` and on which no assessment was
    /// recorded (any record on that study day counts, graded or not).
    ///
    /// Today's scheduled assessment is pending, not missed, until the day is over (see
    /// `SafetyBoard`). An assessment made on a later day does not cancel the alert: the day was
    /// missed and is acknowledged by a person. Days after `monitoringEndDay` and duplicate schedule
    /// entries are ignored. `today` must be the date in the center's time zone
    /// (`CalendarDate.today(in:)`). Key: `<patientID>/missedAssessment/day<d>`.
    public static func missedAssessmentAlerts(
        patientID: String, infusionDate: CalendarDate, today: CalendarDate, windows: TreatmentWindows,
        assessments: [SafetyGradedAssessment]
    ) -> [SafetyAlert] {
        let todayDay = studyDay(of: today, infusion: infusionDate)
        let recordedDays = Set(assessments.map(\.studyDay))
        let due = Set(windows.monitoringAssessmentDays).filter { $0 <= windows.monitoringEndDay && $0 < todayDay }
        return due.sorted().filter { !recordedDays.contains($0) }.map { day in
            let date = infusionDate.adding(days: day)
            return SafetyAlert(
                key: "\(patientID)/\(SafetyAlertKind.missedAssessment.rawValue)/day\(day)", patientID: patientID,
                kind: .missedAssessment, toxicity: nil, severity: .warning, studyDay: day, recordedAt: nil,
                grade: nil, assessmentID: nil,
                message: "scheduled Day \(day) safety assessment (\(date)) not recorded: reschedule at once")
        }
    }

    /// Every alert for one patient: grade alerts and missed assessments, ordered by study day (grade
    /// alerts in time order within a day, missed days after them).
    /// - Throws: `ValidationFailure` as `gradeAlerts`.
    public static func evaluate(
        patientID: String, infusionDate: CalendarDate, today: CalendarDate, windows: TreatmentWindows,
        assessments: [SafetyGradedAssessment]
    ) throws -> [SafetyAlert] {
        let all = try gradeAlerts(patientID: patientID, assessments: assessments)
            + missedAssessmentAlerts(patientID: patientID, infusionDate: infusionDate, today: today,
                                     windows: windows, assessments: assessments)
        return all.indices.sorted { (all[$0].studyDay, $0) < (all[$1].studyDay, $1) }.map { all[$0] }
    }
}
