/// The answer to one criterion.
public enum CriterionStatus: String, Codable, Sendable, Hashable {
    case met, notMet, unknown
}

public struct CriterionVerdict: Codable, Sendable, Hashable {
    public var key: String
    public var criterion: String
    public var status: CriterionStatus
    public var reason: String
}

public enum OverallEligibility: String, Codable, Sendable, Hashable {
    /// Every criterion met.
    case eligible
    /// At least one criterion not met: the patient leaves the journey (re-screening is allowed).
    case notEligible
    /// Nothing failed, but something is still unknown.
    case incomplete
}

public struct EligibilityVerdict: Codable, Sendable, Hashable {
    public var overall: OverallEligibility
    public var criteria: [CriterionVerdict]
}

/// Screens a patient against a product profile's criteria.
///
/// A criterion whose data is missing is `unknown`, never met: screening must be completed, not
/// assumed. One unmet criterion makes the patient not eligible even when others are still unknown,
/// because no further data can change that answer.
public enum EligibilityScreening {
    public static func screen(_ data: ScreeningData, against profile: ProductProfile) -> EligibilityVerdict {
        let verdicts = profile.eligibility.map { verdict(for: $0, data) }
        let overall: OverallEligibility =
            verdicts.contains { $0.status == .notMet } ? .notEligible
            : verdicts.contains { $0.status == .unknown } ? .incomplete
            : .eligible
        return EligibilityVerdict(overall: overall, criteria: verdicts)
    }

    static func verdict(for criterion: EligibilityCriterion, _ d: ScreeningData) -> CriterionVerdict {
        let (status, reason) = evaluate(criterion, d)
        return CriterionVerdict(key: criterion.key, criterion: criterion.summary, status: status, reason: reason)
    }

    private static func evaluate(_ criterion: EligibilityCriterion, _ d: ScreeningData) -> (CriterionStatus, String) {
        switch criterion {
        case let .age(lo, hi):
            guard let age = d.ageYears else { return (.unknown, "age not recorded") }
            if age < lo { return (.notMet, "age \(age) is below \(lo)") }
            if let hi, age > hi { return (.notMet, "age \(age) is above \(hi)") }
            return (.met, "age \(age)")
        case let .diagnosis(allowed):
            guard let dx = d.diagnosis else { return (.unknown, "diagnosis not recorded") }
            return allowed.contains(dx) ? (.met, dx.displayName) : (.notMet, "\(dx.displayName) is not an indication of this product")
        case let .minimumPriorLines(n):
            guard let lines = d.priorLines else { return (.unknown, "prior lines not recorded") }
            return lines.count >= n ? (.met, "\(lines.count) prior lines") : (.notMet, "\(lines.count) prior lines, at least \(n) required")
        case let .priorDrugClasses(required):
            guard let lines = d.priorLines else { return (.unknown, "prior lines not recorded") }
            let seen = Set(lines.flatMap(\.drugClasses))
            let missing = required.filter { !seen.contains($0) }
            return missing.isEmpty
                ? (.met, "exposed to " + required.map(\.displayName).joined(separator: ", "))
                : (.notMet, "no prior " + missing.map(\.displayName).joined(separator: " or "))
        case let .lastLineOutcome(allowed):
            guard let outcome = d.lastLineOutcome else { return (.unknown, "outcome of the last line not recorded") }
            return allowed.contains(outcome) ? (.met, outcome.displayName) : (.notMet, "\(outcome.displayName) after the last line")
        case let .maximumECOG(m):
            guard let e = d.ecog else { return (.unknown, "ECOG not recorded") }
            return e <= m ? (.met, "ECOG \(e)") : (.notMet, "ECOG \(e) is above \(m)")
        case let .laboratory(limit):
            guard let v = d.labs[limit.analyte] else { return (.unknown, "\(limit.analyte.displayName) not recorded") }
            if let lo = limit.minimum, v < lo { return (.notMet, "\(limit.analyte.displayName) \(formatted(v)) is below \(formatted(lo))") }
            if let hi = limit.maximum, v > hi { return (.notMet, "\(limit.analyte.displayName) \(formatted(v)) is above \(formatted(hi))") }
            return (.met, "\(limit.analyte.displayName) \(formatted(v))")
        case .noActiveInfection:
            guard let infected = d.activeInfection else { return (.unknown, "infection status not recorded") }
            return infected ? (.notMet, "active infection") : (.met, "no active infection")
        case let .extramedullaryDisease(allowed):
            guard let emd = d.extramedullaryDisease else { return (.unknown, "extramedullary disease status not recorded") }
            if emd && !allowed { return (.notMet, "extramedullary disease present") }
            return (.met, emd ? "extramedullary disease present (allowed)" : "no extramedullary disease")
        case let .priorBCMATherapy(allowed):
            guard let lines = d.priorLines else { return (.unknown, "prior lines not recorded") }
            let had = lines.contains { $0.drugClasses.contains(where: \.isBCMADirected) }
            if had && !allowed { return (.notMet, "prior BCMA-directed therapy") }
            return (.met, had ? "prior BCMA-directed therapy (allowed)" : "no prior BCMA-directed therapy")
        }
    }
}
