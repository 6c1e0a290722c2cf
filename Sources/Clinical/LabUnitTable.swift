/// The units laboratories report each analyte in, and their exact conversions (rule set `LAB-UNITS-1`).
///
/// The first unit of each analyte is its canonical unit (`LabAnalyte.unit`): the IMWG engine's
/// (Kumar SK et al., Lancet Oncol 2016;17:e328, as `IMWGBaseline` reads it: SPEP g/dL, UPEP mg/24h,
/// FLC mg/L), the NCA's copies/µg gDNA, and for safety the units of `CARHematotoxInput` and `EASIX`.
/// The others are units in real laboratory use, each with a factor that is a definition or a
/// published constant, never a fitted or rounded one:
///
/// | analyte | unit | to canonical | source |
/// |---|---|---|---|
/// | ANC, platelets | 10^9/L (also G/L) | × 1000 → /µL | 1 L = 10⁶ µL (SI, litre = dm³); G = 10⁹ |
/// | ANC, platelets | 10^3/µL (also K/µL) | × 1000 → /µL | definition |
/// | ANC, platelets, CPC | cells/mm³ | = /µL | 1 mm³ = 1 µL |
/// | hemoglobin | g/L | ÷ 10 → g/dL | 1 dL = 0.1 L |
/// | hemoglobin | mmol/L (Hb monomer) | × 1.61145 → g/dL | ICSH 1995: Hb(Fe) 16,114.5 g/mol |
/// | creatinine | µmol/L | ÷ 88.4 → mg/dL | KDIGO 2012 (113.12 g/mol) |
/// | calcium | mmol/L | × 4.0078 → mg/dL | IUPAC Ar(Ca) = 40.078 |
/// | creatinine, calcium | mg/L | ÷ 10 → mg/dL | 1 dL = 0.1 L |
/// | CRP | mg/L | ÷ 10 → mg/dL | 1 dL = 0.1 L |
/// | ferritin | µg/L | = ng/mL | 10⁻⁹ g/10⁻³ L = 10⁻⁶ g/L |
/// | LDH | µkat/L | × 60 → U/L | 1 U = 1 µmol/min; 1 kat = 1 mol/s |
/// | serum M-protein | g/L | ÷ 10 → g/dL | 1 dL = 0.1 L |
/// | urine M-protein | g/24h | × 1000 → mg/24h | 1 g = 1000 mg |
/// | κ, λ free light chain | mg/dL | × 10 → mg/L | 1 L = 10 dL |
///
/// Transgene copies (copies/µg gDNA), marrow plasma cells (%) and plasmacytoma SPD (cm²) have one
/// unit: no other is in common use, and % of nucleated cells cannot be converted to anything without
/// the count it is a share of. Circulating plasma cells are counted by flow per µL; a % of leukocytes
/// needs the white count, so it is refused rather than converted.
extension LabAnalyte {
    /// The units this analyte is accepted in, canonical first; empty for categorical analytes.
    public var units: [LabUnit] { Self.unitTable[self] ?? [] }

    /// `definedUnits` of every analyte, built once: engines look a unit up for every result they read.
    private static let unitTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.definedUnits) })

    private var definedUnits: [LabUnit] {
        switch self {
        case .serumMProtein:
            [LabUnit("g/dL"),
             // 1 dL = 0.1 L, so g/L ÷ 10 = g/dL (IMWG 2016 quotes both: 0.5 g/dL = 5 g/L).
             LabUnit("g/L", .dividedBy(10))]
        case .urineMProtein:
            [LabUnit("mg/24h", spellings: ["mg/24hr", "mg/24hours", "mg/day", "mg/d"]),
             LabUnit("g/24h", .times(1000), spellings: ["g/24hr", "g/24hours", "g/day", "g/d"])]
        case .kappaFreeLightChain, .lambdaFreeLightChain:
            // Most laboratories (Freelite, N Latex FLC) report mg/L; some US ones mg/dL. 1 L = 10 dL.
            [LabUnit("mg/L"), LabUnit("mg/dL", .times(10))]
        case .marrowPlasmaCells:
            [LabUnit("%")]
        case .plasmacytomaSPD:
            [LabUnit("cm2", spellings: ["cm²", "cm^2"])]
        case .transgeneCopies:
            [LabUnit("copies/ug", spellings: labUnitMicroSpellings("copies/ug") + labUnitMicroSpellings("copies/uggDNA"))]
        case .circulatingPlasmaCells:
            [Self.perMicroliter, Self.perCubicMillimeter]
        case .absoluteNeutrophilCount, .platelets:
            [Self.perMicroliter,
             // 1 L = 1 dm³ = 10⁶ µL (BIPM SI Brochure, 9th ed., 2019, Table 8), so 10⁹/L = 10³/µL =
             // 1000 /µL. G/L (giga, 10⁹: SI Brochure Table 7) is how French and German reports write it.
             LabUnit("10^9/L", .times(1000), spellings: ["10⁹/L", "x10^9/L", "x10⁹/L", "×10^9/L", "×10⁹/L", "G/L"]),
             // The same count per µL in thousands; K/µL is the US analyzer printout.
             LabUnit("10^3/uL", .times(1000), spellings: ["10^3/uL", "10³/uL", "x10^3/uL", "x10³/uL", "×10^3/uL",
                                                          "×10³/uL", "K/uL"].flatMap(labUnitMicroSpellings)),
             Self.perCubicMillimeter]
        case .hemoglobin:
            [LabUnit("g/dL"),
             LabUnit("g/L", .dividedBy(10)),
             // Hemoglobin in mmol/L (the Netherlands) counts the monomer Hb(Fe), one haem each. ICSH 1995
             // (Zwart A et al., J Clin Pathol 1996;49:271-274): tetramer 64,458 g/mol, monomer 16,114.5
             // g/mol, so 1 mmol/L = 16.1145 g/L = 1.61145 g/dL (inversely 1 g/dL = 0.6206 mmol/L).
             LabUnit("mmol/L", .times(1.61145))]
        case .calcium:
            // Standard atomic weight of calcium 40.078 (IUPAC/CIAAW): 1 mmol/L = 40.078 mg/L = 4.0078 mg/dL
            // (the often-quoted × 4.008 is this rounded). IMWG's hypercalcaemia > 11 mg/dL is ≈ 2.75 mmol/L.
            // French laboratories also write mg/L (1 L = 10 dL).
            [LabUnit("mg/dL"), LabUnit("mmol/L", .times(4.0078)), LabUnit("mg/L", .dividedBy(10))]
        case .creatinine:
            // KDIGO 2012 CKD guideline (Kidney Int Suppl 2013;3:1-150): mg/dL × 88.4 = µmol/L, from the
            // molar mass of creatinine C4H7N3O, 113.12 g/mol (10,000 / 113.12 = 88.40).
            // French laboratories also write mg/L (1 L = 10 dL).
            [LabUnit("mg/dL"), LabUnit("umol/L", .dividedBy(88.4), spellings: labUnitMicroSpellings("umol/L")),
             LabUnit("mg/L", .dividedBy(10))]
        case .crp:
            [LabUnit("mg/dL"), LabUnit("mg/L", .dividedBy(10))]
        case .ferritin:
            // ng/mL and µg/L are the same quantity (10⁻⁹ g per 10⁻³ L = 10⁻⁶ g per L).
            [LabUnit("ng/mL"), LabUnit("ug/L", spellings: labUnitMicroSpellings("ug/L"))]
        case .ldh:
            // 1 U = 1 µmol/min (IUB 1964); 1 kat = 1 mol/s (SI, 21st CGPM 1999, Resolution 12), so
            // 1 µkat = 1 µmol/s = 60 µmol/min = 60 U. Scandinavian laboratories report µkat/L.
            [LabUnit("U/L", spellings: ["IU/L"]),
             LabUnit("ukat/L", .times(60), spellings: labUnitMicroSpellings("ukat/L"))]
        case .serumImmunofixation, .urineImmunofixation, .marrowClonality, .newLesion, .mrd, .petCT, .hyperviscosity:
            []
        }
    }

    /// Cells per µL, the canonical count unit.
    private static let perMicroliter = LabUnit("/uL", spellings: labUnitMicroSpellings("/uL") + labUnitMicroSpellings("cells/uL"))
    /// 1 mm³ = 10⁻⁶ L = 1 µL: the older name of the same count.
    private static let perCubicMillimeter = LabUnit("cells/mm3", spellings: ["cells/mm³", "cells/mm^3", "/mm3", "/mm³", "/mm^3"])

    /// The unit `text` names for this analyte (compared after removing whitespace, case-sensitively);
    /// `nil` when it names none of `units`.
    public func labUnit(_ text: String) -> LabUnit? { units.first { $0.matches(text) } }

    /// The accepted units for messages, canonical first: `g/dL or g/L`, `/uL, 10^9/L, 10^3/uL or cells/mm3`.
    var unitList: String {
        let symbols = units.map(\.symbol)
        guard symbols.count > 1 else { return symbols.first ?? "" }
        return symbols.dropLast().joined(separator: ", ") + " or " + symbols.last!
    }
}
