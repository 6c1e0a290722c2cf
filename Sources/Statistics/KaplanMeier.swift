import Foundation

/// A Kaplan–Meier product-limit estimate of a survival function with Greenwood variance.
///
/// Source: Kaplan & Meier (1958) JASA 53:457; Greenwood (1926). Conventions follow R
/// `survival::survfit` 3.x (checked against survival 3.5-3):
/// - one ``Point`` per distinct observed time, events or censorings (R's `fit$time`);
/// - at a tied time, events happen before censorings: subjects censored at t are still at
///   risk for the deaths at t;
/// - S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ);
/// - Var(log S(t)) = Σ_{tᵢ ≤ t} dᵢ/(nᵢ(nᵢ − dᵢ)) (Greenwood), infinite once dᵢ = nᵢ;
/// - SE(S) = S·√Var(log S) — R's `summary(fit)$std.err`; NaN (reported as nil) when S = 0;
/// - times are compared exactly (R additionally merges times within ~1e-8 relative via
///   `aeqSurv`; values read from the same text compare identically).
///
/// Complexity: O(n log n) for the sorts, O(n) afterwards.
public struct KaplanMeierCurve: Sendable, Equatable, Codable {
    /// The estimate just after one distinct observed time.
    public struct Point: Sendable, Equatable, Codable {
        public let time: Double
        /// Subjects with time ≥ `time`.
        public let atRisk: Int
        public let events: Int
        /// Subjects censored exactly at `time`.
        public let censored: Int
        public let survival: Double
        /// Greenwood Σ d/(n(n−d)) up to and including `time`: the variance of log S.
        public let logVariance: Double

        /// SE(log S), the scale on which R stores `fit$std.err`.
        public var logStandardError: Double { logVariance.squareRoot() }
        /// SE(S) = S·SE(log S); nil when undefined (S = 0).
        public var standardError: Double? {
            let v = survival * logStandardError
            return v.isNaN ? nil : v
        }
    }

    /// Number of subjects.
    public let n: Int
    /// Total number of events.
    public let events: Int
    /// One point per distinct time, ascending.
    public let points: [Point]
    /// Start of the curve, where S = 1: min(0, smallest time), as R's `start.time`.
    public let startTime: Double

    /// Estimates the curve.
    /// - Parameters:
    ///   - times: follow-up times; finite (negative times are allowed, as in R).
    ///   - events: `true` for an event, `false` for censoring; same length as `times`.
    /// - Throws: ``SurvivalStatisticsError/lengthMismatch(field:expected:actual:)``,
    ///   ``SurvivalStatisticsError/invalidValue(field:index:value:expected:)`` for a
    ///   non-finite time, ``SurvivalStatisticsError/noObservations(_:)`` when empty.
    public init(times: [Double], events: [Bool]) throws {
        guard times.count == events.count else {
            throw SurvivalStatisticsError.lengthMismatch(field: "events", expected: times.count, actual: events.count)
        }
        guard !times.isEmpty else { throw SurvivalStatisticsError.noObservations("Kaplan–Meier needs at least one subject") }
        for (i, t) in times.enumerated() where !t.isFinite {
            throw SurvivalStatisticsError.invalidValue(field: "time", index: i, value: "\(t)", expected: "a finite number")
        }
        // Event and censoring times sorted separately (plain Double sorts), then merged.
        var eventTimes: [Double] = [], censorTimes: [Double] = []
        eventTimes.reserveCapacity(times.count)
        for (t, e) in zip(times, events) {
            if e { eventTimes.append(t) } else { censorTimes.append(t) }
        }
        SurvivalOrdering.sortTimes(&eventTimes)
        SurvivalOrdering.sortTimes(&censorTimes)
        self.init(sortedEventTimes: eventTimes, sortedCensorTimes: censorTimes)
    }

    /// The curve from a non-empty sample already split into event and censoring times, each
    /// sorted ascending and finite (the `stats km --logrank` command sorts once for the curves
    /// and the test).
    init(sortedEventTimes eventTimes: [Double], sortedCensorTimes censorTimes: [Double]) {
        var points: [Point] = []
        let count = eventTimes.count + censorTimes.count
        var atRisk = count
        var survival = 1.0
        var logVariance = 0.0
        var i = 0, j = 0
        while i < eventTimes.count || j < censorTimes.count {
            let t = min(i < eventTimes.count ? eventTimes[i] : .infinity, j < censorTimes.count ? censorTimes[j] : .infinity)
            var d = 0, c = 0
            while i < eventTimes.count, eventTimes[i] == t { d += 1; i += 1 }
            while j < censorTimes.count, censorTimes[j] == t { c += 1; j += 1 }
            if d > 0 {
                survival *= 1 - Double(d) / Double(atRisk)
                logVariance += d == atRisk
                    ? .infinity
                    : Double(d) / (Double(atRisk) * Double(atRisk - d))
            }
            points.append(Point(time: t, atRisk: atRisk, events: d, censored: c,
                                survival: survival, logVariance: logVariance))
            atRisk -= d + c
        }
        let totalEvents = eventTimes.count
        self.n = count
        self.events = totalEvents
        self.points = points
        self.startTime = min(0, points[0].time)
    }

    /// The points at which at least one event happened (the steps of the curve).
    public var eventPoints: [Point] { points.filter { $0.events > 0 } }

    /// Last observed time (event or censoring).
    public var lastTime: Double { points[points.count - 1].time }

    /// Pointwise confidence limits of a point (see ``SurvivalConfidenceType/interval(survival:logStandardError:level:)``).
    public func confidenceInterval(_ point: Point, type: SurvivalConfidenceType = .log, level: Double = 0.95)
        -> (lower: Double?, upper: Double?)
    {
        type.interval(survival: point.survival, logStandardError: point.logStandardError, level: level)
    }

    /// Index of the last point with time ≤ t, or nil when t precedes every point.
    func lastIndex(atOrBefore t: Double) -> Int? {
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid].time <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}
