import CartographCore

extension LabAnalyte {
    /// The hematotoxicity-score analyte this laboratory analyte feeds (`SafetyHematotoxicity`), if any.
    /// The canonical units agree (`LabAnalyte.unit` and `SafetyLabAnalyte.unit`: /µL, g/dL, mg/dL,
    /// ng/mL, U/L), which is why a result's `canonicalNumber` can be handed over unchanged.
    public var safetyAnalyte: SafetyLabAnalyte? {
        switch self {
        case .absoluteNeutrophilCount: .anc
        case .platelets: .platelets
        case .hemoglobin: .hemoglobin
        case .crp: .crp
        case .ferritin: .ferritin
        case .ldh: .ldh
        case .creatinine: .creatinine
        default: nil
        }
    }
}

extension SafetyLabValue {
    /// The safety-series value of a laboratory result, in the engine's unit: ANC entered as
    /// 0.5 10^9/L becomes 500 /µL, hemoglobin entered as 85 g/L becomes 8.5 g/dL
    /// (`LabResult.canonicalNumber`). The study day counts from `infusion` (Day 0).
    ///
    /// - Returns: `nil` when the analyte feeds no hematotoxicity score, the value is not a number, or
    ///   its unit is not one of the analyte's (`LabAnalyte.units`).
    public init?(result: LabResult, infusion: CalendarDate) {
        guard let analyte = result.analyte.safetyAnalyte, let v = result.canonicalNumber else { return nil }
        self.init(studyDay: CartographCore.studyDay(of: result.sampleDate, infusion: infusion), analyte: analyte, value: v)
    }
}
