/// A marker of measurable disease at baseline.
///
/// Source: Kumar 2016, footnote to the standard response table (after Rajkumar 2011): serum M-protein
/// ≥ 1 g/dL, urine M-protein ≥ 200 mg/24 h, or involved FLC ≥ 10 mg/dL with an abnormal κ/λ ratio.
/// The raw values are the strings of the JSON contract's `measurableDisease` array.
///
/// Marrow plasma cells and plasmacytomas are not "measurable disease" in the IMWG sense and are not
/// listed; the engine still uses them (marrow-only PR route, plasmacytoma requirements).
public enum IMWGMeasurableDisease: String, Sendable, Equatable, Codable, CaseIterable {
    case serum
    case urine
    case flc

    /// The measurable markers of `baseline`, in the order serum, urine, flc.
    ///
    /// Domain: any baseline; missing values simply do not qualify. Boundaries are inclusive
    /// (1.0 g/dL, 200 mg/24 h and 100 mg/L all qualify); the FLC ratio must be abnormal *in the
    /// direction of the involved chain* (κ clone: ratio > 1.65; λ clone: ratio < 0.26), so a declared κ
    /// clone with a low ratio is not FLC-measurable.
    public static func of(_ baseline: IMWGBaseline, ruleSet: IMWGRuleSet = .imwg2016) -> [IMWGMeasurableDisease] {
        var found: [IMWGMeasurableDisease] = []
        if let serum = baseline.serumMProteinGramsPerDeciliter,
           IMWGRuleSet.atLeast(serum, ruleSet.measurableSerumGramsPerDeciliter) {
            found.append(.serum)
        }
        if let urine = baseline.urineMProteinMilligramsPer24h,
           IMWGRuleSet.atLeast(urine, ruleSet.measurableUrineMilligramsPer24h) {
            found.append(.urine)
        }
        if flcIsMeasurable(baseline, ruleSet: ruleSet) { found.append(.flc) }
        return found
    }

    static func flcIsMeasurable(_ baseline: IMWGBaseline, ruleSet: IMWGRuleSet) -> Bool {
        let kappa = baseline.kappaFreeLightChainMilligramsPerLiter
        let lambda = baseline.lambdaFreeLightChainMilligramsPerLiter
        guard let chain = IMWGFreeLightChains.involvedChain(of: baseline, ruleSet: ruleSet),
              let involved = IMWGFreeLightChains.involved(chain, kappa: kappa, lambda: lambda),
              IMWGRuleSet.atLeast(involved, ruleSet.measurableInvolvedFLCMilligramsPerLiter),
              let ratio = IMWGFreeLightChains.ratio(kappa: kappa, lambda: lambda) else { return false }
        switch chain {
        case .kappa: return IMWGRuleSet.above(ratio, ruleSet.normalFLCRatio.upperBound)
        case .lambda: return IMWGRuleSet.below(ratio, ruleSet.normalFLCRatio.lowerBound)
        }
    }
}

/// Which response route the criteria give a patient, decided once from the baseline.
struct IMWGDiseaseProfile: Sendable, Equatable {
    let measurable: [IMWGMeasurableDisease]
    let involvedChain: IMWGLightChain?
    /// Serum measurable.
    var serum: Bool { measurable.contains(.serum) }
    /// Urine measurable.
    var urine: Bool { measurable.contains(.urine) }
    /// FLC-only disease: FLC measurable while neither serum nor urine is. Only then do dFLC response
    /// and dFLC progression apply, and CR needs a normal ratio (Rajkumar 2011; Kumar 2016).
    var flcOnly: Bool { !serum && !urine && measurable.contains(.flc) }
    /// dFLC progression applies "in patients without measurable serum and urine M-protein levels".
    var flcProgressionApplies: Bool { !serum && !urine }
    /// Marrow progression applies without measurable M-protein and without measurable FLC.
    var marrowProgressionApplies: Bool { measurable.isEmpty }
    /// Circulating plasma cells count for PD "if this is the only measure of disease": the same gate as
    /// the marrow, no measurable M-protein and no measurable FLC.
    var circulatingPlasmaCellProgressionApplies: Bool { measurable.isEmpty }
    /// Marrow PR route: nothing measurable and baseline marrow plasma cells ≥ 30%.
    let marrowResponseApplies: Bool
    /// Soft-tissue plasmacytoma present at baseline (SPD > 0).
    let plasmacytomaAtBaseline: Bool

    init(_ baseline: IMWGBaseline, ruleSet: IMWGRuleSet) {
        measurable = IMWGMeasurableDisease.of(baseline, ruleSet: ruleSet)
        involvedChain = IMWGFreeLightChains.involvedChain(of: baseline, ruleSet: ruleSet)
        marrowResponseApplies = measurable.isEmpty
            && (baseline.boneMarrowPlasmaCellPercent.map {
                IMWGRuleSet.atLeast($0, ruleSet.prMarrowBaselineAtLeastPercent)
            } ?? false)
        plasmacytomaAtBaseline = (baseline.plasmacytomaSPDSquareCentimeters ?? 0) > 0
    }
}
