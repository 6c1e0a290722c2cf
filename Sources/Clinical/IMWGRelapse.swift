/// Relapse from complete response (Kumar 2016, standard response table; "to be used only if the end
/// point is disease-free survival").
enum IMWGRelapse {
    /// First day after `index` showing relapse from CR, or `nil`.
    ///
    /// Signs (any one): reappearance of serum or urine M-protein by immunofixation (positive) or
    /// electrophoresis (> 0); ≥ 5% plasma cells in marrow; a new lesion; plasmacytoma regrowth (SPD > 0).
    /// Serum and urine signs need a second assessment that also shows a sign (the next assessment that
    /// reports anything); marrow and imaging signs need none.
    static func relapseFromCompleteResponseDay(after index: Int, assessments: [IMWGAssessment],
                                               ruleSet: IMWGRuleSet) -> Int? {
        func serologic(_ a: IMWGAssessment) -> Bool {
            a.serumImmunofixation == .positive || a.urineImmunofixation == .positive
                || (a.serumMProteinGramsPerDeciliter ?? 0) > 0 || (a.urineMProteinMilligramsPer24h ?? 0) > 0
        }
        func marrowOrImaging(_ a: IMWGAssessment) -> Bool {
            a.newLesion == true || (a.plasmacytomaSPDSquareCentimeters ?? 0) > 0
                || (a.boneMarrowPlasmaCellPercent.map { IMWGRuleSet.atLeast($0, ruleSet.crMarrowBelowPercent) } ?? false)
        }
        var k = index + 1
        while k < assessments.count {
            let a = assessments[k]
            if marrowOrImaging(a) { return a.day }
            if serologic(a),
               let m = assessments[(k + 1)...].firstIndex(where: { !$0.isEmpty }),
               serologic(assessments[m]) || marrowOrImaging(assessments[m]) {
                return a.day
            }
            k += 1
        }
        return nil
    }
}
