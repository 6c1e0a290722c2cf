import Foundation

/// EASIX and modified EASIX, endothelial-activation indices used to anticipate severe CRS/ICANS.
///
/// Sources: EASIX = LDH × creatinine / platelets (Luft T et al., Lancet Haematol 2017;4:e414);
/// m-EASIX replaces creatinine by CRP (Pennisi M et al., Blood Adv 2021;5:3397; Korell F et al.,
/// 2022 for the pre-lymphodepletion use). Units: LDH U/L, creatinine mg/dL, CRP mg/dL, platelets
/// 10⁹/L (= 1000/µL). Cut-offs are cohort- and time-point-specific in the literature, so none is
/// built in: pass the one your protocol validated.
public enum EASIX {
    public static let ruleSet = ClinicalRuleSet.easix

    /// EASIX = LDH (U/L) × creatinine (mg/dL) / platelets (10⁹/L).
    ///
    /// Domain: all inputs finite and >= 0, platelets > 0; otherwise `nil` (a platelet count of 0
    /// makes the index undefined, not infinite). Accuracy: one rounding per operation (Double).
    public static func value(ldhUnitsPerLiter ldh: Double, creatinineMilligramsPerDeciliter creatinine: Double,
                             plateletsGigaPerLiter platelets: Double) -> Double? {
        ratio(ldh, creatinine, platelets)
    }

    /// m-EASIX = LDH (U/L) × CRP (mg/dL) / platelets (10⁹/L); same domain rules as `value`.
    public static func modifiedValue(ldhUnitsPerLiter ldh: Double, crpMilligramsPerDeciliter crp: Double,
                                     plateletsGigaPerLiter platelets: Double) -> Double? {
        ratio(ldh, crp, platelets)
    }

    /// log2 of an index value; `nil` for a value <= 0 (log undefined; happens when LDH, creatinine
    /// or CRP is 0).
    public static func log2Value(_ index: Double?) -> Double? {
        guard let index, index > 0, index.isFinite else { return nil }
        return Foundation.log2(index)
    }

    /// True when `index` is at or above `cutoff` (high risk). `cutoff` must be on the same scale
    /// (raw or log2) as `index`.
    public static func isHighRisk(_ index: Double, cutoff: Double) -> Bool { index >= cutoff }

    private static func ratio(_ a: Double, _ b: Double, _ platelets: Double) -> Double? {
        guard a.isFinite, b.isFinite, platelets.isFinite, a >= 0, b >= 0, platelets > 0 else { return nil }
        return a * b / platelets
    }
}
