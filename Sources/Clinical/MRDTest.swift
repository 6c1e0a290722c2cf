/// Outcome of one bone marrow minimal residual disease test.
public enum MRDTestResult: String, Sendable, Equatable, Codable, CaseIterable {
    case negative
    case positive
}

/// How MRD was measured (Kumar 2016, IMWG MRD criteria).
public enum MRDMethod: String, Sendable, Equatable, Codable, CaseIterable {
    /// Next-generation flow (EuroFlow SOP or validated equivalent).
    case nextGenerationFlow = "NGF"
    /// Next-generation sequencing of the clonal rearrangement (LymphoSIGHT or validated equivalent).
    case nextGenerationSequencing = "NGS"
}

/// One bone marrow MRD test.
public struct MRDTest: Sendable, Equatable, Codable {
    public var result: MRDTestResult
    public var method: MRDMethod
    /// Limit of detection as a fraction of nucleated cells (1e-5 = 1 in 100,000). `nil` when the report
    /// gives none; such a negative never counts as IMWG MRD-negative.
    public var sensitivity: Double?

    public init(result: MRDTestResult, method: MRDMethod, sensitivity: Double?) {
        self.result = result
        self.method = method
        self.sensitivity = sensitivity
    }

    /// Whether this is an MRD-negative result in the IMWG 2016 sense: negative at a sensitivity of
    /// 1 in 10⁵ or better (`sensitivity ≤ 1e-5`, so 1e-6 qualifies and 1e-4 does not).
    ///
    /// Source: Kumar 2016, MRD criteria table ("minimum sensitivity of 1 in 10⁵ nucleated cells or
    /// higher", for both flow and sequencing).
    public func isIMWGNegative(ruleSet: IMWGRuleSet = .imwg2016) -> Bool {
        guard result == .negative, let sensitivity else { return false }
        return !IMWGRuleSet.above(sensitivity, ruleSet.mrdRequiredSensitivity)
    }
}

/// The IMWG 2016 MRD response categories (Kumar SK et al., Lancet Oncol 2016;17:e328, MRD table).
///
/// Every category "requires a complete response as defined below", so the engine gives one only at
/// an assessment in CR or sCR. At one assessment the most demanding category met is given:
/// sustained > imaging-plus > flow or sequencing (`MRDCourse` states the carry-forward of PET/CT).
public enum MRDCategory: String, Sendable, Equatable, Codable, CaseIterable {
    /// Negative by NGF at ≥ 1e-5, in a patient in CR.
    case flowMRDNegative = "flow MRD-negative"
    /// Negative by NGS at ≥ 1e-5, in a patient in CR.
    case sequencingMRDNegative = "sequencing MRD-negative"
    /// Kumar 2016: "MRD negativity as defined by NGF or NGS plus disappearance of every area of
    /// increased tracer uptake found at baseline or a preceding PET/CT or decrease to less than
    /// mediastinal blood pool SUV or decrease to less than that of surrounding normal tissue": an
    /// IMWG-negative marrow test with a negative PET/CT (`IMWGPETCT.negative`) standing.
    case imagingPlusMRDNegative = "imaging-plus MRD-negative"
    /// Kumar 2016: "MRD negativity in the marrow (NGF or NGS, or both) and by imaging as defined above,
    /// confirmed minimum of 1 year apart": imaging-plus negativity at both ends, ≥ 365 days apart, with
    /// no positive test and no progression between, each end on its own PET/CT. The marrow-only notion
    /// that trials report is `IMWGResponseCourse.sustainedMarrowMRDNegativeDay`, not a category.
    case sustainedMRDNegative = "sustained MRD-negative"
}
