import CartographCore
import Clinical
import Statistics

/// Which patients a figure counts (FUMANBA-1 reports safety on all infused, efficacy on the
/// evaluable).
public enum CohortPopulation: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Every infused patient (safety analyses).
    case infused
    /// Infused with measurable disease and a response assessment (efficacy analyses).
    case evaluable
    /// Evaluable patients without a prior BCMA CAR-T.
    case evaluableCARTNaive
    /// Patients who reached an objective response (duration of response).
    case responders
    /// Patients who reached MRD negativity (duration of MRD negativity).
    case mrdNegative
    /// Infused patients with a transgene series and an assay LLOD (persistence).
    case transgeneEvaluable

    public var displayName: String {
        switch self {
        case .infused: "infused (safety)"
        case .evaluable: "efficacy-evaluable"
        case .evaluableCARTNaive: "evaluable, CAR-T-naive"
        case .responders: "responders (PR or better)"
        case .mrdNegative: "MRD-negative"
        case .transgeneEvaluable: "with a transgene series"
        }
    }
}

/// A proportion with its exact (Clopper–Pearson) interval, its population and its denominator.
public struct CohortProportion: Sendable, Equatable, Codable {
    public var name: String
    public var population: CohortPopulation
    public var successes: Int
    public var total: Int
    /// `nil` when `total` is 0.
    public var estimate: Double?
    public var lower: Double?
    public var upper: Double?

    /// - Parameter level: confidence level of the Clopper–Pearson interval (Clopper & Pearson,
    ///   Biometrika 1934;26:404), as R `binom.test`.
    public init(_ name: String, population: CohortPopulation, successes: Int, total: Int, level: Double = 0.95) {
        self.name = name
        self.population = population
        self.successes = successes
        self.total = total
        if total > 0, let ci = try? ClopperPearsonInterval(successes: successes, total: total, level: level) {
            estimate = ci.estimate
            lower = ci.lower
            upper = ci.upper
        }
    }
}

/// A Kaplan–Meier endpoint with the figures a trial reports: median with its 95% limits (R's rule,
/// log interval), landmark rates with their intervals, numbers at risk, and the curve for the chart.
public struct CohortSurvival: Sendable, Equatable, Codable {
    public struct Landmark: Sendable, Equatable, Codable {
        public var months: Double
        /// `nil` when follow-up ends before the landmark (R drops such times).
        public var survival: Double?
        public var lower: Double?
        public var upper: Double?
        public var atRisk: Int?
    }
    public struct RiskCount: Sendable, Equatable, Codable {
        public var months: Double
        public var atRisk: Int
        public init(months: Double, atRisk: Int) { self.months = months; self.atRisk = atRisk }
    }
    public struct Step: Sendable, Equatable, Codable {
        public var months: Double
        public var survival: Double
        public var lower: Double?
        public var upper: Double?
    }

    public var name: String
    public var population: CohortPopulation
    public var n: Int
    public var events: Int
    /// Median in months; `nil` when not reached.
    public var medianMonths: Double?
    public var medianLowerMonths: Double?
    public var medianUpperMonths: Double?
    public var landmarks: [Landmark]
    /// Subjects still at risk every 3 months (at time ≥ t), for the table under the chart.
    public var numberAtRisk: [RiskCount]
    /// One step per distinct event time, with the 95% log interval (the chart's band).
    public var steps: [Step]
    /// Censoring times in months (the chart's tick marks).
    public var censoredMonths: [Double]

    /// Months per day used to report day counts in months: 12 / 365.25.
    public static let monthsPerDay = 12.0 / 365.25

    /// Builds the endpoint from observations in days; `nil` without any observation.
    ///
    /// Kaplan–Meier with Greenwood variance and R `survfit` conventions (`KaplanMeierCurve`); median by
    /// R's rule with the log-type interval; landmark rates by R `summary(fit, times =)`.
    public init?(_ name: String, population: CohortPopulation, observations: [OutcomeTime],
                 landmarkMonths: [Double] = [12, 24], level: Double = 0.95) {
        guard !observations.isEmpty else { return nil }
        let months = observations.map { Double($0.days) * Self.monthsPerDay }
        guard let curve = try? KaplanMeierCurve(times: months, events: observations.map(\.event)) else { return nil }
        self.name = name
        self.population = population
        n = curve.n
        events = curve.events
        let median = curve.median(type: .log, level: level)
        medianMonths = median.estimate
        medianLowerMonths = median.lower
        medianUpperMonths = median.upper
        landmarks = landmarkMonths.map { t in
            let s = curve.survival(at: t, type: .log, level: level)
            return Landmark(months: t, survival: s?.survival, lower: s?.lower, upper: s?.upper, atRisk: s?.atRisk)
        }
        let horizon = months.max() ?? 0
        numberAtRisk = stride(from: 0.0, through: horizon, by: 3).map { t in
            RiskCount(months: t, atRisk: months.filter { $0 >= t }.count)
        }
        steps = curve.eventPoints.map { p in
            let ci = curve.confidenceInterval(p, type: .log, level: level)
            return Step(months: p.time, survival: p.survival, lower: ci.lower, upper: ci.upper)
        }
        censoredMonths = zip(months, observations).filter { !$0.1.event }.map(\.0).sorted()
    }

    /// The rate at a landmark (months), if reported.
    public func rate(atMonths t: Double) -> Landmark? { landmarks.first { $0.months == t } }
}

/// Median and range of a set of day counts (time to response, onset, duration).
public struct CohortDayDistribution: Sendable, Equatable, Codable {
    public var n: Int
    /// Sample median (mean of the two middle values for an even count); `nil` when empty.
    public var median: Double?
    public var minimum: Int?
    public var maximum: Int?

    public init(_ days: [Int]) {
        let s = days.sorted()
        n = s.count
        minimum = s.first
        maximum = s.last
        if s.isEmpty { median = nil } else if s.count % 2 == 1 { median = Double(s[s.count / 2]) } else {
            median = Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}
