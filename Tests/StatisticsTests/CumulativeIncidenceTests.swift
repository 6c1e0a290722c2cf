import Foundation
import Testing
@testable import Statistics

/// Aalen–Johansen cumulative incidence against R `survfit(Surv(t, factor(status)) ~ 1)` on
/// mgus2 (progression vs death as competing risks).
@Suite struct CumulativeIncidenceTests {
    @Test func matchesSurvfitMultiState() throws {
        // setup
        let table = try RFixture.table("mgus2-competing")
        let rows = Array(0..<table.rowCount)
        let times = try table.times("etime", rows: rows)
        let causes = try table.numbers("cause", rows: rows).map { Int($0) }
        let expected = try RFixture.expected()["cif"] as! [String: Any]
        // MUT
        let cif = try CumulativeIncidence(times: times, causes: causes)
        // validate
        let eventPoints = cif.points.filter { $0.events.reduce(0, +) > 0 }
        let wantTimes = numbers(expected["time"])
        #expect(cif.causes == [1, 2])
        #expect(eventPoints.count == wantTimes.count)
        for (i, p) in eventPoints.enumerated() where i < wantTimes.count {
            #expect(agrees(p.time, wantTimes[i]), "time[\(i)]")
            #expect(p.atRisk == Int(numbers(expected["atRisk"])[i]!), "n.risk[\(i)]")
            #expect(agrees(p.eventFree, numbers(expected["eventFree"])[i]), "(s0)[\(i)]")
            #expect(agrees(p.incidence[0], numbers(expected["incidence1"])[i]), "F1[\(i)]")
            #expect(agrees(p.incidence[1], numbers(expected["incidence2"])[i]), "F2[\(i)]")
            #expect(agrees(p.standardError[0], numbers(expected["stdErr1"])[i]), "se F1[\(i)]: \(p.standardError[0]) vs \(String(describing: numbers(expected["stdErr1"])[i]))")
            #expect(agrees(p.standardError[1], numbers(expected["stdErr2"])[i]), "se F2[\(i)]")
            for c in 0..<2 {
                let ci = cif.confidenceInterval(p, causeIndex: c)
                #expect(agrees(ci.lower, numbers(expected["lower\(c + 1)"])[i]), "lower F\(c + 1)[\(i)]")
                #expect(agrees(ci.upper, numbers(expected["upper\(c + 1)"])[i]), "upper F\(c + 1)[\(i)]")
            }
        }
    }

    @Test func singleCauseEqualsOneMinusKaplanMeier() throws {
        // setup: with one cause the Aalen–Johansen estimate is 1 − KM
        let times: [Double] = [2, 3, 3, 5, 8, 8, 9]
        let status = [1, 1, 0, 1, 0, 1, 0]
        // MUT
        let cif = try CumulativeIncidence(times: times, causes: status)
        let km = try KaplanMeierCurve(times: times, events: status.map { $0 == 1 })
        // validate
        for (p, q) in zip(cif.points, km.points) {
            #expect(agrees(p.incidence[0], 1 - q.survival, tolerance: 1e-14))
        }
    }

    @Test func negativeCauseIsRejected() {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.self) { try CumulativeIncidence(times: [1, 2], causes: [1, -1]) }
    }
}
