import Foundation
import Testing
@testable import Statistics

/// Normal, chi-square and beta functions against R's pnorm, qnorm, pchisq, qbeta.
@Suite struct DistributionTests {
    @Test func chiSquareTailsMatchPchisq() throws {
        for point in try RFixture.list("chiSquare") {
            // setup
            let x = number(point["x"])!, df = number(point["df"])!
            // MUT / validate (1e-12 relative, as the brief asks for p-values)
            #expect(agrees(ChiSquareDistribution.upperTail(x, degreesOfFreedom: df), number(point["upper"]), tolerance: 1e-12), "Q(\(x); \(df))")
            #expect(agrees(ChiSquareDistribution.cdf(x, degreesOfFreedom: df), number(point["lowerTail"]), tolerance: 1e-12), "P(\(x); \(df))")
        }
    }

    @Test func normalMatchesPnormAndQnorm() throws {
        // setup
        for point in try RFixture.list("normal") {
            let x = number(point["x"])!
            // MUT / validate
            #expect(agrees(NormalDistribution.cdf(x), number(point["cdf"]), tolerance: 1e-12), "Φ(\(x))")
            #expect(agrees(NormalDistribution.upperTail(x), number(point["upper"]), tolerance: 1e-12), "1−Φ(\(x))")
        }
        for point in try RFixture.list("normalQuantile") {
            let p = Double(point["p"] as! String)!
            #expect(agrees(NormalDistribution.quantile(p), number(point["quantile"]), tolerance: 1e-12), "Φ⁻¹(\(p))")
        }
    }

    @Test func betaQuantileMatchesQbeta() throws {
        // setup
        for point in try RFixture.list("betaQuantile") {
            let p = number(point["p"])!, a = number(point["a"])!, b = number(point["b"])!
            // MUT / validate
            #expect(agrees(IncompleteBeta.quantile(p, a, b), number(point["quantile"]), tolerance: 1e-12), "qbeta(\(p), \(a), \(b))")
        }
    }

    @Test func closedForms() {
        // χ²(2) upper tail is e^(−x/2); χ²(1) upper tail is erfc(√(x/2)) = 2(1 − Φ(√x)).
        // setup: closed-form inputs inline; MUT / validate below
        #expect(agrees(ChiSquareDistribution.upperTail(7.3, degreesOfFreedom: 2), Foundation.exp(-3.65), tolerance: 1e-13))
        #expect(agrees(ChiSquareDistribution.upperTail(3.84, degreesOfFreedom: 1), 2 * NormalDistribution.upperTail(3.84.squareRoot()), tolerance: 1e-13))
        // I_x(1, 1) = x; I_x(a, 1) = xᵃ.
        #expect(agrees(IncompleteBeta.regularized(0.3, 1, 1), 0.3, tolerance: 1e-14))
        #expect(agrees(IncompleteBeta.regularized(0.3, 4, 1), Foundation.pow(0.3, 4), tolerance: 1e-13))
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(ChiSquareDistribution.upperTail(0, degreesOfFreedom: 3) == 1)
    }
}
