import Foundation

/// The k-sample log-rank test, optionally stratified (R `survdiff(Surv(t, e) ~ g + strata(s))`,
/// rho = 0).
///
/// Source: Mantel (1966); Peto & Peto (1972). Per stratum, at each distinct event time with
/// n at risk and d events, group g contributes
/// Eg += d·ng/n and Vgh += d(n−d)/(n−1) · (ng/n)(δgh − nh/n) (n > 1).
/// Observed, expected and V are summed over strata. Groups with E = 0 are dropped, then the
/// first remaining group; χ² = (O−E)ᵀ V⁻¹ (O−E) on the rest, with df = (#groups with E > 0) − 1,
/// exactly as R. Ties: events and censorings at the same time — censored subjects are at risk.
///
/// Complexity: O(n log n + m·k²) for m distinct times and k groups.
public struct LogRankTest: Sendable, Equatable, Codable {
    public struct Group: Sendable, Equatable, Codable {
        public let name: String
        public let n: Int
        public let observed: Double
        public let expected: Double
    }
    public let groups: [Group]
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    /// P(χ²(df) > chiSquare); 1 when df = 0 (nothing to compare).
    public let pValue: Double
    /// The summed variance–covariance matrix of O − E (k × k, row-major).
    public let variance: [Double]

    /// Runs the test.
    /// - Parameters:
    ///   - times, events: one entry per subject; times finite.
    ///   - groups: group index per subject, 0..<groupNames.count.
    ///   - groupNames: group labels in the reported order (R orders factor levels).
    ///   - strata: optional stratum index per subject (any non-negative integers).
    /// - Throws: ``SurvivalStatisticsError/tooFewGroups(found:)`` for fewer than two groups,
    ///   ``SurvivalStatisticsError/emptyGroup(_:)`` when a named group has no subject,
    ///   length or value errors as named.
    public init(times: [Double], events: [Bool], groups: [Int], groupNames: [String], strata: [Int]? = nil) throws {
        let n = times.count
        let k = groupNames.count
        guard events.count == n else { throw SurvivalStatisticsError.lengthMismatch(field: "events", expected: n, actual: events.count) }
        guard groups.count == n else { throw SurvivalStatisticsError.lengthMismatch(field: "groups", expected: n, actual: groups.count) }
        if let strata, strata.count != n { throw SurvivalStatisticsError.lengthMismatch(field: "strata", expected: n, actual: strata.count) }
        guard k >= 2 else { throw SurvivalStatisticsError.tooFewGroups(found: k) }
        var sizes = [Int](repeating: 0, count: k)
        for (i, g) in groups.enumerated() {
            guard g >= 0, g < k else {
                throw SurvivalStatisticsError.invalidValue(field: "groups", index: i, value: "\(g)", expected: "0..<\(k)")
            }
            guard times[i].isFinite else {
                throw SurvivalStatisticsError.invalidValue(field: "time", index: i, value: "\(times[i])", expected: "a finite number")
            }
            sizes[g] += 1
        }
        if let empty = sizes.firstIndex(of: 0) { throw SurvivalStatisticsError.emptyGroup(groupNames[empty]) }

        // Per stratum and group, event and censoring times sorted separately (plain Double
        // sorts), then a k-way merge over distinct times.
        let strataCodes = strata.map { Array(Set($0)).sorted() } ?? [0]
        let stratumSlot = Dictionary(uniqueKeysWithValues: strataCodes.enumerated().map { ($1, $0) })
        var eventTimes = [[[Double]]](repeating: [[Double]](repeating: [], count: k), count: strataCodes.count)
        var censorTimes = eventTimes
        for i in 0..<n {
            let s = strata.map { stratumSlot[$0[i]]! } ?? 0
            if events[i] { eventTimes[s][groups[i]].append(times[i]) } else { censorTimes[s][groups[i]].append(times[i]) }
        }
        for s in strataCodes.indices {
            for g in 0..<k {
                SurvivalOrdering.sortTimes(&eventTimes[s][g])
                SurvivalOrdering.sortTimes(&censorTimes[s][g])
            }
        }
        try self.init(sortedEventTimes: eventTimes, sortedCensorTimes: censorTimes, groupNames: groupNames, sizes: sizes)
    }

    /// The test from event and censoring times already split by stratum and group
    /// (`[stratum][group]`), each sorted ascending and finite; `sizes[g]` is group g's total.
    init(sortedEventTimes eventTimes: [[[Double]]], sortedCensorTimes censorTimes: [[[Double]]], groupNames: [String],
         sizes: [Int]) throws {
        let k = groupNames.count
        var observed = [Double](repeating: 0, count: k)
        var expected = [Double](repeating: 0, count: k)
        var variance = [Double](repeating: 0, count: k * k)
        var atRiskByGroup = [Int](repeating: 0, count: k)
        var deathsByGroup = [Int](repeating: 0, count: k)
        var leaving = [Int](repeating: 0, count: k)
        for s in eventTimes.indices {
            for g in 0..<k {
                atRiskByGroup[g] = eventTimes[s][g].count + censorTimes[s][g].count
            }
            var atRisk = atRiskByGroup.reduce(0, +)
            var eventHead = [Int](repeating: 0, count: k)
            var censorHead = [Int](repeating: 0, count: k)
            while atRisk > 0 {
                var t = Double.infinity
                for g in 0..<k {
                    if eventHead[g] < eventTimes[s][g].count { t = min(t, eventTimes[s][g][eventHead[g]]) }
                    if censorHead[g] < censorTimes[s][g].count { t = min(t, censorTimes[s][g][censorHead[g]]) }
                }
                var d = 0
                for g in 0..<k {
                    var dg = 0
                    while eventHead[g] < eventTimes[s][g].count, eventTimes[s][g][eventHead[g]] == t { dg += 1; eventHead[g] += 1 }
                    var cg = 0
                    while censorHead[g] < censorTimes[s][g].count, censorTimes[s][g][censorHead[g]] == t { cg += 1; censorHead[g] += 1 }
                    deathsByGroup[g] = dg
                    leaving[g] = dg + cg
                    d += dg
                }
                if d > 0 {
                    let nD = Double(atRisk), dD = Double(d)
                    for g in 0..<k {
                        observed[g] += Double(deathsByGroup[g])
                        expected[g] += dD * Double(atRiskByGroup[g]) / nD
                    }
                    if atRisk > 1 {
                        let factor = dD * (nD - dD) / (nD - 1)
                        for g in 0..<k {
                            let pg = Double(atRiskByGroup[g]) / nD
                            for h in 0..<k {
                                let ph = Double(atRiskByGroup[h]) / nD
                                variance[g * k + h] += factor * pg * ((g == h ? 1 : 0) - ph)
                            }
                        }
                    }
                }
                for g in 0..<k {
                    atRiskByGroup[g] -= leaving[g]
                    atRisk -= leaving[g]
                }
            }
        }

        let kept = (0..<k).filter { expected[$0] > 0 }
        var chi = 0.0
        if kept.count >= 2 {
            let rest = Array(kept.dropFirst())
            let diff = rest.map { observed[$0] - expected[$0] }
            let sub = rest.flatMap { g in rest.map { h in variance[g * k + h] } }
            let solution = try SymmetricSolver.solve(sub, dimension: rest.count, rhs: diff, context: "log-rank variance")
            chi = zip(solution, diff).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let df = max(kept.count - 1, 0)
        self.groups = (0..<k).map { Group(name: groupNames[$0], n: sizes[$0], observed: observed[$0], expected: expected[$0]) }
        self.chiSquare = chi
        self.degreesOfFreedom = df
        self.pValue = df == 0 ? 1 : ChiSquareDistribution.upperTail(chi, degreesOfFreedom: Double(df))
        self.variance = variance
    }
}
