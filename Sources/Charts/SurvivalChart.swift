import Foundation

/// Kaplan–Meier survival curves as a journal prints them: one step function per group, optional
/// shaded confidence band, `+` censoring ticks, x axis in months, y axis 0–100 %, optional median
/// lines, and a number-at-risk table under the plot aligned with the x ticks.
///
/// The chart draws estimates it is given; it does not estimate. Steps come from a product-limit
/// estimator (Kaplan EL, Meier P, JASA 53:457–481, 1958) such as the `Statistics` target's, with the
/// survival value holding from each step's time onwards (right-continuous), and 1 before the first
/// step unless a step at time 0 says otherwise.
public struct SurvivalChart: Sendable, Equatable, Codable {
    /// The estimate from `time` (months) onwards; `lower`/`upper` are the confidence limits, if any.
    /// Survival and limits are fractions 0…1.
    public struct Step: Sendable, Equatable, Codable {
        public var time: Double
        public var survival: Double
        public var lower: Double?
        public var upper: Double?
        public init(time: Double, survival: Double, lower: Double? = nil, upper: Double? = nil) {
            self.time = time
            self.survival = survival
            self.lower = lower
            self.upper = upper
        }
    }

    /// Number of subjects still at risk (neither failed nor censored before `time`).
    public struct RiskCount: Sendable, Equatable, Codable {
        public var time: Double
        public var count: Int
        public init(time: Double, count: Int) {
            self.time = time
            self.count = count
        }
    }

    /// One group's curve.
    public struct Curve: Sendable, Equatable, Codable {
        public var name: String
        public var steps: [Step]
        /// Times (months) of censored observations; one `+` tick is drawn per entry.
        public var censored: [Double]
        /// Counts shown in the risk table at their own times; give them at ``SurvivalChart/xTicks()``.
        public var numberAtRisk: [RiskCount]
        /// Every subject's observed time (event or censoring); when `numberAtRisk` is empty the table
        /// counts subjects with observed time ≥ each x tick from these.
        public var observedTimes: [Double]?
        /// CSS colour; nil takes the Okabe–Ito colour for the curve's position.
        public var color: String?

        public init(name: String, steps: [Step], censored: [Double] = [], numberAtRisk: [RiskCount] = [],
                    observedTimes: [Double]? = nil, color: String? = nil) {
            self.name = name
            self.steps = steps
            self.censored = censored
            self.numberAtRisk = numberAtRisk
            self.observedTimes = observedTimes
            self.color = color
        }

        /// Steps in time order (stable for ties).
        var orderedSteps: [Step] {
            steps.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }

        /// Last time the curve is known: the latest step, censoring or observed time.
        var endTime: Double {
            (steps.map(\.time) + censored + (observedTimes ?? []) + [0]).max() ?? 0
        }

        /// S(t): the survival of the last step at or before `t` (1 before the first step), clamped to
        /// 0…1. A censoring tied with an event therefore sits after the drop, the usual convention.
        public func survival(at t: Double) -> Double {
            var s = 1.0
            for step in orderedSteps where step.time <= t { s = step.survival }
            return min(max(s, 0), 1)
        }

        /// The earliest time at which S(t) ≤ 0.5 (Brookmeyer–Crowley convention for the median), or
        /// nil when the curve never reaches 50 % ("not reached").
        public var medianTime: Double? {
            orderedSteps.first { $0.survival <= 0.5 }?.time
        }
    }

    public var frame: SVGChart.Frame
    public var curves: [Curve]
    public var xTitle: String
    public var yTitle: String
    /// Upper end of the x axis (months); nil rounds the latest time up to a tick.
    public var maxTime: Double?
    /// Distance between x ticks (months); nil picks 1, 2, 3, 6, 12, 24, … for at most 8 intervals.
    public var tickInterval: Double?
    public var showConfidenceBands: Bool
    public var showCensorTicks: Bool
    public var showMedians: Bool
    public var showRiskTable: Bool

    public init(frame: SVGChart.Frame, curves: [Curve], xTitle: String = "Months",
                yTitle: String = "Survival (%)", maxTime: Double? = nil, tickInterval: Double? = nil,
                showConfidenceBands: Bool = true, showCensorTicks: Bool = true, showMedians: Bool = false,
                showRiskTable: Bool = true) {
        self.frame = frame
        self.curves = curves
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.maxTime = maxTime
        self.tickInterval = tickInterval
        self.showConfidenceBands = showConfidenceBands
        self.showCensorTicks = showCensorTicks
        self.showMedians = showMedians
        self.showRiskTable = showRiskTable
    }

    /// The x tick interval in use: the explicit one, or the smallest of 1, 2, 3, 6, 12, 24, 36, 60,
    /// 120 months giving at most 8 intervals up to the latest time (follow-up is read in months,
    /// quarters and years, so 1-2-5 steps such as 5 or 10 months would look odd here).
    public var resolvedTickInterval: Double {
        if let t = tickInterval, t > 0 { return t }
        let latest = maxTime ?? curves.map(\.endTime).max() ?? 0
        let span = latest > 0 ? latest : 12
        return [1.0, 2, 3, 6, 12, 24, 36, 60, 120].first { span / $0 <= 8 + 1e-9 } ?? 240
    }

    /// The x axis upper end in use.
    public var resolvedMaxTime: Double {
        if let m = maxTime, m > 0 { return m }
        let step = resolvedTickInterval
        let latest = curves.map(\.endTime).max() ?? 0
        return max(step, (latest / step - 1e-9).rounded(.up) * step)
    }

    /// The x tick times (months), where the number-at-risk columns sit.
    public func xTicks() -> [Double] {
        SVGChart.ticks(lower: 0, upper: resolvedMaxTime, step: resolvedTickInterval)
    }

    /// Subjects at risk at each time in `times`: those whose observed time is ≥ the time (a subject
    /// failing or censored exactly at t is still at risk at t, as in the product-limit estimator).
    public static func numberAtRisk(observedTimes: [Double], at times: [Double]) -> [RiskCount] {
        times.map { t in RiskCount(time: t, count: observedTimes.filter { $0 >= t }.count) }
    }
}
