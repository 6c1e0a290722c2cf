import Foundation
import Testing
@testable import Statistics

/// Clopper–Pearson against R `binom.test(x, n, conf.level)$conf.int`.
@Suite struct ClopperPearsonTests {
    @Test(arguments: 0..<8)
    func matchesBinomTest(caseIndex: Int) throws {
        // setup
        let fixture = try RFixture.list("binom")[caseIndex]
        let x = Int(number(fixture["successes"])!), n = Int(number(fixture["total"])!)
        // MUT
        let report = try SurvivalCommands.proportion(successes: x, total: n, confLevel: number(fixture["level"])!)
        // validate
        #expect(agrees(report.estimate, number(fixture["estimate"])), "\(x)/\(n) estimate")
        #expect(agrees(report.lower, number(fixture["lower"])), "\(x)/\(n) lower \(report.lower)")
        #expect(agrees(report.upper, number(fixture["upper"])), "\(x)/\(n) upper \(report.upper)")
        #expect(report.method == "clopper-pearson")
    }

    @Test func closedFormBoundaries() throws {
        // setup: x = 0 → upper = 1 − (α/2)^(1/n); x = n → lower = (α/2)^(1/n) (closed form of
        // the beta quantile with a parameter equal to 1).
        // MUT
        let none = try ClopperPearsonInterval(successes: 0, total: 12)
        let all = try ClopperPearsonInterval(successes: 12, total: 12)
        // validate
        #expect(none.lower == 0)
        #expect(agrees(none.upper, 1 - Foundation.pow(0.025, 1.0 / 12), tolerance: 1e-12))
        #expect(all.upper == 1)
        #expect(agrees(all.lower, Foundation.pow(0.025, 1.0 / 12), tolerance: 1e-12))
    }

    @Test func invalidArgumentsNameTheField() {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.invalidArgument(name: "successes", value: "11", expected: "an integer between 0 and total (10)")) {
            try ClopperPearsonInterval(successes: 11, total: 10)
        }
        #expect(throws: SurvivalStatisticsError.self) { try ClopperPearsonInterval(successes: -1, total: 10) }
        #expect(throws: SurvivalStatisticsError.self) { try ClopperPearsonInterval(successes: 0, total: 0) }
        #expect(throws: SurvivalStatisticsError.self) { try ClopperPearsonInterval(successes: 1, total: 2, level: 1) }
        #expect(throws: SurvivalStatisticsError.self) { try ClopperPearsonInterval(successes: 1, total: 2, level: 0) }
    }
}
