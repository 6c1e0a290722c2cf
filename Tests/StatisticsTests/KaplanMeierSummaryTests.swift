import Foundation
import Testing
@testable import Statistics

/// Landmarks, RMST, reverse-KM follow-up and the quantile rule on small curves, against R.
@Suite struct KaplanMeierSummaryTests {
    func lungCurve() throws -> KaplanMeierCurve {
        let table = try RFixture.table("lung")
        let rows = try table.completeRows(["time", "event"]).rows
        return try KaplanMeierCurve(times: table.times("time", rows: rows), events: table.events("event", rows: rows))
    }

    @Test func landmarkSurvivalMatchesSummaryTimes() throws {
        // setup
        let curve = try lungCurve()
        let expected = try RFixture.expected()["landmarks"] as! [String: Any]
        let times = numbers(expected["time"])
        for (i, t) in times.enumerated() {
            // MUT
            let landmark = try #require(curve.survival(at: t!))
            // validate
            #expect(landmark.atRisk == Int(numbers(expected["atRisk"])[i]!), "n.risk at \(t!)")
            #expect(agrees(landmark.survival, numbers(expected["survival"])[i]), "surv at \(t!)")
            #expect(agrees(landmark.standardError, numbers(expected["stdErr"])[i]), "se at \(t!)")
            #expect(agrees(landmark.lower, numbers(expected["lower"])[i]), "lower at \(t!)")
            #expect(agrees(landmark.upper, numbers(expected["upper"])[i]), "upper at \(t!)")
        }
    }

    @Test func landmarkAfterLastFollowUpIsUndefined() throws {
        // setup: lung's last time is 1022 (R's summary drops later times without extend=TRUE)
        let curve = try lungCurve()
        // MUT / validate
        #expect(curve.survival(at: 1022) != nil)
        #expect(curve.survival(at: 1022.5) == nil)
    }

    @Test func restrictedMeanMatchesPrintRmean() throws {
        // setup
        let curve = try lungCurve()
        for expected in try RFixture.list("rmst") {
            // MUT
            let rmst = curve.restrictedMean(upTo: number(expected["horizon"])!)
            // validate
            #expect(agrees(rmst.estimate, number(expected["estimate"])), "rmean \(rmst.horizon)")
            #expect(agrees(rmst.standardError, number(expected["standardError"])), "se(rmean) \(rmst.horizon)")
        }
    }

    @Test func ovarianRestrictedMeanAndFollowUp() throws {
        // setup
        let table = try RFixture.table("ovarian")
        let rows = Array(0..<table.rowCount)
        let times = try table.times("futime", rows: rows)
        let events = try table.events("fustat", rows: rows)
        let all = try RFixture.expected()
        let rm = all["ovarianRmst"] as! [String: Any]
        let fu = all["ovarianFollowUp"] as! [String: Any]
        // MUT
        let rmst = try KaplanMeierCurve(times: times, events: events).restrictedMean(upTo: 1000)
        let followUp = try KaplanMeierCurve.medianFollowUp(times: times, events: events)
        // validate
        #expect(agrees(rmst.estimate, number(rm["estimate"])))
        #expect(agrees(rmst.standardError, number(rm["standardError"])))
        #expect(agrees(followUp.estimate, number(fu["estimate"])))
        #expect(agrees(followUp.lower, number(fu["lower"])))
        #expect(agrees(followUp.upper, number(fu["upper"])))
    }

    @Test func medianFollowUpByReverseKaplanMeier() throws {
        // setup
        let table = try RFixture.table("lung")
        let rows = Array(0..<table.rowCount)
        let expected = try RFixture.expected()["followUp"] as! [String: Any]
        // MUT
        let q = try KaplanMeierCurve.medianFollowUp(times: table.times("time", rows: rows),
                                                    events: table.events("event", rows: rows))
        // validate
        #expect(agrees(q.estimate, number(expected["estimate"])))
        #expect(agrees(q.lower, number(expected["lower"])))
        #expect(agrees(q.upper, number(expected["upper"])))
    }

    @Test(arguments: 0..<8)
    func quantileRuleOnSmallCurves(caseIndex: Int) throws {
        // setup: flat stretch at 0.5, curve ending at 0.5, ties, all censored, single event
        let fixture = try RFixture.list("smallCurves")[caseIndex]
        let times = numbers(fixture["times"]).map { $0! }
        let events = numbers(fixture["events"]).map { $0! == 1 }
        let type = SurvivalConfidenceType(rawValue: fixture["confType"] as! String)!
        // MUT
        let q = try KaplanMeierCurve(times: times, events: events).quantile(number(fixture["probability"])!, type: type)
        // validate
        #expect(agrees(q.estimate, number(fixture["estimate"])), "case \(caseIndex) estimate \(String(describing: q.estimate))")
        #expect(agrees(q.lower, number(fixture["lower"])), "case \(caseIndex) lower \(String(describing: q.lower))")
        #expect(agrees(q.upper, number(fixture["upper"])), "case \(caseIndex) upper \(String(describing: q.upper))")
    }

    @Test func handCalculatedCurveWithTiesAndMidpointMedian() throws {
        // setup: times 1,2,2,3,4 with status 1,1,0,1,1.
        // Hand calculation: t=1: n=5,d=1 → S=0.8; t=2: n=4,d=1,c=1 → S=0.6;
        // t=3: n=2,d=1 → S=0.3; t=4: n=1,d=1 → S=0.
        // Greenwood Σ d/(n(n−d)) at t=2: 1/20 + 1/12 = 0.1333…, SE(S) = 0.6·√0.1333 = 0.219089.
        // S first ≤ 0.5 at t=3 (0.3, not exactly 0.5) → median 3.
        let curve = try KaplanMeierCurve(times: [1, 2, 2, 3, 4], events: [true, true, false, true, true])
        // MUT
        let steps = curve.eventPoints
        let median = curve.median()
        // validate
        #expect(steps.map(\.atRisk) == [5, 4, 2, 1])
        #expect(steps.map(\.censored) == [0, 1, 0, 0])
        for (s, want) in zip(steps.map(\.survival), [0.8, 0.6, 0.3, 0]) { #expect(agrees(s, want, tolerance: 1e-14)) }
        #expect(agrees(steps[1].standardError, 0.6 * (1.0 / 20 + 1.0 / 12).squareRoot()))
        #expect(steps[3].standardError == nil, "S = 0: SE undefined, as R's NaN")
        #expect(curve.confidenceInterval(steps[3]).lower == nil)
        #expect(median.estimate == 3)
    }

    @Test func allCensoredHasNoStepsAndNoMedian() throws {
        // setup
        let curve = try KaplanMeierCurve(times: [3, 4, 7], events: [false, false, false])
        // MUT
        let median = curve.median()
        // validate
        #expect(curve.eventPoints.isEmpty)
        #expect(curve.events == 0)
        #expect(median.estimate == nil && median.lower == nil && median.upper == nil)
        #expect(curve.restrictedMean(upTo: 5).estimate == 5, "S ≡ 1 → area = τ")
        #expect(curve.restrictedMean(upTo: 5).standardError == 0)
    }

    @Test func emptyInputIsRejected() {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.self) { try KaplanMeierCurve(times: [], events: []) }
        #expect(throws: SurvivalStatisticsError.self) { try KaplanMeierCurve(times: [1, .nan], events: [true, true]) }
        #expect(throws: SurvivalStatisticsError.self) { try KaplanMeierCurve(times: [1, 2], events: [true]) }
    }
}

/// The radix sorts behind the O(n log n) estimators agree with the comparison sort.
@Suite struct SurvivalOrderingTests {
    @Test func radixSortMatchesComparisonSort() {
        // setup: above the radix threshold, with ties, negatives, ±0 and fractions
        var generator = SystemRandomNumberGenerator()
        var times = (0..<5000).map { _ in Double(Int.random(in: -300...3000, using: &generator)) / 4 }
        times += [0, -0.0, 1e-300, -1e-300, 1e300]
        // MUT
        var radix = times
        SurvivalOrdering.sortTimes(&radix)
        let order = SurvivalOrdering.ascendingByTime(times)
        // validate
        #expect(radix == times.sorted())
        #expect(order.map { times[$0] } == times.sorted())
        for k in 1..<order.count where times[order[k]] == times[order[k - 1]] && times[order[k]].sign == times[order[k - 1]].sign {
            #expect(order[k] > order[k - 1], "stable for equal times")
        }
    }

    @Test func stableRegroupingByStratum() {
        // setup
        let order = [3, 0, 2, 1]
        let codes = [1, 0, 1, 0]
        // MUT
        let grouped = SurvivalOrdering.stableByCode(order, codes: codes)
        // validate: subjects 1 and 3 have code 0, subjects 0 and 2 code 1; within a code the
        // sequence of `order` is kept (3 before 1, 0 before 2)
        #expect(grouped == [3, 1, 0, 2])
    }
}
