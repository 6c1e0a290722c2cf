/// Which serum free light chain the myeloma clone makes.
public enum IMWGLightChain: String, Sendable, Equatable, Codable, CaseIterable {
    case kappa
    case lambda
}

/// Result of serum or urine immunofixation electrophoresis (IFE).
public enum IMWGImmunofixation: String, Sendable, Equatable, Codable, CaseIterable {
    case positive
    case negative
}

/// The disease measured before treatment (for CAR-T: before lymphodepletion), the reference for
/// every response percentage.
///
/// Every field is optional: `nil` means not measured, never "zero". Units are those of the JSON contract;
/// free light chains are in mg/L as laboratories report them (the IMWG thresholds in mg/dL are converted
/// in `IMWGRuleSet`).
public struct IMWGBaseline: Sendable, Equatable, Codable {
    /// Serum M-protein by electrophoresis (SPEP), g/dL.
    public var serumMProteinGramsPerDeciliter: Double?
    /// Urine M-protein by electrophoresis of a 24-hour collection (UPEP), mg/24 h.
    public var urineMProteinMilligramsPer24h: Double?
    /// Serum free κ light chain, mg/L.
    public var kappaFreeLightChainMilligramsPerLiter: Double?
    /// Serum free λ light chain, mg/L.
    public var lambdaFreeLightChainMilligramsPerLiter: Double?
    /// Bone marrow plasma cells, percent of nucleated cells (aspirate or biopsy).
    public var boneMarrowPlasmaCellPercent: Double?
    /// Sum of the products of the perpendicular diameters of soft-tissue plasmacytomas, cm².
    public var plasmacytomaSPDSquareCentimeters: Double?
    /// The clone's light chain. When `nil`, it is read from an abnormal κ/λ ratio (> 1.65 κ, < 0.26 λ).
    public var involvedFreeLightChain: IMWGLightChain?
    /// Circulating plasma cells, per µL: the reference of the circulating-plasma-cell PD route
    /// (`IMWGProgression`), which applies only when nothing else is measurable.
    public var circulatingPlasmaCellsPerMicroliter: Double?
    /// Hemoglobin, g/dL: the reference of the clinical-relapse fall (`IMWGClinicalRelapse`).
    public var hemoglobinGramsPerDeciliter: Double?
    /// Serum creatinine, mg/dL: "the start of the therapy" of the clinical-relapse rise.
    public var creatinineMilligramsPerDeciliter: Double?

    public init(
        serumMProteinGramsPerDeciliter: Double? = nil,
        urineMProteinMilligramsPer24h: Double? = nil,
        kappaFreeLightChainMilligramsPerLiter: Double? = nil,
        lambdaFreeLightChainMilligramsPerLiter: Double? = nil,
        boneMarrowPlasmaCellPercent: Double? = nil,
        plasmacytomaSPDSquareCentimeters: Double? = nil,
        involvedFreeLightChain: IMWGLightChain? = nil,
        circulatingPlasmaCellsPerMicroliter: Double? = nil,
        hemoglobinGramsPerDeciliter: Double? = nil,
        creatinineMilligramsPerDeciliter: Double? = nil
    ) {
        self.serumMProteinGramsPerDeciliter = serumMProteinGramsPerDeciliter
        self.urineMProteinMilligramsPer24h = urineMProteinMilligramsPer24h
        self.kappaFreeLightChainMilligramsPerLiter = kappaFreeLightChainMilligramsPerLiter
        self.lambdaFreeLightChainMilligramsPerLiter = lambdaFreeLightChainMilligramsPerLiter
        self.boneMarrowPlasmaCellPercent = boneMarrowPlasmaCellPercent
        self.plasmacytomaSPDSquareCentimeters = plasmacytomaSPDSquareCentimeters
        self.involvedFreeLightChain = involvedFreeLightChain
        self.circulatingPlasmaCellsPerMicroliter = circulatingPlasmaCellsPerMicroliter
        self.hemoglobinGramsPerDeciliter = hemoglobinGramsPerDeciliter
        self.creatinineMilligramsPerDeciliter = creatinineMilligramsPerDeciliter
    }
}

/// One response assessment after treatment, on a study day (Day 0 = infusion).
///
/// Every finding is optional: `nil` means not done. A missing finding can only lower the category the
/// engine gives (see `IMWGResponse`), never raise it.
public struct IMWGAssessment: Sendable, Equatable, Codable {
    /// Study day; assessments must be given in strictly increasing day order.
    public var day: Int
    /// Serum M-protein by electrophoresis, g/dL; 0 means not seen on electrophoresis.
    public var serumMProteinGramsPerDeciliter: Double?
    /// Urine M-protein by electrophoresis, mg/24 h; 0 means not seen on electrophoresis.
    public var urineMProteinMilligramsPer24h: Double?
    public var kappaFreeLightChainMilligramsPerLiter: Double?
    public var lambdaFreeLightChainMilligramsPerLiter: Double?
    public var boneMarrowPlasmaCellPercent: Double?
    public var plasmacytomaSPDSquareCentimeters: Double?
    public var serumImmunofixation: IMWGImmunofixation?
    public var urineImmunofixation: IMWGImmunofixation?
    /// Clonal plasma cells in marrow by immunohistochemistry (κ/λ > 4:1 or < 1:2 over ≥ 100 plasma
    /// cells) or flow cytometry: the sCR criterion. `false` means none found.
    public var clonalPlasmaCellsInMarrow: Bool?
    /// A new bone lesion or soft-tissue plasmacytoma on imaging.
    public var newLesion: Bool?
    /// Bone marrow minimal residual disease test, if one was done.
    public var mrd: MRDTest?
    /// PET/CT read against baseline or the preceding PET/CT, for imaging-plus MRD negativity
    /// (`MRDCourse`); it stands until the next PET/CT within a stretch of MRD negativity.
    public var petCT: IMWGPETCT?
    /// Circulating plasma cells, per µL (a blood test: PD by this route needs confirmation).
    public var circulatingPlasmaCellsPerMicroliter: Double?

    // Clinical-relapse inputs (`IMWGClinicalRelapse`). They never enter the response category, so an
    // assessment holding only these is as empty for response as one holding nothing (`isEmpty`).
    /// Serum calcium, mg/dL (the criterion names no albumin correction: record what the center
    /// uses to call hypercalcaemia).
    public var calciumMilligramsPerDeciliter: Double?
    /// Hemoglobin, g/dL.
    public var hemoglobinGramsPerDeciliter: Double?
    /// Serum creatinine, mg/dL.
    public var creatinineMilligramsPerDeciliter: Double?
    /// Hyperviscosity related to the serum paraprotein.
    public var hyperviscosity: Bool?
    /// The investigator attributes a hemoglobin fall to myeloma, not to therapy or another condition
    /// (after CAR-T, cytopenias are usually the therapy's): without `true` the fall is not counted.
    public var anaemiaAttributedToMyeloma: Bool?
    /// The investigator attributes a creatinine rise to myeloma: without `true` it is not counted.
    public var renalDysfunctionAttributedToMyeloma: Bool?

    public init(
        day: Int,
        serumMProteinGramsPerDeciliter: Double? = nil,
        urineMProteinMilligramsPer24h: Double? = nil,
        kappaFreeLightChainMilligramsPerLiter: Double? = nil,
        lambdaFreeLightChainMilligramsPerLiter: Double? = nil,
        boneMarrowPlasmaCellPercent: Double? = nil,
        plasmacytomaSPDSquareCentimeters: Double? = nil,
        serumImmunofixation: IMWGImmunofixation? = nil,
        urineImmunofixation: IMWGImmunofixation? = nil,
        clonalPlasmaCellsInMarrow: Bool? = nil,
        newLesion: Bool? = nil,
        mrd: MRDTest? = nil,
        petCT: IMWGPETCT? = nil,
        circulatingPlasmaCellsPerMicroliter: Double? = nil,
        calciumMilligramsPerDeciliter: Double? = nil,
        hemoglobinGramsPerDeciliter: Double? = nil,
        creatinineMilligramsPerDeciliter: Double? = nil,
        hyperviscosity: Bool? = nil,
        anaemiaAttributedToMyeloma: Bool? = nil,
        renalDysfunctionAttributedToMyeloma: Bool? = nil
    ) {
        self.day = day
        self.serumMProteinGramsPerDeciliter = serumMProteinGramsPerDeciliter
        self.urineMProteinMilligramsPer24h = urineMProteinMilligramsPer24h
        self.kappaFreeLightChainMilligramsPerLiter = kappaFreeLightChainMilligramsPerLiter
        self.lambdaFreeLightChainMilligramsPerLiter = lambdaFreeLightChainMilligramsPerLiter
        self.boneMarrowPlasmaCellPercent = boneMarrowPlasmaCellPercent
        self.plasmacytomaSPDSquareCentimeters = plasmacytomaSPDSquareCentimeters
        self.serumImmunofixation = serumImmunofixation
        self.urineImmunofixation = urineImmunofixation
        self.clonalPlasmaCellsInMarrow = clonalPlasmaCellsInMarrow
        self.newLesion = newLesion
        self.mrd = mrd
        self.petCT = petCT
        self.circulatingPlasmaCellsPerMicroliter = circulatingPlasmaCellsPerMicroliter
        self.calciumMilligramsPerDeciliter = calciumMilligramsPerDeciliter
        self.hemoglobinGramsPerDeciliter = hemoglobinGramsPerDeciliter
        self.creatinineMilligramsPerDeciliter = creatinineMilligramsPerDeciliter
        self.hyperviscosity = hyperviscosity
        self.anaemiaAttributedToMyeloma = anaemiaAttributedToMyeloma
        self.renalDysfunctionAttributedToMyeloma = renalDysfunctionAttributedToMyeloma
    }
}

extension IMWGAssessment {
    /// Serum M-protein for response arithmetic: the electrophoresis value, or 0 when only a negative
    /// serum immunofixation was reported (no M-protein by IFE implies none by the less sensitive SPEP).
    var serumMProteinForResponse: Double? {
        serumMProteinGramsPerDeciliter ?? (serumImmunofixation == .negative ? 0 : nil)
    }

    /// Urine M-protein for response arithmetic, with the same negative-IFE convention as serum.
    var urineMProteinForResponse: Double? {
        urineMProteinMilligramsPer24h ?? (urineImmunofixation == .negative ? 0 : nil)
    }

    /// True when the assessment reports no response finding. MRD, PET/CT and the clinical-relapse
    /// inputs (calcium, hemoglobin, creatinine, hyperviscosity, attributions) do not count: none of them
    /// says anything about the response category, so a visit holding only them stays NE rather than
    /// becoming SD, and does not serve as the confirming visit of a relapse from CR.
    var isEmpty: Bool {
        serumMProteinGramsPerDeciliter == nil && urineMProteinMilligramsPer24h == nil
            && kappaFreeLightChainMilligramsPerLiter == nil && lambdaFreeLightChainMilligramsPerLiter == nil
            && boneMarrowPlasmaCellPercent == nil && plasmacytomaSPDSquareCentimeters == nil
            && serumImmunofixation == nil && urineImmunofixation == nil
            && clonalPlasmaCellsInMarrow == nil && newLesion == nil
            && circulatingPlasmaCellsPerMicroliter == nil
    }
}
