/// Baseline myeloma findings used by ISS, R-ISS and R2-ISS.
public struct MyelomaStagingInput: Sendable, Equatable, Codable {
    /// Serum beta2-microglobulin in mg/L.
    public var beta2MicroglobulinMilligramsPerLiter: Double
    /// Serum albumin in g/dL.
    public var albuminGramsPerDeciliter: Double
    /// Serum LDH in U/L and the laboratory's upper limit of normal (high = above the ULN).
    public var ldhUnitsPerLiter: Double
    public var ldhUpperLimitOfNormal: Double
    /// Interphase FISH findings.
    public var del17p: Bool
    public var t4_14: Bool
    public var t14_16: Bool
    /// 1q gain (3 copies) or amplification (>= 4 copies); `nil` when not tested (R2-ISS not evaluable).
    public var gain1q: Bool?

    public init(beta2MicroglobulinMilligramsPerLiter: Double, albuminGramsPerDeciliter: Double,
                ldhUnitsPerLiter: Double, ldhUpperLimitOfNormal: Double,
                del17p: Bool, t4_14: Bool, t14_16: Bool, gain1q: Bool?) {
        self.beta2MicroglobulinMilligramsPerLiter = beta2MicroglobulinMilligramsPerLiter
        self.albuminGramsPerDeciliter = albuminGramsPerDeciliter
        self.ldhUnitsPerLiter = ldhUnitsPerLiter
        self.ldhUpperLimitOfNormal = ldhUpperLimitOfNormal
        self.del17p = del17p
        self.t4_14 = t4_14
        self.t14_16 = t14_16
        self.gain1q = gain1q
    }

    /// LDH above the upper limit of normal (a value equal to the ULN is normal).
    public var highLDH: Bool { ldhUnitsPerLiter > ldhUpperLimitOfNormal }
}

/// A stage (1 = I ... 4 = IV) with its reasons and, for R2-ISS, the point total.
public struct MyelomaStage: Sendable, Equatable, Codable {
    public var stage: Int
    /// R2-ISS points (0...5 in steps of 0.5); `nil` for ISS and R-ISS.
    public var points: Double?
    public var reasons: [String]
    public var ruleSet: ClinicalRuleSet

    /// Roman numeral for display ("I" ... "IV").
    public var roman: String { ["I", "II", "III", "IV"][stage - 1] }
}

/// Multiple myeloma staging at baseline.
public enum MyelomaStaging {
    /// International Staging System (Greipp PR et al., J Clin Oncol 2005;23:3412):
    /// I = beta2M < 3.5 mg/L and albumin >= 3.5 g/dL; III = beta2M >= 5.5 mg/L; II = neither.
    /// Exact comparisons at the printed cut-offs.
    public static func iss(_ x: MyelomaStagingInput) -> MyelomaStage {
        let b2m = x.beta2MicroglobulinMilligramsPerLiter, alb = x.albuminGramsPerDeciliter
        let text = "beta2-microglobulin \(b2m.clinicalText) mg/L, albumin \(alb.clinicalText) g/dL"
        if b2m >= 5.5 {
            return MyelomaStage(stage: 3, points: nil, reasons: ["\(text): beta2M >= 5.5: ISS III"], ruleSet: .iss2005)
        }
        if b2m < 3.5 && alb >= 3.5 {
            return MyelomaStage(stage: 1, points: nil, reasons: ["\(text): beta2M < 3.5 and albumin >= 3.5: ISS I"], ruleSet: .iss2005)
        }
        return MyelomaStage(stage: 2, points: nil, reasons: ["\(text): neither ISS I nor III: ISS II"], ruleSet: .iss2005)
    }

    /// Revised ISS (Palumbo A et al., J Clin Oncol 2015;33:2863): I = ISS I, standard-risk
    /// FISH (no del(17p), t(4;14) or t(14;16)) and normal LDH; III = ISS III with high-risk FISH or
    /// high LDH; II = all others.
    public static func riss(_ x: MyelomaStagingInput) -> MyelomaStage {
        let iss = iss(x).stage
        let highRisk = [("del(17p)", x.del17p), ("t(4;14)", x.t4_14), ("t(14;16)", x.t14_16)].filter(\.1).map(\.0)
        let fish = highRisk.isEmpty ? "standard-risk FISH" : "high-risk FISH (\(highRisk.joined(separator: ", ")))"
        let ldh = x.highLDH ? "high LDH" : "normal LDH"
        let text = "ISS \(["I", "II", "III"][iss - 1]), \(fish), \(ldh)"
        let stage: Int
        if iss == 1 && highRisk.isEmpty && !x.highLDH { stage = 1 }
        else if iss == 3 && (!highRisk.isEmpty || x.highLDH) { stage = 3 }
        else { stage = 2 }
        return MyelomaStage(stage: stage, points: nil, reasons: ["\(text): R-ISS \(["I", "II", "III"][stage - 1])"], ruleSet: .riss2015)
    }

    /// Second revision of the ISS (D'Agostino M et al., J Clin Oncol 2022;40:3406):
    /// points ISS II 1, ISS III 1.5, del(17p) 1, high LDH 1, t(4;14) 1, 1q+ 0.5; groups I = 0,
    /// II = 0.5-1, III = 1.5-2.5, IV = 3-5. `nil` when 1q was not tested. Points are exact halves.
    public static func r2iss(_ x: MyelomaStagingInput) -> MyelomaStage? {
        guard let gain1q = x.gain1q else { return nil }
        var halves = 0
        var reasons: [String] = []
        switch iss(x).stage {
        case 2: halves += 2; reasons.append("ISS II: 1")
        case 3: halves += 3; reasons.append("ISS III: 1.5")
        default: break
        }
        if x.del17p { halves += 2; reasons.append("del(17p): 1") }
        if x.highLDH { halves += 2; reasons.append("high LDH: 1") }
        if x.t4_14 { halves += 2; reasons.append("t(4;14): 1") }
        if gain1q { halves += 1; reasons.append("1q gain/amplification: 0.5") }
        let stage = halves == 0 ? 1 : halves <= 2 ? 2 : halves <= 5 ? 3 : 4
        let points = Double(halves) / 2
        reasons.append("total \(points.clinicalText) points: R2-ISS \(["I", "II", "III", "IV"][stage - 1])")
        return MyelomaStage(stage: stage, points: points, reasons: reasons, ruleSet: .r2iss2022)
    }
}
