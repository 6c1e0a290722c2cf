import Foundation
import CartographCore

/// The CRS and ICANS grades of one bedside assessment, with the findings that drove them.
public struct SafetyAssessmentGrades: Sendable, Equatable, Codable {
    /// ASTCT 2019 CRS grade 0...5 and its reasons (from `CRSGrading`).
    public var crs: CRSGradeResult
    /// ASTCT 2019 ICANS grade 0...5 and its reasons (from `ICANSGrading`).
    public var icans: ICANSGradeResult
    /// ICE total 0...10, `nil` when ICE was not assessed.
    public var iceScore: Int?
    /// Interventions given at or before the assessment, which made fever optional for CRS.
    public var interventionsCounted: [SafetyInterventionKind]
    /// Observations that do not change a grade but a nurse should see (blood pressure against the
    /// hypotension flag).
    public var notes: [String]

    public init(crs: CRSGradeResult, icans: ICANSGradeResult, iceScore: Int?,
                interventionsCounted: [SafetyInterventionKind], notes: [String]) {
        self.crs = crs
        self.icans = icans
        self.iceScore = iceScore
        self.interventionsCounted = interventionsCounted
        self.notes = notes
    }
}

/// Grades bedside assessments with the existing ASTCT 2019 engines; nothing here decides a grade.
public enum SafetyAssessmentGrading {
    /// Systolic pressure below which a reading contradicts "no hypotension". ASTCT 2019 leaves
    /// hypotension undefined numerically; 90 mmHg is the common adult bedside threshold, used here
    /// only to add a note, never to change the grade.
    public static let systolicHypotensionNoteThreshold = 90.0

    /// Validates `assessment`, maps it to `CRSAssessment` and `ICANSAssessment` and grades both.
    ///
    /// Source: Lee DW et al., Biol Blood Marrow Transplant 2019;25:625-638, Table 6 (CRS) and
    /// Table 8 (ICANS, adults), as implemented by `CRSGrading` and `ICANSGrading`. Fever is not
    /// required for CRS once any intervention in `assessment.interventions` was given at or before
    /// `recordedAt`; the CRS reasons then name the interventions.
    ///
    /// Notes (no grade change): a systolic pressure < 90 mmHg without the hypotension flag, and the
    /// flag set with a systolic >= 90 mmHg and no vasopressor, ask the nurse to confirm.
    ///
    /// - Throws: `ValidationFailure` listing every invalid field (see `SafetyAssessment.validate()`).
    ///   An engine's `ClinicalInputError` (not expected after validation) is rethrown as a
    ///   `ValidationFailure` for the same field.
    public static func grade(_ assessment: SafetyAssessment) throws -> SafetyAssessmentGrades {
        try assessment.validate()
        let counted = assessment.interventionsGivenSoFar.map(\.kind)
        let distinctCounted = SafetyInterventionKind.allCases.filter(counted.contains)
        var crs: CRSGradeResult
        let icans: ICANSGradeResult
        do {
            crs = try CRSGrading.grade(assessment.crsAssessment)
            icans = try ICANSGrading.grade(assessment.icansAssessment)
        } catch let error as ClinicalInputError {
            throw ValidationFailure(error.field, error.message)
        }
        if !distinctCounted.isEmpty {
            let names = distinctCounted.map(\.displayName).joined(separator: ", ")
            crs.reasons.append("given at or before this assessment: \(names)")
        }
        return SafetyAssessmentGrades(
            crs: crs, icans: icans, iceScore: assessment.icansAssessment.iceScore,
            interventionsCounted: distinctCounted, notes: bloodPressureNotes(assessment))
    }

    private static func bloodPressureNotes(_ a: SafetyAssessment) -> [String] {
        guard let systolic = a.systolicMmHg else { return [] }
        let threshold = systolicHypotensionNoteThreshold
        if systolic < threshold && !a.hypotension && a.vasopressors.isEmpty {
            return ["systolic \(systolic.safetyText) mmHg (< \(threshold.safetyText)) but hypotension not recorded: confirm; the CRS grade follows the hypotension flag"]
        }
        if systolic >= threshold && a.hypotension && a.vasopressors.isEmpty {
            return ["hypotension recorded with systolic \(systolic.safetyText) mmHg (>= \(threshold.safetyText)): confirm against the patient's baseline"]
        }
        return []
    }
}
