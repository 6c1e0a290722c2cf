import Foundation
import Outcomes
import Statistics

/// One published FUMANBA-1 figure of the calibration set (shared/reference/product-and-trial.md) and
/// how a simulated cohort is compared with it.
///
/// Every comparison is made on a proportion scale, so each figure has a 95% interval:
/// - a published 95% CI when one was published;
/// - otherwise the Clopper–Pearson interval for round(value·n) of the published n;
/// - a published median t (persistence, times to response and MRD negativity, Tmax) is read as
///   "50% of patients by t": the simulated fraction by t (Kaplan–Meier for persistence) is compared
///   with the Clopper–Pearson interval of 50% on the published n. `simulatedDisplay` shows the
///   simulated median itself.
public struct FucasoPublishedFigure: Sendable {
    public var id: String
    public var name: String
    /// Published value on the comparison scale (fraction).
    public var published: Double
    /// What the table prints as the published value (`96.3%`, `307.5 d (median)`).
    public var publishedText: String
    public var lower: Double
    public var upper: Double
    /// How the interval was obtained.
    public var intervalSource: String
    /// Data cut and seed or paper.
    public var source: String
    /// Weight in the calibration objective (1 = ordinary).
    public var weight: Double
    /// The simulated value on the comparison scale.
    public var simulated: @Sendable (CohortReport) -> Double?
    /// The simulated value as printed (`%` or days).
    public var simulatedDisplay: @Sendable (CohortReport) -> String

    /// Whether `value` lies inside the 95% interval (bounds included).
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// The calibration set and the held-out figures' names (never their values).
public enum FucasoPublishedFigures {
    /// Figures the model is calibrated to and compared with.
    public static let calibrationSet: [FucasoPublishedFigure] = {
        func cp(_ value: Double, n: Int) -> (Double, Double) {
            let x = Int((value * Double(n)).rounded())
            let ci = try! ClopperPearsonInterval(successes: x, total: n)
            return (ci.lower, ci.upper)
        }
        func proportion(_ id: String, _ name: String, _ value: Double, successes: Int? = nil, n: Int, source: String,
                        weight: Double = 1, _ read: @escaping @Sendable (CohortReport) -> Double?) -> FucasoPublishedFigure {
            let (lo, hi) = cp(successes.map { Double($0) / Double(n) } ?? value, n: n)
            return FucasoPublishedFigure(
                id: id, name: name, published: value, publishedText: percent(value), lower: lo, upper: hi,
                intervalSource: "Clopper–Pearson, n = \(n)", source: source, weight: weight, simulated: read,
                simulatedDisplay: { r in read(r).map(percent) ?? "—" })
        }
        func median(_ id: String, _ name: String, days: Double, n: Int, source: String, weight: Double = 1,
                    fractionBy: @escaping @Sendable (CohortReport, Double) -> Double?,
                    median: @escaping @Sendable (CohortReport) -> Double?) -> FucasoPublishedFigure {
            let (lo, hi) = cp(0.5, n: n)
            return FucasoPublishedFigure(
                id: id, name: name, published: 0.5, publishedText: "\(days.formatted1) d (median)", lower: lo, upper: hi,
                intervalSource: "50% by \(days.formatted1) d, Clopper–Pearson, n = \(n)", source: source, weight: weight,
                simulated: { fractionBy($0, days) },
                simulatedDisplay: { r in
                    let f = fractionBy(r, days).map { percent($0) + " by \(days.formatted1) d" } ?? "—"
                    return (median(r).map { "\($0.formatted1) d" } ?? "not reached") + " (\(f))"
                })
        }
        let cut2024 = "2024-12-31 cut, seed 000"
        let cut2022 = "2022-12-31 cut, seed 004"
        return [
            proportion("orr", "ORR (PR or better)", 0.963, successes: 103, n: 107, source: cut2024) { $0.orr.estimate },
            proportion("cr", "CR or better", 0.832, successes: 89, n: 107, source: cut2024) { $0.crOrBetter.estimate },
            proportion("naiveORR", "ORR, CAR-T-naive", 0.989, successes: 94, n: 95, source: cut2024) { $0.naiveORR.estimate },
            proportion("naiveCR", "CR or better, CAR-T-naive", 0.884, successes: 84, n: 95, source: cut2024) { $0.naiveCROrBetter.estimate },
            proportion("mrd", "MRD-negative (10⁻⁵)", 0.953, successes: 102, n: 107, source: cut2024) { $0.mrdNegative.estimate },
            proportion("crs", "CRS, any grade", 0.936, successes: 102, n: 109, source: cut2024) { $0.crs.anyGrade.estimate },
            proportion("crs3", "CRS, grade ≥ 3", 1.0 / 109, successes: 1, n: 109, source: cut2024) { $0.crs.grade3OrHigher.estimate },
            proportion("icans", "ICANS, any grade", 2.0 / 109, successes: 2, n: 109, source: cut2024) { $0.icans.anyGrade.estimate },
            proportion("pfs12Naive", "12-month PFS, CAR-T-naive", 0.855, n: 91,
                       source: cut2022 + " (n: 103 evaluable less 12 with prior CAR-T)") { $0.pfsNaive?.rate(atMonths: 12)?.survival },
            FucasoPublishedFigure(
                id: "pfs12", name: "12-month PFS, all", published: 0.788, publishedText: percent(0.788),
                lower: 0.686, upper: 0.860, intervalSource: "published 95% CI",
                source: "Li C et al., JAMA Oncol 2024 (101 evaluable)", weight: 1,
                simulated: { $0.pfs?.rate(atMonths: 12)?.survival },
                simulatedDisplay: { r in r.pfs?.rate(atMonths: 12)?.survival.map(percent) ?? "—" }),
            median("persistence", "Transgene persistence", days: 307.5, n: 103, source: cut2022,
                   fractionBy: { r, d in r.persistence.map { 1 - survival($0, atDays: d) } },
                   median: { $0.persistenceMedianDays }),
            proportion("vcn12", "Transgene detectable at 12 months", 0.50, n: 103,
                       source: cut2022 + " (n not published; 103 evaluable used)") { $0.vcnDetectableAt12Months.estimate },
            proportion("vcn24", "Transgene detectable at 24 months", 0.40, n: 103,
                       source: cut2022 + " (n not published; 103 evaluable used)") { $0.vcnDetectableAt24Months.estimate },
            median("timeToResponse", "Time to first response", days: 16, n: 99, source: "seed 001 (≈99 responders)",
                   fractionBy: { r, d in fraction(r.patients.filter { $0.evaluable && $0.bestResponse?.isObjectiveResponse == true }
                                                      .compactMap(\.firstResponseDay), atMost: d) },
                   median: { $0.timeToFirstResponseDays.median }),
            median("timeToMRD", "Time to MRD negativity", days: 15, n: 97, source: cut2022 + " (97 MRD-negative)",
                   fractionBy: { r, d in fraction(r.patients.filter { $0.evaluable && $0.mrdNegative }
                                                      .compactMap(\.firstMRDNegativeDay), atMost: d) },
                   median: { $0.timeToMRDNegativityDays.median }),
            median("tmax", "Transgene Tmax", days: 14, n: 18, source: "Wang D et al., Blood 2021 (phase 1, n = 18; range 9–25 d)",
                   fractionBy: { r, d in fraction(r.patients.filter(\.infused).compactMap { $0.persistence?.tmax }.map { Int($0) }, atMost: d) },
                   median: { r in CohortDayDistribution(r.patients.filter(\.infused).compactMap { $0.persistence?.tmax }.map { Int($0) }).median }),
            proportion("mrd12", "MRD negativity continued at 12 months", 0.808, n: 97,
                       source: cut2022 + " (Kaplan–Meier among 97 MRD-negative)") { $0.durationOfMRDNegativity?.rate(atMonths: 12)?.survival },
        ]
    }()

    /// The long-term figures of the 36-month cut that are held out of calibration: Cartograph predicts
    /// them and prints the prediction only. Their published values are deliberately not in this code.
    public static let heldOut: [(id: String, name: String)] = [
        ("pfsMedian", "Median PFS, all evaluable"),
        ("pfsNaiveMedian", "Median PFS, CAR-T-naive"),
        ("osMedian", "Median overall survival"),
        ("mrdDurationMedian", "Median duration of MRD negativity"),
    ]

    /// Kaplan–Meier survival of `s` at `days` (the step function of its event points).
    public static func survival(_ s: CohortSurvival, atDays days: Double) -> Double {
        let months = days * CohortSurvival.monthsPerDay
        return s.steps.last { $0.months <= months }?.survival ?? 1
    }

    static func fraction(_ days: [Int], atMost limit: Double) -> Double? {
        guard !days.isEmpty else { return nil }
        return Double(days.filter { Double($0) <= limit }.count) / Double(days.count)
    }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
}

extension Double {
    /// One decimal, trailing `.0` dropped (`307.5`, `16`).
    var formatted1: String {
        let r = (self * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }
}
