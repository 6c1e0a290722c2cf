/// Serum free light chain arithmetic used by the IMWG criteria.
///
/// Source: Rajkumar SV et al., Blood 2011;117:4691 and Kumar 2016 (dFLC = involved − uninvolved FLC;
/// normal κ/λ ratio 0.26–1.65). Inputs are mg/L.
public enum IMWGFreeLightChains {
    /// κ/λ ratio.
    ///
    /// - Returns: `nil` when either chain is missing or λ is 0 while κ is 0 too (no ratio defined);
    ///   `+infinity` when λ is 0 and κ is positive (an abnormal κ ratio).
    public static func ratio(kappa: Double?, lambda: Double?) -> Double? {
        guard let kappa, let lambda else { return nil }
        if lambda == 0 { return kappa > 0 ? .infinity : nil }
        return kappa / lambda
    }

    /// Whether the κ/λ ratio lies in the normal range of `ruleSet` (bounds inclusive).
    ///
    /// - Returns: `nil` when the ratio cannot be computed: a missing ratio never counts as normal.
    public static func isRatioNormal(kappa: Double?, lambda: Double?, ruleSet: IMWGRuleSet = .imwg2016) -> Bool? {
        guard let r = ratio(kappa: kappa, lambda: lambda) else { return nil }
        let range = ruleSet.normalFLCRatio
        return IMWGRuleSet.atLeast(r, range.lowerBound) && !IMWGRuleSet.above(r, range.upperBound)
    }

    /// The clone's light chain: the one declared at baseline, else the one an abnormal ratio points to.
    ///
    /// - Returns: `nil` when nothing is declared and the ratio is normal or unknown.
    public static func involvedChain(of baseline: IMWGBaseline, ruleSet: IMWGRuleSet = .imwg2016) -> IMWGLightChain? {
        if let declared = baseline.involvedFreeLightChain { return declared }
        guard let r = ratio(kappa: baseline.kappaFreeLightChainMilligramsPerLiter,
                            lambda: baseline.lambdaFreeLightChainMilligramsPerLiter) else { return nil }
        if IMWGRuleSet.above(r, ruleSet.normalFLCRatio.upperBound) { return .kappa }
        if IMWGRuleSet.below(r, ruleSet.normalFLCRatio.lowerBound) { return .lambda }
        return nil
    }

    /// The involved FLC level, mg/L.
    public static func involved(_ chain: IMWGLightChain, kappa: Double?, lambda: Double?) -> Double? {
        chain == .kappa ? kappa : lambda
    }

    /// dFLC = involved − uninvolved FLC, mg/L. May be negative once the clone is suppressed.
    ///
    /// - Returns: `nil` unless both chains were measured.
    public static func difference(_ chain: IMWGLightChain, kappa: Double?, lambda: Double?) -> Double? {
        guard let kappa, let lambda else { return nil }
        return chain == .kappa ? kappa - lambda : lambda - kappa
    }
}
