import Foundation

/// A CRS grade with the findings that drove it.
public struct CRSGradeResult: Sendable, Equatable, Codable {
    /// 0 (no CRS) ... 5 (death due to CRS).
    public var grade: Int
    /// Plain-language findings, the deciding ones first.
    public var reasons: [String]
    public var ruleSet: ClinicalRuleSet

    public init(grade: Int, reasons: [String], ruleSet: ClinicalRuleSet = .astct2019) {
        self.grade = grade
        self.reasons = reasons
        self.ruleSet = ruleSet
    }
}

/// ASTCT 2019 consensus grading of cytokine release syndrome.
///
/// Source: Lee DW et al., "ASTCT Consensus Grading for Cytokine Release Syndrome and Neurologic
/// Toxicity Associated with Immune Effector Cells", Biol Blood Marrow Transplant 2019;25:625-638,
/// Table 6 (CRS grading) and its footnotes.
public enum CRSGrading {
    public static let ruleSet = ClinicalRuleSet.astct2019
    /// Fever is a temperature of at least 38.0 °C (ASTCT 2019, Table 6 footnote).
    public static let feverThresholdC = 38.0
    /// Low-flow nasal cannula is oxygen at 6 L/min or less; above that it is high flow.
    public static let lowFlowLimitLitersPerMinute = 6.0

    /// Grades one assessment.
    ///
    /// Grade = the more severe of the hypotension and hypoxia grades, in a patient with fever
    /// >= 38.0 °C not attributable to another cause; once antipyretic or anti-cytokine therapy was
    /// given fever is no longer required. Death due to CRS is grade 5. Organ toxicities are graded
    /// by CTCAE and are not inputs here.
    ///
    /// Hypotension: without vasopressors 2; one vasopressor with or without vasopressin 3 (so
    /// vasopressin alone, or vasopressin plus one other, is 3); two or more vasopressors other than
    /// vasopressin 4. Vasopressors imply hypotension even if `hypotension` is false.
    ///
    /// Hypoxia: blow-by or nasal cannula <= 6 L/min 2 (a nasal cannula with no recorded flow is
    /// taken as low flow and the reasons say so); nasal cannula > 6 L/min, high-flow nasal cannula,
    /// face mask, non-rebreather or Venturi mask 3; CPAP, BiPAP or mechanical ventilation 4.
    ///
    /// Without qualifying fever (none, below 38.0 °C, or attributed to another cause) and without
    /// antipyretic/anti-cytokine therapy the grade is 0 whatever the hypotension or hypoxia, and the
    /// reasons say fever is required. After antipyretic/anti-cytokine therapy with neither
    /// hypotension nor hypoxia the grade is 1 if a fever is still measured, otherwise 0.
    ///
    /// - Throws: `ClinicalInputError` when `assessment.validate()` fails.
    public static func grade(_ assessment: CRSAssessment) throws -> CRSGradeResult {
        try assessment.validate()
        if assessment.deathDueToCRS {
            return CRSGradeResult(grade: 5, reasons: ["death due to CRS"])
        }
        let hypotension = hypotensionGrade(assessment)
        let hypoxia = hypoxiaGrade(assessment)
        let organ = max(hypotension.grade, hypoxia.grade)
        var findings = [hypotension, hypoxia].filter { $0.grade > 0 }.sorted { $0.grade > $1.grade }
            .flatMap(\.reasons)
        findings += hypoxia.notes

        let measuredFever = assessment.temperatureC.map { $0 >= feverThresholdC } ?? false
        let temperatureText = assessment.temperatureC.map { String(format: "%.1f °C", $0) } ?? "not measured"

        if assessment.antipyreticOrAnticytokineGiven {
            let context = "antipyretic or anti-cytokine therapy given: fever not required, grade driven by hypotension and hypoxia"
            if organ > 0 { return CRSGradeResult(grade: organ, reasons: findings + [context]) }
            if measuredFever && !assessment.feverAttributableToOtherCause {
                return CRSGradeResult(grade: 1, reasons: ["fever \(temperatureText) without hypotension or hypoxia", context])
            }
            return CRSGradeResult(grade: 0, reasons: ["no hypotension or hypoxia", context])
        }

        guard measuredFever else {
            var reasons = ["no fever (temperature \(temperatureText), threshold 38.0 °C): fever is required for CRS unless antipyretic or anti-cytokine therapy was given"]
            if organ > 0 { reasons.append("hypotension or hypoxia present but not graded as CRS without fever") }
            return CRSGradeResult(grade: 0, reasons: reasons + findings)
        }
        guard !assessment.feverAttributableToOtherCause else {
            var reasons = ["fever \(temperatureText) attributable to another cause: fever is required for CRS unless antipyretic or anti-cytokine therapy was given"]
            if organ > 0 { reasons.append("hypotension or hypoxia present but not graded as CRS without CRS fever") }
            return CRSGradeResult(grade: 0, reasons: reasons + findings)
        }
        let fever = "fever \(temperatureText) (>= 38.0 °C) not attributable to another cause"
        if organ == 0 {
            return CRSGradeResult(grade: 1, reasons: [fever + ", without hypotension or hypoxia"])
        }
        return CRSGradeResult(grade: organ, reasons: findings + [fever])
    }

    private struct DomainGrade {
        var grade: Int
        var reasons: [String]
        var notes: [String] = []
    }

    private static func hypotensionGrade(_ a: CRSAssessment) -> DomainGrade {
        let distinct = Set(a.vasopressors)
        let nonVasopressin = distinct.subtracting([.vasopressin])
        let names = CRSVasopressor.allCases.filter(distinct.contains).map(\.rawValue).joined(separator: ", ")
        if nonVasopressin.count >= 2 {
            return DomainGrade(grade: 4, reasons: ["hypotension requiring multiple vasopressors excluding vasopressin (\(names)): grade 4"])
        }
        if !distinct.isEmpty {
            let implied = a.hypotension ? "" : " (vasopressors imply hypotension)"
            return DomainGrade(grade: 3, reasons: ["hypotension requiring one vasopressor with or without vasopressin (\(names)): grade 3\(implied)"])
        }
        if a.hypotension {
            return DomainGrade(grade: 2, reasons: ["hypotension not requiring vasopressors: grade 2"])
        }
        return DomainGrade(grade: 0, reasons: [])
    }

    private static func hypoxiaGrade(_ a: CRSAssessment) -> DomainGrade {
        let flow = a.oxygenFlowLitersPerMinute
        let flowText = flow.map { " at \($0.clinicalText) L/min" } ?? ""
        switch a.oxygenDevice {
        case .none:
            return DomainGrade(grade: 0, reasons: [])
        case .blowBy:
            return DomainGrade(grade: 2, reasons: ["hypoxia requiring blow-by oxygen: grade 2"])
        case .nasalCannula:
            guard let flow else {
                return DomainGrade(
                    grade: 2, reasons: ["hypoxia requiring nasal cannula oxygen: grade 2"],
                    notes: ["nasal cannula flow not recorded: treated as low flow (<= 6 L/min)"])
            }
            if flow > lowFlowLimitLitersPerMinute {
                return DomainGrade(grade: 3, reasons: ["hypoxia requiring high-flow nasal cannula\(flowText) (> 6 L/min): grade 3"])
            }
            return DomainGrade(grade: 2, reasons: ["hypoxia requiring low-flow nasal cannula\(flowText) (<= 6 L/min): grade 2"])
        case .highFlowNasalCannula:
            var notes: [String] = []
            if let flow, flow <= lowFlowLimitLitersPerMinute {
                notes.append("high-flow device recorded with a flow of \(flow.clinicalText) L/min: graded by the device")
            }
            return DomainGrade(grade: 3, reasons: ["hypoxia requiring high-flow nasal cannula\(flowText): grade 3"], notes: notes)
        case .faceMask:
            return DomainGrade(grade: 3, reasons: ["hypoxia requiring a face mask\(flowText): grade 3"])
        case .nonRebreatherMask:
            return DomainGrade(grade: 3, reasons: ["hypoxia requiring a non-rebreather mask\(flowText): grade 3"])
        case .venturiMask:
            return DomainGrade(grade: 3, reasons: ["hypoxia requiring a Venturi mask\(flowText): grade 3"])
        case .cpap:
            return DomainGrade(grade: 4, reasons: ["hypoxia requiring positive pressure (CPAP): grade 4"])
        case .bipap:
            return DomainGrade(grade: 4, reasons: ["hypoxia requiring positive pressure (BiPAP): grade 4"])
        case .mechanicalVentilation:
            return DomainGrade(grade: 4, reasons: ["hypoxia requiring intubation and mechanical ventilation: grade 4"])
        }
    }
}
