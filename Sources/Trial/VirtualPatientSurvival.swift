import Foundation

/// Why a virtual patient died (kept beside the records: `FollowUpEndingEvent` has no cause field).
public enum VirtualPatientDeathCause: String, Sendable, Equatable, Codable, CaseIterable {
    /// Myeloma after progression (post-progression survival).
    case myelomaAfterProgression
    /// Non-relapse mortality of the therapy (infection and other complications).
    case nonRelapse
    /// Background mortality of the general population.
    case background
}

/// Mortality and loss to follow-up of virtual patients (rule set `VIRTUAL-SURVIVAL-1`). Death is never
/// read from the tumour model directly: it follows progression as the engines record it.
///
/// - Post-progression survival: exponential from the confirmed progression with median 17.9 months —
///   *literature*: Van Oekelen O et al., Blood 2023;141:756 (79 patients relapsing after BCMA CAR-T:
///   median OS from relapse 17.9 months, 95% CI 14.0–NE); consistent with Reyes KR et al., Blood Adv
///   2024;8:2207 (68 patients, 18 months).
/// - Background mortality: Gompertz, hazard 0.9%/year at age 60 doubling every ≈7.7 years
///   (b = 0.09/year) — *assumption* approximating Chinese life tables at ages 40–75.
/// - Non-relapse mortality of the therapy: 2% of patients, uniformly between Day 14 and Day 180 —
///   *assumption* (early NRM of BCMA CAR-T trials is 1–5%; none is in the calibration set).
/// - Loss to follow-up: 1% per year — *assumption*.
public enum VirtualPatientSurvival {
    public static let ruleSet = "VIRTUAL-SURVIVAL-1"
    public static let postProgressionMedianMonths = 17.9
    public static let backgroundHazardAt60PerYear = 0.009
    public static let gompertzSlopePerYear = 0.09
    public static let nonRelapseProbability = 0.02
    public static let nonRelapseWindowDays = 14.0...180.0
    public static let lossToFollowUpPerYear = 0.01
    static let daysPerYear = 365.25

    /// Days from infusion to death of background causes for a patient of `ageYears` at infusion
    /// (inverse of the Gompertz survival function S(t) = exp(−h₀/b·(e^{bt} − 1))).
    public static func backgroundDeathDay(ageYears: Double, uniform u: Double) -> Double {
        let b = gompertzSlopePerYear
        let h0 = backgroundHazardAt60PerYear * exp(b * (ageYears - 60))
        let years = log(1 - b * log(u) / h0) / b
        return years * daysPerYear
    }

    /// Days from progression to death of myeloma (exponential, median `postProgressionMedianMonths`).
    public static func postProgressionDays(uniform u: Double) -> Double {
        let medianDays = postProgressionMedianMonths * VirtualPatientSchedule.daysPerMonth
        return -log(u) * medianDays / log(2)
    }

    /// Non-relapse death day, or `nil` for the 98% who do not die of the therapy.
    public static func nonRelapseDeathDay(_ r: inout VirtualPatientRandom) -> Double? {
        let happens = r.chance(nonRelapseProbability)
        let at = nonRelapseWindowDays.lowerBound + r.uniform() * (nonRelapseWindowDays.upperBound - nonRelapseWindowDays.lowerBound)
        return happens ? at : nil
    }

    /// Day of loss to follow-up (exponential).
    public static func lossToFollowUpDay(uniform u: Double) -> Double {
        -log(u) / lossToFollowUpPerYear * daysPerYear
    }
}
