/// The thresholds of one version of the IMWG response criteria, kept as data so a later revision (one
/// was announced for 2026) can sit beside this one.
///
/// Every number below is quoted from the source named on it; units follow the JSON contract (serum
/// g/dL, urine mg/24 h, free light chains mg/L, marrow %, plasmacytoma SPD cm², circulating plasma
/// cells per µL, calcium, creatinine mg/dL, hemoglobin g/dL). The IMWG papers give
/// free light chains in mg/dL: 10 mg/dL = 100 mg/L.
public struct IMWGRuleSet: Sendable, Equatable, Codable {
    /// How the nadir ("lowest response value") for progression is found.
    public enum NadirRule: String, Sendable, Equatable, Codable {
        /// The lowest level held at two consecutive measurements of the marker (or the baseline).
        /// Kumar 2016's progression row reads "increase of 25% from lowest confirmed response value".
        case lowestConfirmed
        /// The lowest single value, as in Durie 2006 ("lowest response value"); offered for sponsors
        /// whose statistical analysis plan reads it so.
        case lowestObserved
    }

    /// Name stored with every result, e.g. `IMWG-2016`.
    public var version: String

    // MARK: Measurable disease (Kumar 2016, footnote to the standard response table; Rajkumar 2011)
    /// Serum M-protein ≥ 1 g/dL.
    public var measurableSerumGramsPerDeciliter: Double
    /// Urine M-protein ≥ 200 mg/24 h.
    public var measurableUrineMilligramsPer24h: Double
    /// Involved FLC ≥ 10 mg/dL (100 mg/L), with an abnormal κ/λ ratio.
    public var measurableInvolvedFLCMilligramsPerLiter: Double
    /// Normal serum κ/λ ratio, inclusive: 0.26–1.65 (Kumar 2016 footnote on FLC-only CR; Rajkumar 2011).
    public var normalFLCRatio: ClosedRange<Double>

    // MARK: Response (Kumar 2016 standard response table)
    /// VGPR: ≥ 90% reduction of serum M-protein …
    public var vgprSerumReduction: Double
    /// … plus urine M-protein < 100 mg/24 h.
    public var vgprUrineBelowMilligramsPer24h: Double
    /// FLC-only disease: VGPR needs a > 90% (strictly greater) decrease of dFLC.
    public var vgprFLCReductionAbove: Double
    /// PR: ≥ 50% reduction of serum M-protein …
    public var prSerumReduction: Double
    /// … and urine M-protein reduced by ≥ 90% …
    public var prUrineReduction: Double
    /// … or to < 200 mg/24 h.
    public var prUrineBelowMilligramsPer24h: Double
    /// FLC-only disease: PR needs ≥ 50% decrease of dFLC.
    public var prFLCReduction: Double
    /// Neither M-protein nor FLC measurable: PR needs ≥ 50% reduction of marrow plasma cells …
    public var prMarrowReduction: Double
    /// … provided the baseline marrow plasma-cell percentage was ≥ 30%.
    public var prMarrowBaselineAtLeastPercent: Double
    /// MR: ≥ 25% (to 49%) reduction of serum M-protein …
    public var mrSerumReduction: Double
    /// … and urine M-protein reduced by 50–89%.
    public var mrUrineReduction: Double
    /// Soft-tissue plasmacytomas present at baseline: PR and MR also need ≥ 50% reduction of SPD
    /// (Kumar 2016 sets 50% for MR too, where Durie 2006 had 25–49%).
    public var plasmacytomaSPDReduction: Double
    /// CR: < 5% plasma cells in bone marrow aspirate.
    public var crMarrowBelowPercent: Double

    // MARK: Progressive disease (Kumar 2016 standard response table, PD row)
    /// Increase of ≥ 25% from the nadir (M-protein, urine, dFLC, marrow).
    public var pdRelativeIncrease: Double
    /// Serum: absolute increase must be ≥ 0.5 g/dL …
    public var pdSerumAbsoluteGramsPerDeciliter: Double
    /// … and an increase ≥ 1 g/dL is sufficient when the lowest M component was ≥ 5 g/dL.
    public var pdSerumHighNadirAbsoluteGramsPerDeciliter: Double
    /// The "lowest M component ≥ 5 g/dL" cut.
    public var pdSerumHighNadirAtLeastGramsPerDeciliter: Double
    /// Urine: absolute increase must be ≥ 200 mg/24 h.
    public var pdUrineAbsoluteMilligramsPer24h: Double
    /// dFLC (only without measurable serum and urine M-protein): absolute increase must be > 10 mg/dL.
    public var pdFLCAbsoluteAboveMilligramsPerLiter: Double
    /// Marrow (only without measurable M-protein and FLC): absolute increase must be ≥ 10%.
    public var pdMarrowAbsolutePercent: Double
    /// ≥ 50% increase from nadir in the SPD of lesions.
    public var pdSPDIncrease: Double
    /// Circulating plasma cells (only when serum, urine and FLC are all not measurable, "if this is the
    /// only measure of disease"): "≥ 50% increase" from the nadir …
    public var pdCirculatingPlasmaCellsIncrease: Double
    /// … "(minimum of 200 cells per µL)", read as the count reached, not the rise.
    public var pdCirculatingPlasmaCellsAtLeastPerMicroliter: Double
    /// Which nadir the progression rules measure from.
    public var nadirRule: NadirRule

    // MARK: Clinical relapse (Kumar 2016, clinical relapse row; `IMWGClinicalRelapse`)
    /// "Definite increase" of plasmacytomas or bone lesions: a 50% increase of the SPD …
    public var clinicalRelapseSPDIncrease: Double
    /// … "(and ≥ 1 cm)", read on the SPD scale as ≥ 1 cm² of absolute increase.
    public var clinicalRelapseSPDAbsoluteSquareCentimeters: Double
    /// Hypercalcaemia: > 11 mg/dL (2.75 mmol/L), strictly greater.
    public var clinicalRelapseCalciumAboveMilligramsPerDeciliter: Double
    /// Decrease in hemoglobin of ≥ 2 g/dL (1.25 mmol/L), from the baseline.
    public var clinicalRelapseHemoglobinFallGramsPerDeciliter: Double
    /// Rise in serum creatinine by 2 mg/dL or more (177 µmol/L or more) from the start of therapy.
    public var clinicalRelapseCreatinineRiseMilligramsPerDeciliter: Double

    // MARK: MRD (Kumar 2016, IMWG MRD criteria table)
    /// NGF or NGS negativity counts only at a sensitivity of 1 in 10⁵ nucleated cells or better.
    public var mrdRequiredSensitivity: Double
    /// Sustained MRD negativity: negatives confirmed a minimum of 1 year apart (365 days here).
    public var mrdSustainedMinimumDays: Int

    /// IMWG 2016 (Kumar S et al., Lancet Oncol 2016;17:e328–e346), with the FLC conventions of
    /// Rajkumar 2011 and the "≥ 1 g/dL sufficient when the nadir is ≥ 5 g/dL" rule of Durie 2006.
    public static let imwg2016 = IMWGRuleSet(
        version: "IMWG-2016",
        measurableSerumGramsPerDeciliter: 1.0,
        measurableUrineMilligramsPer24h: 200,
        measurableInvolvedFLCMilligramsPerLiter: 100,
        normalFLCRatio: 0.26...1.65,
        vgprSerumReduction: 0.90,
        vgprUrineBelowMilligramsPer24h: 100,
        vgprFLCReductionAbove: 0.90,
        prSerumReduction: 0.50,
        prUrineReduction: 0.90,
        prUrineBelowMilligramsPer24h: 200,
        prFLCReduction: 0.50,
        prMarrowReduction: 0.50,
        prMarrowBaselineAtLeastPercent: 30,
        mrSerumReduction: 0.25,
        mrUrineReduction: 0.50,
        plasmacytomaSPDReduction: 0.50,
        crMarrowBelowPercent: 5,
        pdRelativeIncrease: 0.25,
        pdSerumAbsoluteGramsPerDeciliter: 0.5,
        pdSerumHighNadirAbsoluteGramsPerDeciliter: 1.0,
        pdSerumHighNadirAtLeastGramsPerDeciliter: 5.0,
        pdUrineAbsoluteMilligramsPer24h: 200,
        pdFLCAbsoluteAboveMilligramsPerLiter: 100,
        pdMarrowAbsolutePercent: 10,
        pdSPDIncrease: 0.50,
        pdCirculatingPlasmaCellsIncrease: 0.50,
        pdCirculatingPlasmaCellsAtLeastPerMicroliter: 200,
        nadirRule: .lowestConfirmed,
        clinicalRelapseSPDIncrease: 0.50,
        clinicalRelapseSPDAbsoluteSquareCentimeters: 1.0,
        clinicalRelapseCalciumAboveMilligramsPerDeciliter: 11,
        clinicalRelapseHemoglobinFallGramsPerDeciliter: 2,
        clinicalRelapseCreatinineRiseMilligramsPerDeciliter: 2,
        mrdRequiredSensitivity: 1e-5,
        mrdSustainedMinimumDays: 365
    )
}

extension IMWGRuleSet {
    /// Relative comparisons (reductions such as 50%, ratios such as 0.26) are made with this slack so a
    /// value typed at the boundary (0.5 → 0.25 g/dL is exactly 50%) is not lost to binary rounding.
    static let tolerance = 1e-9

    /// `fraction` of reduction from `baseline` to `value`; `nil` when the baseline is not positive.
    static func reduction(from baseline: Double, to value: Double) -> Double? {
        baseline > 0 ? (baseline - value) / baseline : nil
    }

    /// `a ≥ b` with the relative slack above.
    static func atLeast(_ a: Double, _ b: Double) -> Bool { a >= b - tolerance * max(1, abs(b)) }
    /// `a > b` with the relative slack above (a must clear b by more than rounding).
    static func above(_ a: Double, _ b: Double) -> Bool { a > b + tolerance * max(1, abs(b)) }
    /// `a < b` with the relative slack above.
    static func below(_ a: Double, _ b: Double) -> Bool { a < b - tolerance * max(1, abs(b)) }
}
