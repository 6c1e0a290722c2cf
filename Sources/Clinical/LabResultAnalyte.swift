/// What a laboratory or imaging result measures, as the CSV import spells it (the raw value).
///
/// Each analyte has exactly one unit (`LabAnalyte.unit`), the one Cartograph's engines read: the IMWG
/// engine's (Kumar 2016 as implemented in `IMWGBaseline`), the NCA's copies/µg gDNA, and for the safety
/// side the units of `CARHematotoxInput` and `EASIX`. A value in another unit is rejected, never
/// converted: a g/L serum M-protein entered as g/dL is a 10-fold error that no range check can catch
/// in every case, so the center converts deliberately before import.
public enum LabAnalyte: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    // Disease response (IMWG 2016).
    /// Serum M-protein by electrophoresis (SPEP), g/dL.
    case serumMProtein
    /// Urine M-protein by electrophoresis of a 24-hour collection (UPEP), mg/24h.
    case urineMProtein
    /// Serum immunofixation: positive / negative.
    case serumImmunofixation
    /// Urine immunofixation: positive / negative.
    case urineImmunofixation
    /// Serum free κ light chain, mg/L.
    case kappaFreeLightChain
    /// Serum free λ light chain, mg/L.
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
    /// Circulating plasma cells, per µL (a PD route when nothing else is measurable).
    case circulatingPlasmaCells
    // Clinical relapse (IMWG 2016), beside hemoglobin and creatinine below.
    /// Serum calcium, mg/dL (the criterion names no albumin correction: record what the center
    /// uses to call hypercalcaemia).
    case calcium
    /// Hyperviscosity related to the serum paraprotein: true / false.
    case hyperviscosity
    // CAR-T kinetics.
    /// CAR transgene copies per µg genomic DNA (qPCR/ddPCR), with the assay's LLOD (and LLOQ).
    case transgeneCopies
    // Safety.
    /// Absolute neutrophil count, per µL.
    case absoluteNeutrophilCount
    /// Platelets, per µL.
    case platelets
    /// Hemoglobin, g/dL.
    case hemoglobin
    /// C-reactive protein, mg/dL.
    case crp
    /// Ferritin, ng/mL.
    case ferritin
    /// Lactate dehydrogenase, U/L.
    case ldh
    /// Serum creatinine, mg/dL.
    case creatinine

    /// How an analyte's value is written.
    public enum ValueKind: String, Sendable, Equatable, Codable {
        /// A non-negative decimal number in `unit`.
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

    /// The unit a numeric analyte must be recorded in; `""` for categorical analytes (no unit).
    public var unit: String {
        switch self {
        case .serumMProtein, .hemoglobin: "g/dL"
        case .urineMProtein: "mg/24h"
        case .kappaFreeLightChain, .lambdaFreeLightChain: "mg/L"
        case .marrowPlasmaCells: "%"
        case .plasmacytomaSPD: "cm2"
        case .transgeneCopies: "copies/ug"
        case .absoluteNeutrophilCount, .platelets, .circulatingPlasmaCells: "/uL"
        case .crp, .creatinine, .calcium: "mg/dL"
        case .ferritin: "ng/mL"
        case .ldh: "U/L"
        case .serumImmunofixation, .urineImmunofixation, .marrowClonality, .newLesion, .mrd, .petCT, .hyperviscosity: ""
        }
    }

    /// Spellings accepted for `unit`: only typographic variants of the same unit (µ or u, ² or 2,
    /// with or without spaces, `µg/L` for `ng/mL`, which is the identical quantity). Compared after
    /// removing spaces, case-sensitively (mg and Mg differ).
    var acceptedUnitSpellings: Set<String> {
        switch self {
        case .urineMProtein: ["mg/24h", "mg/24hr", "mg/24hours", "mg/day", "mg/d"]
        case .plasmacytomaSPD: ["cm2", "cm²", "cm^2"]
        case .transgeneCopies: ["copies/ug", "copies/µg", "copies/μg", "copies/uggDNA", "copies/µggDNA", "copies/μggDNA"]
        case .absoluteNeutrophilCount, .platelets, .circulatingPlasmaCells:
            ["/uL", "/µL", "/μL", "cells/uL", "cells/µL", "cells/μL"]
        case .ferritin: ["ng/mL", "ug/L", "µg/L", "μg/L"]
        case .ldh: ["U/L", "IU/L"]
        default: [unit]
        }
    }

    /// Whether `text` names this analyte's unit (see `acceptedUnitSpellings`); categorical analytes
    /// accept only an empty unit.
    public func accepts(unit text: String) -> Bool {
        let squeezed = text.filter { !$0.isWhitespace }
        return valueKind == .number ? acceptedUnitSpellings.contains(squeezed) : squeezed.isEmpty
    }

    /// Values outside this range cannot be real measurements in `unit` (most often a unit mix-up) and
    /// are rejected. Bounds are deliberately wide: they catch impossibilities, not abnormal results.
    /// Percentages are capped at 100; the safety bounds match `CARHematotoxInput`'s domains.
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
