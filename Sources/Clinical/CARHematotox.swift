import CartographCore
/// Baseline labs for the CAR-HEMATOTOX score, taken before lymphodepletion (about day -5).
public struct CARHematotoxInput: Sendable, Equatable, Codable {
    /// Platelets per µL (150,000/µL = 150 × 10⁹/L). Domain 0...2,000,000.
    public var plateletsPerMicroliter: Double
    /// Absolute neutrophil count per µL. Domain 0...100,000.
    public var ancPerMicroliter: Double
    /// Hemoglobin in g/dL. Domain 0...25.
    public var hemoglobinGramsPerDeciliter: Double
    /// C-reactive protein in mg/dL (10 mg/L = 1 mg/dL). Domain 0...100.
    public var crpMilligramsPerDeciliter: Double
    /// Ferritin in ng/mL (= µg/L). Domain 0...1,000,000.
    public var ferritinNanogramsPerMilliliter: Double

    public init(
        plateletsPerMicroliter: Double, ancPerMicroliter: Double, hemoglobinGramsPerDeciliter: Double,
        crpMilligramsPerDeciliter: Double, ferritinNanogramsPerMilliliter: Double
    ) {
        self.plateletsPerMicroliter = plateletsPerMicroliter
        self.ancPerMicroliter = ancPerMicroliter
        self.hemoglobinGramsPerDeciliter = hemoglobinGramsPerDeciliter
        self.crpMilligramsPerDeciliter = crpMilligramsPerDeciliter
        self.ferritinNanogramsPerMilliliter = ferritinNanogramsPerMilliliter
    }

    static let domains: [(field: String, range: ClosedRange<Double>)] = [
        ("plateletsPerMicroliter", 0...2_000_000), ("ancPerMicroliter", 0...100_000),
        ("hemoglobinGramsPerDeciliter", 0...25), ("crpMilligramsPerDeciliter", 0...100),
        ("ferritinNanogramsPerMilliliter", 0...1_000_000),
    ]

    /// Checks every value against its domain; throws a `ClinicalInputError` naming the field.
    public func validate() throws {
        let values = [plateletsPerMicroliter, ancPerMicroliter, hemoglobinGramsPerDeciliter,
                      crpMilligramsPerDeciliter, ferritinNanogramsPerMilliliter]
        for (value, domain) in zip(values, Self.domains) where !(value.isFinite && domain.range.contains(value)) {
            throw ClinicalInputError(
                field: domain.field,
                message: "\(value.clinicalText) is out of range \(domain.range.lowerBound.clinicalText)...\(domain.range.upperBound.clinicalText)")
        }
    }

    /// The keys the command accepts: one per lab domain.
    static var shape: StrictJSONShape { StrictJSONShape(allowed: domains.map(\.field)) }

    public init(from decoder: any Decoder) throws {
        let d = Self.domains
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        self.init(
            plateletsPerMicroliter: try json.requiredNumber(d[0].field, in: d[0].range),
            ancPerMicroliter: try json.requiredNumber(d[1].field, in: d[1].range),
            hemoglobinGramsPerDeciliter: try json.requiredNumber(d[2].field, in: d[2].range),
            crpMilligramsPerDeciliter: try json.requiredNumber(d[3].field, in: d[3].range),
            ferritinNanogramsPerMilliliter: try json.requiredNumber(d[4].field, in: d[4].range))
    }
}

/// Low or high CAR-HEMATOTOX risk.
public enum CARHematotoxRisk: String, Sendable, Equatable, Codable, CaseIterable {
    case low, high
}

/// A CAR-HEMATOTOX score with the points each marker contributed.
public struct CARHematotoxResult: Sendable, Equatable, Codable {
    /// 0...7.
    public var score: Int
    public var risk: CARHematotoxRisk
    /// One line per marker: value, band and points.
    public var reasons: [String]
    public var ruleSet: ClinicalRuleSet
}

/// The CAR-HEMATOTOX score for hematotoxicity risk after CAR T-cell therapy.
///
/// Source: Rejeski K et al., "CAR-HEMATOTOX: a model for CAR T-cell-related hematologic toxicity in
/// relapsed/refractory large B-cell lymphoma", Blood 2021;138(24):2499-2513 (score figure);
/// validated for BCMA CAR-T in myeloma by Rejeski K et al., Clin Cancer Res 2023.
///
/// | marker | 0 | 1 | 2 |
/// |---|---|---|---|
/// | platelets /µL | > 175,000 | 75,000-175,000 | < 75,000 |
/// | ANC /µL | >= 1,200 | < 1,200 | |
/// | hemoglobin g/dL | >= 9.0 | < 9.0 | |
/// | CRP mg/dL | < 3.0 | >= 3.0 | |
/// | ferritin ng/mL | < 650 | 650-2,000 | > 2,000 |
///
/// Low risk 0-1, high risk >= 2. The paper prints the bands as ">175,000 / 75,000-175,000 /
/// <75,000" and "<650 / 650-2,000 / >2,000", so both ends of the middle bands are inclusive (175,000
/// and 75,000 score 1; 650 and 2,000 score 1). For the two-level markers the paper writes ">1200 /
/// <1200", ">9.0 / <9.0", "<3.0 / >3.0", leaving the exact cut-off value unassigned; this engine
/// follows the clinic's convention (ANC 1,200 = 0, Hb 9.0 = 0, CRP 3.0 = 1). Exact comparisons,
/// no rounding: round lab values as reported before calling.
public enum CARHematotox {
    public static let ruleSet = ClinicalRuleSet.carHematotox2021

    /// Scores one set of baseline labs. Throws `ClinicalInputError` for a value outside its domain.
    public static func score(_ input: CARHematotoxInput) throws -> CARHematotoxResult {
        try input.validate()
        let platelets = input.plateletsPerMicroliter
        let plateletPoints = platelets > 175_000 ? 0 : (platelets >= 75_000 ? 1 : 2)
        let ancPoints = input.ancPerMicroliter >= 1_200 ? 0 : 1
        let hbPoints = input.hemoglobinGramsPerDeciliter >= 9.0 ? 0 : 1
        let crpPoints = input.crpMilligramsPerDeciliter < 3.0 ? 0 : 1
        let ferritin = input.ferritinNanogramsPerMilliliter
        let ferritinPoints = ferritin < 650 ? 0 : (ferritin <= 2_000 ? 1 : 2)

        let reasons = [
            "platelets \(platelets.clinicalText)/µL (\(["> 175,000", "75,000-175,000", "< 75,000"][plateletPoints])): \(plateletPoints)",
            "ANC \(input.ancPerMicroliter.clinicalText)/µL (\(ancPoints == 0 ? ">= 1,200" : "< 1,200")): \(ancPoints)",
            "hemoglobin \(input.hemoglobinGramsPerDeciliter.clinicalText) g/dL (\(hbPoints == 0 ? ">= 9.0" : "< 9.0")): \(hbPoints)",
            "CRP \(input.crpMilligramsPerDeciliter.clinicalText) mg/dL (\(crpPoints == 0 ? "< 3.0" : ">= 3.0")): \(crpPoints)",
            "ferritin \(ferritin.clinicalText) ng/mL (\(["< 650", "650-2,000", "> 2,000"][ferritinPoints])): \(ferritinPoints)",
        ]
        let total = plateletPoints + ancPoints + hbPoints + crpPoints + ferritinPoints
        return CARHematotoxResult(
            score: total, risk: total >= 2 ? .high : .low, reasons: reasons, ruleSet: ruleSet)
    }
}
