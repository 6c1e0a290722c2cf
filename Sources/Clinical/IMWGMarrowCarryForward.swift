/// The marrow findings that stand at an assessment for the CR and sCR marrow criteria.
struct IMWGMarrowFindings: Sendable, Equatable {
    /// Plasma cells, %; `nil` when no usable marrow.
    var plasmaCellPercent: Double?
    /// Day of the marrow that gave `plasmaCellPercent`.
    var plasmaCellDay: Int?
    /// Clonal plasma cells present (`false` = absent); `nil` when unknown.
    var clonal: Bool?
    /// Day of the marrow that gave `clonal`.
    var clonalDay: Int?
}

/// Carry-forward rule for marrow results used by CR and sCR.
///
/// Why: the IMWG asks for a marrow once (Durie 2006: "confirmation with repeat bone marrow biopsy not
/// needed"), while immunofixation must be negative at two consecutive assessments. Without reusing the
/// marrow, the confirming assessment would fall to VGPR for want of a marrow never meant to be repeated.
///
/// Rule (engine's own, documented): a marrow result taken at an assessment that shows no evidence
/// against CR stands at later assessments until one shows such evidence. Evidence against CR is a
/// positive serum or urine immunofixation, or M-protein seen on serum or urine electrophoresis (> 0). A
/// marrow taken while M-protein was still present is used at its own assessment only, so "CR except
/// marrow not done in CR" stays VGPR. Absence of clonal cells is also read from an MRD-negative test of
/// the same assessment (NGF/NGS are more sensitive than immunohistochemistry); an MRD-positive test is
/// not read as clonality by immunohistochemistry. Marrow values are never carried into the
/// progression rules or into the marrow-only PR route.
enum IMWGMarrowCarryForward {
    static func findings(for assessments: [IMWGAssessment]) -> [IMWGMarrowFindings] {
        var carried = IMWGMarrowFindings()
        var result: [IMWGMarrowFindings] = []
        for a in assessments {
            let evidenceAgainstCR = a.serumImmunofixation == .positive || a.urineImmunofixation == .positive
                || (a.serumMProteinGramsPerDeciliter ?? 0) > 0 || (a.urineMProteinMilligramsPer24h ?? 0) > 0
            if evidenceAgainstCR { carried = IMWGMarrowFindings() }
            let ownClonal = a.clonalPlasmaCellsInMarrow ?? (a.mrd?.result == .negative ? false : nil)
            var here = carried
            if let p = a.boneMarrowPlasmaCellPercent { here.plasmaCellPercent = p; here.plasmaCellDay = a.day }
            if let c = ownClonal { here.clonal = c; here.clonalDay = a.day }
            result.append(here)
            if !evidenceAgainstCR { carried = here }
        }
        return result
    }
}
