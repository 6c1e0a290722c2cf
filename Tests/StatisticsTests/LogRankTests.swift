import Foundation
import Testing
@testable import Statistics

/// `stats logrank` against R `survdiff`, including `strata()`.
@Suite struct LogRankTests {
    @Test(arguments: 0..<6)
    func matchesSurvdiff(caseIndex: Int) throws {
        // setup
        let fixture = try RFixture.list("logrank")[caseIndex]
        let name = fixture["name"] as! String
        let table = try RFixture.dataset(forCase: name)
        let strata = fixture["strata"] as! String
        // MUT
        let report = try SurvivalCommands.logRank(
            columns: table, time: fixture["time"] as! String, event: fixture["event"] as! String,
            group: fixture["group"] as! String, strata: strata.isEmpty ? nil : strata)
        // validate
        #expect(agrees(report.chiSquare, number(fixture["chiSquare"])), "\(name) chi-square \(report.chiSquare)")
        #expect(report.degreesOfFreedom == Int(number(fixture["degreesOfFreedom"])!), "\(name) df")
        #expect(agrees(report.pValue, number(fixture["pValue"])), "\(name) p")
        let labels = strings(fixture["groups"])
        #expect(report.groups.count == labels.count)
        for (i, label) in labels.enumerated() {
            guard let g = report.groups.first(where: { $0.group == label }) else {
                Issue.record("\(name): group \(label) missing"); continue
            }
            #expect(g.n == Int(numbers(fixture["n"])[i]!), "\(name) \(label) n")
            #expect(agrees(g.observed, numbers(fixture["observed"])[i]), "\(name) \(label) observed")
            #expect(agrees(g.expected, numbers(fixture["expected"])[i]), "\(name) \(label) expected")
        }
    }

    @Test func groupsAreInFactorLevelOrder() throws {
        // setup: veteran celltype levels sorted as read.csv would make them
        let table = try RFixture.table("veteran")
        // MUT
        let report = try SurvivalCommands.logRank(columns: table, time: "time", event: "status", group: "celltype")
        // validate
        #expect(report.groups.map(\.group) == ["adeno", "large", "smallcell", "squamous"])
    }

    @Test func handCalculatedTwoGroups() throws {
        // setup: A = {1 event, 3 censored}, B = {2 event, 4 event}.
        // t=1: n=4 (A:2, B:2), d=1 in A → E_A = 0.5, V = 1·3/3·(½)(½) = 0.25
        // t=2: n=3 (A:1 at 3, B:2), d=1 in B → E_A += 1/3, V += 1·2/2·(1/3)(2/3) = 2/9
        // t=4: n=1 (B), d=1 → E_A += 0, V += 0 (n = 1)
        // O_A = 1, E_A = 5/6, V = 0.25 + 2/9 = 17/36 → χ² = (1/6)² / (17/36) = 1/17.
        let test = try LogRankTest(times: [1, 3, 2, 4], events: [true, false, true, true],
                                   groups: [0, 0, 1, 1], groupNames: ["A", "B"])
        // MUT / validate
        #expect(agrees(test.groups[0].expected, 5.0 / 6))
        #expect(agrees(test.chiSquare, 1.0 / 17))
        #expect(test.degreesOfFreedom == 1)
    }

    @Test func emptyGroupIsAnError() {
        // setup: level "C" has no subject
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.emptyGroup("C")) {
            try LogRankTest(times: [1, 2, 3], events: [true, true, false], groups: [0, 1, 0], groupNames: ["A", "B", "C"])
        }
    }

    @Test func singleGroupIsAnError() throws {
        // setup
        let columns = try SurvivalColumns(names: ["t", "e", "g"], columns: ["t": ["1", "2"], "e": ["1", "0"], "g": ["x", "x"]])
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.tooFewGroups(found: 1)) {
            try SurvivalCommands.logRank(columns: columns, time: "t", event: "e", group: "g")
        }
    }

    @Test func allCensoredGivesZeroStatistic() throws {
        // setup: no event anywhere → every E is 0; nothing to compare (R: chisq 0)
        let test = try LogRankTest(times: [1, 2, 3, 4], events: [false, false, false, false],
                                   groups: [0, 1, 0, 1], groupNames: ["A", "B"])
        // MUT / validate
        #expect(test.chiSquare == 0)
        #expect(test.degreesOfFreedom == 0)
        #expect(test.pValue == 1)
    }
}
