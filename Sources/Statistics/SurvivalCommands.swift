import Foundation

/// The `stats` command-line contract as library functions over parsed CSV columns
/// (``SurvivalColumns``). The `stats-cli` executable reads the file, calls these and prints
/// ``encode(_:)``'s JSON; every thrown error's description names the row, column or argument.
///
/// Group order everywhere: R's factor-level order (see ``SurvivalColumns``).
public enum SurvivalCommands {
    /// `stats km`: Kaplan–Meier per group.
    ///
    /// One step per distinct time with at least one event. `censored` counts censorings at
    /// that same time; censorings strictly between two event times are not steps and show
    /// only as the drop in `atRisk` of the next step (group total censored = n − events).
    /// `median*` follow ``KaplanMeierCurve/median(type:level:)`` (nil = not reached).
    /// - Parameters:
    ///   - group: column name, or nil for one group labelled `"all"`.
    ///   - confLevel: in (0, 1).
    public static func kaplanMeier(columns: SurvivalColumns, time: String, event: String, group: String? = nil,
                                   confType: SurvivalConfidenceType = .log, confLevel: Double = 0.95) throws -> KaplanMeierReport
    {
        try checkLevel(confLevel)
        let d = try GroupedSurvival(columns: columns, time: time, event: event, group: group)
        return try kaplanMeier(d, confType: confType, confLevel: confLevel)
    }

    /// `stats km --logrank`: the Kaplan–Meier report and the log-rank test from one reading of the
    /// columns. Each group's times are sorted once, concurrently, and serve both its curve and the
    /// test's merge over groups. Same results as `kaplanMeier` and `logRank` called separately.
    public static func kaplanMeierAndLogRank(columns: SurvivalColumns, time: String, event: String, group: String,
                                             confType: SurvivalConfidenceType = .log, confLevel: Double = 0.95) throws
        -> (km: KaplanMeierReport, logRank: LogRankReport)
    {
        try checkLevel(confLevel)
        let d = try GroupedSurvival(columns: columns, time: time, event: event, group: group)
        let k = d.names.count
        let results = ConcurrentResults<(report: KaplanMeierReport.Group, events: [Double], censors: [Double])>(count: k)
        DispatchQueue.concurrentPerform(iterations: k) { g in
            results.set(g, Result {
                let (events, censors) = d.sortedTimes(group: g)
                let curve = KaplanMeierCurve(sortedEventTimes: events, sortedCensorTimes: censors)
                return (curveReport(curve, name: d.names[g], confType: confType, confLevel: confLevel), events, censors)
            })
        }
        let perGroup = try (0..<k).map { try results.get($0) }
        let test = try LogRankTest(sortedEventTimes: [perGroup.map(\.events)], sortedCensorTimes: [perGroup.map(\.censors)],
                                   groupNames: d.names, sizes: d.sizes)
        return (KaplanMeierReport(groups: perGroup.map(\.report), skippedRows: d.skipped),
                LogRankReport(chiSquare: test.chiSquare, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue,
                              groups: test.groups.map { .init(group: $0.name, n: $0.n, observed: $0.observed, expected: $0.expected) },
                              skippedRows: d.skipped))
    }

    /// Complete rows of (time, event[, group]) parsed once: times, events and group labels are read
    /// concurrently (three columns, no shared state; a problem in several is reported in that order).
    /// Each group's times are picked out by ``sortedTimes(group:)``, so groups split and sort in parallel.
    struct GroupedSurvival: Sendable {
        var skipped: Int
        var names: [String]
        var sizes: [Int]
        var times: [Double]
        var events: [Bool]
        var index: [Int]

        init(columns: SurvivalColumns, time: String, event: String, group: String?) throws {
            let used = [time, event] + (group.map { [$0] } ?? [])
            let (rows, skipped) = try columns.completeRows(used)
            self.skipped = skipped
            let read = ConcurrentResults<Any>(count: 3)
            DispatchQueue.concurrentPerform(iterations: group == nil ? 2 : 3) { k in
                read.set(k, Result {
                    switch k {
                    case 0: return try columns.times(time, rows: rows) as Any
                    case 1: return try columns.events(event, rows: rows) as Any
                    default: return try columns.levels(group!, rows: rows) as Any
                    }
                })
            }
            times = try read.get(0) as! [Double]
            events = try read.get(1) as! [Bool]
            guard !rows.isEmpty else { throw SurvivalStatisticsError.noObservations("every row has a missing value in \(used.joined(separator: ", "))") }
            if group != nil {
                (names, index) = try read.get(2) as! (names: [String], index: [Int])
            } else {
                (names, index) = (["all"], [Int](repeating: 0, count: rows.count))
            }
            var sizes = [Int](repeating: 0, count: names.count)
            for g in index { sizes[g] += 1 }
            self.sizes = sizes
        }

        /// Group g's event and censoring times, each sorted ascending.
        func sortedTimes(group g: Int) -> (events: [Double], censors: [Double]) {
            var eventTimes: [Double] = [], censorTimes: [Double] = []
            eventTimes.reserveCapacity(sizes[g])
            censorTimes.reserveCapacity(sizes[g])
            times.withUnsafeBufferPointer { t in
                events.withUnsafeBufferPointer { e in
                    index.withUnsafeBufferPointer { groupOf in
                        for i in 0..<t.count where groupOf[i] == g {
                            if e[i] { eventTimes.append(t[i]) } else { censorTimes.append(t[i]) }
                        }
                    }
                }
            }
            SurvivalOrdering.sortTimes(&eventTimes)
            SurvivalOrdering.sortTimes(&censorTimes)
            return (eventTimes, censorTimes)
        }
    }

    static func kaplanMeier(_ d: GroupedSurvival, confType: SurvivalConfidenceType, confLevel: Double) throws -> KaplanMeierReport {
        KaplanMeierReport(groups: d.names.indices.map { g in
            let (events, censors) = d.sortedTimes(group: g)
            let curve = KaplanMeierCurve(sortedEventTimes: events, sortedCensorTimes: censors)
            return curveReport(curve, name: d.names[g], confType: confType, confLevel: confLevel)
        }, skippedRows: d.skipped)
    }

    static func curveReport(_ curve: KaplanMeierCurve, name: String, confType: SurvivalConfidenceType, confLevel: Double)
        -> KaplanMeierReport.Group
    {
        let median = curve.median(type: confType, level: confLevel)
        let steps = curve.eventPoints.map { p in
            let ci = curve.confidenceInterval(p, type: confType, level: confLevel)
            return KaplanMeierReport.Step(time: p.time, atRisk: p.atRisk, events: p.events, censored: p.censored,
                                          survival: p.survival, stdErr: p.standardError, lower: ci.lower, upper: ci.upper)
        }
        return KaplanMeierReport.Group(group: name, n: curve.n, events: curve.events, median: median.estimate,
                                       medianLower: median.lower, medianUpper: median.upper, steps: steps)
    }

    /// `stats logrank`: k-group log-rank test, optionally stratified (``LogRankTest``).
    public static func logRank(columns: SurvivalColumns, time: String, event: String, group: String,
                               strata: String? = nil) throws -> LogRankReport
    {
        let used = [time, event, group] + (strata.map { [$0] } ?? [])
        let (rows, skipped) = try columns.completeRows(used)
        let times = try columns.times(time, rows: rows)
        let events = try columns.events(event, rows: rows)
        let (names, index) = try columns.levels(group, rows: rows)
        let strataIndex = try strata.map { try columns.levels($0, rows: rows).index }
        let test = try LogRankTest(times: times, events: events, groups: index, groupNames: names, strata: strataIndex)
        return LogRankReport(
            chiSquare: test.chiSquare, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue,
            groups: test.groups.map { .init(group: $0.name, n: $0.n, observed: $0.observed, expected: $0.expected) },
            skippedRows: skipped)
    }

    /// `stats cox`: Cox model on numeric covariates (``CoxRegression``), 95% limits unless
    /// `confLevel` says otherwise.
    public static func cox(columns: SurvivalColumns, time: String, event: String, covariates: [String],
                           ties: CoxTieMethod = .efron, strata: String? = nil, confLevel: Double = 0.95) throws -> CoxReport
    {
        try checkLevel(confLevel)
        guard !covariates.isEmpty else {
            throw SurvivalStatisticsError.invalidArgument(name: "covariates", value: "\"\"", expected: "one or more column names separated by commas")
        }
        let used = [time, event] + covariates + (strata.map { [$0] } ?? [])
        let (rows, skipped) = try columns.completeRows(used)
        let times = try columns.times(time, rows: rows)
        let events = try columns.events(event, rows: rows)
        let x = try covariates.map { try columns.numbers($0, rows: rows) }
        let strataIndex = try strata.map { try columns.levels($0, rows: rows).index }
        guard !rows.isEmpty else { throw SurvivalStatisticsError.noObservations("every row has a missing value in \(used.joined(separator: ", "))") }
        let fit = try CoxRegression.fit(times: times, events: events, covariates: x, names: covariates,
                                        strata: strataIndex, ties: ties)
        func test(_ t: CoxModelFit.ChiSquareTest) -> CoxReport.Test {
            .init(statistic: t.statistic, degreesOfFreedom: t.degreesOfFreedom, pValue: t.pValue)
        }
        return CoxReport(
            n: fit.n, events: fit.events,
            coefficients: fit.coefficientSummary(level: confLevel).map {
                .init(name: $0.name, coef: $0.coef, se: $0.se, hazardRatio: $0.hazardRatio, lower: $0.lower,
                      upper: $0.upper, z: $0.z, pValue: $0.pValue)
            },
            logLikelihood: fit.logLikelihood, logLikelihoodNull: fit.logLikelihoodNull,
            likelihoodRatio: test(fit.likelihoodRatioTest), wald: test(fit.waldTest), score: test(fit.scoreTest),
            skippedRows: skipped, converged: fit.converged)
    }

    /// `stats proportion`: Clopper–Pearson interval (``ClopperPearsonInterval``).
    public static func proportion(successes: Int, total: Int, confLevel: Double = 0.95) throws -> ProportionReport {
        let ci = try ClopperPearsonInterval(successes: successes, total: total, level: confLevel)
        return ProportionReport(estimate: ci.estimate, lower: ci.lower, upper: ci.upper, method: "clopper-pearson")
    }

    /// JSON with sorted keys, as every Cartograph command prints it.
    public static func encode<T: Encodable>(_ report: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }

    static func checkLevel(_ level: Double) throws {
        guard level > 0, level < 1 else {
            throw SurvivalStatisticsError.invalidArgument(name: "conf-level", value: "\(level)", expected: "a number strictly between 0 and 1")
        }
    }
}

/// Results written by concurrent tasks, one slot each (a lock guards the array).
final class ConcurrentResults<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) throws -> T { lock.lock(); defer { lock.unlock() }; return try slots[i]!.get() }
}
