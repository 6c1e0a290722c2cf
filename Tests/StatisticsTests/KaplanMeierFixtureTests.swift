import Foundation
import Testing
@testable import Statistics

/// `stats km` against R `survfit` (fixture km[i]: lung, ovarian, veteran with several
/// grouping variables, conf types and levels).
@Suite struct KaplanMeierFixtureTests {
    @Test(arguments: 0..<6)
    func stepsAndMediansMatchR(caseIndex: Int) throws {
        // setup
        let fixture = try RFixture.list("km")[caseIndex]
        let name = fixture["name"] as! String
        let table = try RFixture.dataset(forCase: name)
        let groupColumn = fixture["group"] as! String
        let confType = SurvivalConfidenceType(rawValue: fixture["confType"] as! String)!
        let level = number(fixture["confLevel"])!

        // MUT
        let report = try SurvivalCommands.kaplanMeier(
            columns: table, time: fixture["time"] as! String, event: fixture["event"] as! String,
            group: groupColumn.isEmpty ? nil : groupColumn, confType: confType, confLevel: level)

        // validate
        let expectedGroups = fixture["groups"] as! [[String: Any]]
        #expect(report.groups.count == expectedGroups.count, "\(name)")
        for expected in expectedGroups {
            let label = expected["group"] as! String
            guard let group = report.groups.first(where: { $0.group == label }) else {
                Issue.record("\(name): group \(label) missing"); continue
            }
            #expect(group.n == Int(number(expected["n"])!), "\(name) \(label) n")
            #expect(group.events == Int(number(expected["events"])!), "\(name) \(label) events")
            let times = numbers(expected["time"])
            #expect(group.steps.count == times.count, "\(name) \(label) step count")
            let columns: [(String, (KaplanMeierReport.Step) -> Double?)] = [
                ("time", { $0.time }), ("atRisk", { Double($0.atRisk) }), ("nEvent", { Double($0.events) }),
                ("censored", { Double($0.censored) }), ("survival", { $0.survival }),
                ("stdErr", { $0.stdErr }), ("lower", { $0.lower }), ("upper", { $0.upper }),
            ]
            for (key, value) in columns {
                let want = numbers(expected[key])
                for (i, step) in group.steps.enumerated() where i < want.count {
                    #expect(agrees(value(step), want[i]), "\(name) \(label) \(key)[\(i)]: \(String(describing: value(step))) vs R \(String(describing: want[i]))")
                }
            }
            let median = expected["median"] as! [String: Any]
            #expect(agrees(group.median, number(median["estimate"])), "\(name) \(label) median")
            #expect(agrees(group.medianLower, number(median["lower"])), "\(name) \(label) median lower")
            #expect(agrees(group.medianUpper, number(median["upper"])), "\(name) \(label) median upper")
        }
    }

    @Test(arguments: 0..<6)
    func quartilesMatchR(caseIndex: Int) throws {
        // setup
        let fixture = try RFixture.list("km")[caseIndex]
        let name = fixture["name"] as! String
        let table = try RFixture.dataset(forCase: name)
        let groupColumn = fixture["group"] as! String
        let confType = SurvivalConfidenceType(rawValue: fixture["confType"] as! String)!
        let level = number(fixture["confLevel"])!
        let used = [fixture["time"] as! String, fixture["event"] as! String] + (groupColumn.isEmpty ? [] : [groupColumn])
        let rows = try table.completeRows(used).rows
        let times = try table.times(used[0], rows: rows)
        let events = try table.events(used[1], rows: rows)
        let labels = groupColumn.isEmpty ? rows.map { _ in "all" } : try table.column(groupColumn).enumerated()
            .filter { rows.contains($0.offset) }.map(\.element)

        for expected in fixture["groups"] as! [[String: Any]] {
            let label = expected["group"] as! String
            let keep = labels.indices.filter { labels[$0] == label }
            // MUT
            let curve = try KaplanMeierCurve(times: keep.map { times[$0] }, events: keep.map { events[$0] })
            for key in ["q25", "q75"] {
                let want = expected[key] as! [String: Any]
                let q = curve.quantile(number(want["probability"])!, type: confType, level: level)
                // validate
                #expect(agrees(q.estimate, number(want["estimate"])), "\(name) \(label) \(key)")
                #expect(agrees(q.lower, number(want["lower"])), "\(name) \(label) \(key) lower")
                #expect(agrees(q.upper, number(want["upper"])), "\(name) \(label) \(key) upper")
            }
        }
    }
}
