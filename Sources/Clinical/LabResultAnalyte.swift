/// What a laboratory or imaging result measures, as the CSV import spells it (the raw value).
///
/// Each numeric analyte has a canonical unit (`LabAnalyte.unit`), the one Cartograph's engines read:
/// the IMWG engine's (Kumar 2016 as implemented in `IMWGBaseline`), the NCA's copies/µg gDNA, and for
/// the safety side the units of `CARHematotoxInput` and `EASIX`. A result may be entered in any unit
/// laboratories actually report the analyte in (`units`, LabUnitTable.swift: ANC in 10⁹/L, hemoglobin
/// in g/L or mmol/L, creatinine in µmol/L, …); it is stored as entered and converted exactly, on
/// reading, for the engines (`LabResult.canonicalNumber`). A unit outside that table is refused, never
/// guessed: a g/L serum M-protein recorded as g/dL is a 10-fold error that no range check can catch in
/// every case, so the unit the laboratory printed must be named.
public enum LabAnalyte: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    // Disease response (IMWG 2016).
    /// Serum M-protein by electrophoresis (SPEP), g/dL (or g/L).
    case serumMProtein
    /// Urine M-protein by electrophoresis of a 24-hour collection (UPEP), mg/24h (or g/24h).
    case urineMProtein
    /// Serum immunofixation: positive / negative.
    case serumImmunofixation
    /// Urine immunofixation: positive / negative.
    case urineImmunofixation
    /// Serum free κ light chain, mg/L (or mg/dL).
    case kappaFreeLightChain
    /// Serum free λ light chain, mg/L (or mg/dL).
    case lambdaFreeLightChain
    /// Bone-marrow plasma cells, % of nucleated cells.
    case marrowPlasmaCells
    /// Clonal plasma cells present in marrow (IHC κ/λ or flow): true / false.
    case marrowClonality
    /// Sum of the products of perpendicular diameters of plasmacytomas, cm².
    case plasmacytomaSPD
    /// New bone lesion or soft-tissue plasmacytoma on imaging: true / false.
    case newLesion
    /// Bone-marrow minimal residual disease: positive / negative, with method (NGF/NGS) and sensitivity.
    case mrd
    /// PET/CT read for imaging-plus MRD (Kumar 2016): negative when every area of increased uptake
    /// found at baseline or a preceding PET/CT has resolved; else positive.
    case petCT
    /// Circulating plasma cells, per µL (= per mm³; a PD route when nothing else is measurable).
    case circulatingPlasmaCells
    // Clinical relapse (IMWG 2016), beside hemoglobin and creatinine below.
    /// Serum calcium, mg/dL (or mmol/L, mg/L; the criterion names no albumin correction: record what the center
    /// uses to call hypercalcaemia).
    case calcium
    /// Hyperviscosity related to the serum paraprotein: true / false.
    case hyperviscosity
    // CAR-T kinetics.
    /// CAR transgene copies per µg genomic DNA (qPCR/ddPCR), with the assay's LLOD (and LLOQ).
    case transgeneCopies
    // Safety.
    /// Absolute neutrophil count, per µL (or 10⁹/L, 10³/µL, per mm³).
    case absoluteNeutrophilCount
    /// Platelets, per µL (or 10⁹/L, 10³/µL, per mm³).
    case platelets
    /// Hemoglobin, g/dL (or g/L, or mmol/L of the Hb monomer).
    case hemoglobin
    /// C-reactive protein, mg/dL (or mg/L).
    case crp
    /// Ferritin, ng/mL (= µg/L).
    case ferritin
    /// Lactate dehydrogenase, U/L (or µkat/L).
    case ldh
    /// Serum creatinine, mg/dL (or µmol/L, mg/L).
    case creatinine

    /// How an analyte's value is written.
    public enum ValueKind: String, Sendable, Equatable, Codable {
        /// A non-negative decimal number in one of `units`.
        case number
        /// `positive` or `negative`.
        case positiveNegative
        /// `true` or `false`.
        case trueFalse
    }

    public var valueKind: ValueKind {
        switch self {
        case .serumImmunofixation, .urineImmunofixation, .mrd, .petCT: .positiveNegative
        case .marrowClonality, .newLesion, .hyperviscosity: .trueFalse
        default: .number
        }
    }

    /// The canonical unit of a numeric analyte, the one every engine reads (the first of `units`); `""`
    /// for categorical analytes (no unit).
    public var unit: String { units.first?.symbol ?? "" }

    /// Every spelling of every unit in `units` (typographic variants included), for tests and templates.
    var acceptedUnitSpellings: Set<String> { units.reduce(into: []) { $0.formUnion($1.spellings) } }

    /// Whether `text` names one of this analyte's units (`units`; spaces ignored, case-sensitive);
    /// categorical analytes accept only an empty unit.
    public func accepts(unit text: String) -> Bool {
        valueKind == .number ? labUnit(text) != nil : text.allSatisfy(\.isWhitespace)
    }

    /// Values outside this range cannot be real measurements (most often a unit mix-up) and are
    /// rejected. In the canonical `unit`: a value entered in another unit is converted first
    /// (`LabUnit.canonical`), so one range serves every unit. Bounds are deliberately wide: they catch
    /// impossibilities, not abnormal results. Percentages are capped at 100; the safety bounds match
    /// `CARHematotoxInput`'s domains.
    public var plausibleRange: ClosedRange<Double> {
        switch self {
        case .serumMProtein: 0...20
        case .urineMProtein: 0...100_000
        case .kappaFreeLightChain, .lambdaFreeLightChain: 0...1_000_000
        case .marrowPlasmaCells: 0...100
        case .plasmacytomaSPD: 0...10_000
        case .transgeneCopies: 0...10_000_000
        case .absoluteNeutrophilCount: 0...100_000
        case .platelets: 0...2_000_000
        case .hemoglobin: 0...25
        case .crp: 0...100
        case .ferritin: 0...1_000_000
        case .ldh: 0...100_000
        case .creatinine: 0...30
        case .circulatingPlasmaCells: 0...1_000_000
        case .calcium: 0...30
        case .serumImmunofixation, .urineImmunofixation, .marrowClonality, .newLesion, .mrd, .petCT, .hyperviscosity: 0...0
        }
    }

    /// Whether the result is a response finding of the IMWG engine: one that makes, or joins, a response
    /// assessment (`LabResultIMWGConversion`). PET/CT (imaging-plus MRD) and circulating plasma cells
    /// (a PD route) are; the clinical-relapse labs are not (`isIMWGClinicalRelapseInput`).
    public var isIMWGFinding: Bool {
        switch self {
        case .serumMProtein, .urineMProtein, .serumImmunofixation, .urineImmunofixation, .kappaFreeLightChain,
             .lambdaFreeLightChain, .marrowPlasmaCells, .marrowClonality, .plasmacytomaSPD, .newLesion, .mrd,
             .petCT, .circulatingPlasmaCells: true
        default: false
        }
    }

    /// Whether the result feeds only the IMWG clinical-relapse criteria (`IMWGClinicalRelapse`):
    /// calcium, hemoglobin, creatinine, hyperviscosity. Hemoglobin and creatinine are mostly safety
    /// labs drawn daily after CAR-T, so these join a response assessment rather than make one
    /// (`LabResultIMWGConversion` states the exception).
    public var isIMWGClinicalRelapseInput: Bool {
        switch self {
        case .calcium, .hemoglobin, .creatinine, .hyperviscosity: true
        default: false
        }
    }

    /// The analyte names, comma-separated, for error messages.
    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
