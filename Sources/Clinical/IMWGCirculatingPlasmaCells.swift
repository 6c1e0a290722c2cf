/// Progressive disease by circulating plasma cells.
///
/// Source: Kumar SK et al., Lancet Oncol 2016;17:e328 (IMWG consensus criteria for response and MRD),
/// PD row: "≥ 50% increase in circulating plasma cells (minimum of 200 cells per µL) if this is the only
/// measure of disease".
///
/// Engine reading, stated so a verdict can be checked by hand:
/// - "the only measure of disease": serum M-protein, urine M-protein and FLC all not measurable at
///   baseline, the gate the marrow route uses (`IMWGDiseaseProfile`).
/// - The nadir is the lowest observed count, baseline and earlier assessments, as for the marrow; the
///   route still needs a second consecutive PD assessment, since it is a blood count like the M-protein.
/// - "Minimum of 200 cells per µL" is the count reached, not the size of the rise: met when the rise
///   is ≥ 50% of the nadir *and* the count is ≥ 200/µL. From a nadir of 0 any count ≥ 200/µL meets it.
/// Thresholds: `IMWGRuleSet.pdCirculatingPlasmaCellsIncrease`, `…AtLeastPerMicroliter`.
enum IMWGCirculatingPlasmaCells {
    /// The PD finding at `assessments[index]`, or `nil`. The caller checks the measurability gate.
    static func progression(at index: Int, assessments: [IMWGAssessment], baseline: IMWGBaseline,
                            ruleSet: IMWGRuleSet) -> IMWGProgressionFinding? {
        guard let value = assessments[index].circulatingPlasmaCellsPerMicroliter,
              let nadir = IMWGNadir.value(baseline: baseline.circulatingPlasmaCellsPerMicroliter,
                                          prior: assessments[..<index].compactMap(\.circulatingPlasmaCellsPerMicroliter),
                                          rule: .lowestObserved) else { return nil }
        let rs = ruleSet, text = IMWGRuleSet.text
        guard IMWGRuleSet.atLeast(value - nadir, rs.pdCirculatingPlasmaCellsIncrease * nadir),
              IMWGRuleSet.atLeast(value, rs.pdCirculatingPlasmaCellsAtLeastPerMicroliter) else { return nil }
        return IMWGProgressionFinding(
            route: .circulatingPlasmaCells, nadir: nadir, value: value,
            reason: "circulating plasma cells rose from nadir \(text(nadir)) to \(text(value))/µL "
                + "(≥ \(text(rs.pdCirculatingPlasmaCellsIncrease * 100))% and ≥ \(text(rs.pdCirculatingPlasmaCellsAtLeastPerMicroliter))/µL, no measurable M-protein or FLC)")
    }
}
