import Foundation
import Testing
@testable import Statistics

/// `stats cox` against R `coxph` (Efron and Breslow, strata) on lung, veteran, ovarian.
@Suite struct CoxRegressionTests {
    @Test(arguments: 0..<9)
    func matchesCoxph(caseIndex: Int) throws {
        // setup
        let fixture = try RFixture.list("cox")[caseIndex]
        let name = fixture["name"] as! String
        let table = try RFixture.dataset(forCase: name)
        let strata = fixture["strata"] as! String
        // MUT
        let report = try SurvivalCommands.cox(
            columns: table, time: fixture["time"] as! String, event: fixture["event"] as! String,
            covariates: strings(fixture["covariates"]), ties: CoxTieMethod(rawValue: fixture["ties"] as! String)!,
            strata: strata.isEmpty ? nil : strata)
        // validate
        #expect(report.n == Int(number(fixture["n"])!), "\(name) n")
        #expect(report.events == Int(number(fixture["events"])!), "\(name) events")
        #expect(report.skippedRows == table.rowCount - report.n, "\(name) skipped rows")
        #expect(report.converged)
        let keys: [(String, (CoxReport.Coefficient) -> Double)] = [
            ("coef", { $0.coef }), ("se", { $0.se }), ("hazardRatio", { $0.hazardRatio }),
            ("lower", { $0.lower }), ("upper", { $0.upper }), ("z", { $0.z }), ("pValue", { $0.pValue }),
        ]
        for (key, value) in keys {
            let want = numbers(fixture[key])
            for (i, c) in report.coefficients.enumerated() {
                #expect(agrees(value(c), want[i]), "\(name) \(c.name) \(key): \(value(c)) vs R \(String(describing: want[i]))")
            }
        }
        #expect(agrees(report.logLikelihood, number(fixture["logLikelihood"])), "\(name) loglik")
        #expect(agrees(report.logLikelihoodNull, number(fixture["logLikelihoodNull"])), "\(name) null loglik")
        for (key, test) in [("likelihoodRatio", report.likelihoodRatio), ("wald", report.wald), ("score", report.score)] {
            let want = fixture[key] as! [String: Any]
            #expect(agrees(test.statistic, number(want["statistic"])), "\(name) \(key) statistic")
            #expect(test.degreesOfFreedom == Int(number(want["degreesOfFreedom"])!), "\(name) \(key) df")
            #expect(agrees(test.pValue, number(want["pValue"])), "\(name) \(key) p")
        }
    }

    @Test func iterationCountMatchesR() throws {
        // setup: the same stopping rule must stop at the same iterate as coxph
        for fixture in try RFixture.list("cox") {
            let table = try RFixture.dataset(forCase: fixture["name"] as! String)
            let covs = strings(fixture["covariates"])
            let used = [fixture["time"] as! String, fixture["event"] as! String] + covs
                + ((fixture["strata"] as! String).isEmpty ? [] : [fixture["strata"] as! String])
            let rows = try table.completeRows(used).rows
            let strata = (fixture["strata"] as! String).isEmpty ? nil : try table.levels(fixture["strata"] as! String, rows: rows).index
            // MUT
            let fit = try CoxRegression.fit(
                times: table.times(used[0], rows: rows), events: table.events(used[1], rows: rows),
                covariates: covs.map { try table.numbers($0, rows: rows) }, names: covs, strata: strata,
                ties: CoxTieMethod(rawValue: fixture["ties"] as! String)!)
            // validate
            #expect(fit.iterations == Int(number(fixture["iterations"])!), "\(fixture["name"]!) iterations")
        }
    }

    @Test func singleBinaryCovariateNoTiesHandCheck() throws {
        // setup: times 1..4, all events, x = 1,0,1,0. Without ties Efron = Breslow and
        // ℓ(0) = −Σ log(nᵢ) = −log(4·3·2·1) = −log 24.
        let times: [Double] = [1, 2, 3, 4]
        let events = [true, true, true, true]
        let x: [Double] = [1, 0, 1, 0]
        // MUT
        let efron = try CoxRegression.fit(times: times, events: events, covariates: [x])
        let breslow = try CoxRegression.fit(times: times, events: events, covariates: [x], ties: .breslow)
        // validate
        #expect(agrees(efron.logLikelihoodNull, -Foundation.log(24.0), tolerance: 1e-12))
        #expect(agrees(efron.coefficients[0], breslow.coefficients[0], tolerance: 1e-12))
    }

    @Test func constantCovariateIsSingular() {
        // setup
        let times: [Double] = [1, 2, 3, 4]
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.self) {
            try CoxRegression.fit(times: times, events: [true, false, true, true], covariates: [[2, 2, 2, 2]])
        }
    }

    @Test func noEventIsRejected() {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.self) {
            try CoxRegression.fit(times: [1, 2], events: [false, false], covariates: [[0, 1]])
        }
    }
}
