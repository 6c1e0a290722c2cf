/// Clinical relapse.
///
/// Source: Kumar SK et al., Lancet Oncol 2016;17:e328 (IMWG consensus criteria for response and MRD):
/// "Clinical relapse requires one or more of: direct indicators of increasing disease and/or end organ
/// dysfunction (CRAB features) related to the underlying clonal plasma-cell proliferative disorder. It
/// is not used in calculation of time to progression or progression-free survival but is listed as
/// something that can be reported optionally or for use in clinical practice". Hence it is reported
/// beside the course and never moves `progressionDay`, the best response or the times built on them.
///
/// Criteria, each checked at one assessment (thresholds in `IMWGRuleSet`, `clinicalRelapse…`):
/// 1. new soft-tissue plasmacytoma or bone lesion (`newLesion == true`; osteoporotic fractures do not
///    count, which the reader has already judged when recording a lesion);
/// 2. definite increase of existing plasmacytomas or bone lesions: "a 50% (and ≥ 1 cm) increase as
///    measured serially by the SPD": the SPD rises by ≥ 50% of its lowest observed value (baseline and
///    earlier assessments) *and* by ≥ 1 cm². The paper's "≥ 1 cm" is read on the SPD scale, since the
///    SPD is the only lesion measure recorded. From a lowest SPD of 0 (lesion gone) a regrowth of
///    ≥ 1 cm² counts;
/// 3. hypercalcaemia: calcium > 11 mg/dL (2.75 mmol/L), strictly greater, so 11.0 does not count;
/// 4. hemoglobin fall of ≥ 2 g/dL from the baseline, "not related to therapy or other non-myeloma-related
///    conditions": counted only when `anaemiaAttributedToMyeloma == true`;
/// 5. creatinine rise of ≥ 2 mg/dL "from the start of the therapy" (the baseline) "and attributable to
///    myeloma": counted only when `renalDysfunctionAttributedToMyeloma == true`;
/// 6. hyperviscosity related to the serum paraprotein (`hyperviscosity == true`).
/// Missing data never upgrade: a missing value, baseline or attribution means the criterion is not
/// met. No confirmation is asked for: these are direct clinical evidence.
enum IMWGClinicalRelapse {
    /// First assessment (every assessment is examined, the first included, whatever the response) that
    /// meets any criterion: its day and the criteria it meets; `nil` when none does.
    static func first(baseline: IMWGBaseline, assessments: [IMWGAssessment],
                      ruleSet: IMWGRuleSet) -> (day: Int, reasons: [String])? {
        for i in assessments.indices {
            let found = reasons(at: i, baseline: baseline, assessments: assessments, ruleSet: ruleSet)
            if !found.isEmpty { return (assessments[i].day, found) }
        }
        return nil
    }

    /// The criteria met at `assessments[index]`, one reason each, in the paper's order.
    static func reasons(at index: Int, baseline: IMWGBaseline, assessments: [IMWGAssessment],
                        ruleSet rs: IMWGRuleSet) -> [String] {
        let a = assessments[index]
        let text = IMWGRuleSet.text
        var found: [String] = []
        if a.newLesion == true {
            found.append("new bone lesion or soft-tissue plasmacytoma")
        }
        if let value = a.plasmacytomaSPDSquareCentimeters,
           let nadir = IMWGNadir.value(baseline: baseline.plasmacytomaSPDSquareCentimeters,
                                       prior: assessments[..<index].compactMap(\.plasmacytomaSPDSquareCentimeters),
                                       rule: .lowestObserved),
           IMWGRuleSet.atLeast(value - nadir, rs.clinicalRelapseSPDIncrease * nadir),
           IMWGRuleSet.atLeast(value - nadir, rs.clinicalRelapseSPDAbsoluteSquareCentimeters) {
            found.append("lesion SPD rose from its lowest \(text(nadir)) to \(text(value)) cm² "
                         + "(≥ \(text(rs.clinicalRelapseSPDIncrease * 100))% and ≥ \(text(rs.clinicalRelapseSPDAbsoluteSquareCentimeters)) cm²)")
        }
        if let calcium = a.calciumMilligramsPerDeciliter,
           IMWGRuleSet.above(calcium, rs.clinicalRelapseCalciumAboveMilligramsPerDeciliter) {
            found.append("hypercalcaemia: calcium \(text(calcium)) mg/dL (> \(text(rs.clinicalRelapseCalciumAboveMilligramsPerDeciliter)))")
        }
        if a.anaemiaAttributedToMyeloma == true, let hb = a.hemoglobinGramsPerDeciliter,
           let start = baseline.hemoglobinGramsPerDeciliter,
           IMWGRuleSet.atLeast(start - hb, rs.clinicalRelapseHemoglobinFallGramsPerDeciliter) {
            found.append("hemoglobin fell from \(text(start)) to \(text(hb)) g/dL "
                         + "(≥ \(text(rs.clinicalRelapseHemoglobinFallGramsPerDeciliter)) g/dL, attributed to myeloma)")
        }
        if a.renalDysfunctionAttributedToMyeloma == true, let creatinine = a.creatinineMilligramsPerDeciliter,
           let start = baseline.creatinineMilligramsPerDeciliter,
           IMWGRuleSet.atLeast(creatinine - start, rs.clinicalRelapseCreatinineRiseMilligramsPerDeciliter) {
            found.append("creatinine rose from \(text(start)) to \(text(creatinine)) mg/dL "
                         + "(≥ \(text(rs.clinicalRelapseCreatinineRiseMilligramsPerDeciliter)) mg/dL, attributed to myeloma)")
        }
        if a.hyperviscosity == true {
            found.append("hyperviscosity related to the serum paraprotein")
        }
        return found
    }
}
