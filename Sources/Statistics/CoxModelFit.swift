import Foundation

/// A fitted Cox model: coefficients, variance and the three global tests.
public struct CoxModelFit: Sendable, Equatable, Codable {
    public let names: [String]
    /// log hazard ratios β̂, one per covariate.
    public let coefficients: [Double]
    /// Var(β̂) = I(β̂)⁻¹, row-major p×p (model-based, not robust).
    public let variance: [Double]
    /// ℓ(0), the log partial likelihood of the null model.
    public let logLikelihoodNull: Double
    /// ℓ(β̂).
    public let logLikelihood: Double
    /// Score (log-rank type) test U(0)ᵀI(0)⁻¹U(0), R `fit$score`.
    public let scoreStatistic: Double
    public let iterations: Int
    public let converged: Bool
    public let n: Int
    public let events: Int
    public let ties: CoxTieMethod

    /// A chi-square test statistic with its degrees of freedom and upper-tail p-value.
    public struct ChiSquareTest: Sendable, Equatable, Codable {
        public let statistic: Double
        public let degreesOfFreedom: Int
        public let pValue: Double
        init(_ statistic: Double, _ df: Int) {
            self.statistic = statistic
            self.degreesOfFreedom = df
            self.pValue = ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: Double(df))
        }
    }

    /// One covariate's row of R's `summary(coxph)`.
    public struct Coefficient: Sendable, Equatable, Codable {
        public let name: String
        public let coef: Double
        public let se: Double
        public let hazardRatio: Double
        public let lower: Double
        public let upper: Double
        public let z: Double
        public let pValue: Double
    }

    /// Standard errors √diag(Var β̂).
    public var standardErrors: [Double] {
        (0..<coefficients.count).map { variance[$0 * coefficients.count + $0].squareRoot() }
    }

    /// Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)) on p df.
    public var likelihoodRatioTest: ChiSquareTest {
        ChiSquareTest(2 * (logLikelihood - logLikelihoodNull), coefficients.count)
    }

    /// Wald test β̂ᵀ Var(β̂)⁻¹ β̂ on p df (R `fit$wald.test`).
    public var waldTest: ChiSquareTest {
        let p = coefficients.count
        let solved = (try? SymmetricSolver.solve(variance, dimension: p, rhs: coefficients, context: "variance"))
            ?? [Double](repeating: .nan, count: p)
        return ChiSquareTest(zip(coefficients, solved).reduce(0) { $0 + $1.0 * $1.1 }, p)
    }

    /// Score test on p df.
    public var scoreTest: ChiSquareTest { ChiSquareTest(scoreStatistic, coefficients.count) }

    /// Per-covariate summary: HR = exp(β), limits exp(β ∓ z·SE) with z = Φ⁻¹(1 − (1 − level)/2),
    /// Wald z = β/SE and two-sided p = 2(1 − Φ(|z|)), as R `summary(coxph, conf.int = level)`.
    public func coefficientSummary(level: Double = 0.95) -> [Coefficient] {
        let zc = NormalDistribution.quantile(1 - (1 - level) / 2)
        let se = standardErrors
        return coefficients.indices.map { i in
            let b = coefficients[i]
            let z = b / se[i]
            return Coefficient(name: names[i], coef: b, se: se[i], hazardRatio: exp(b),
                               lower: exp(b - zc * se[i]), upper: exp(b + zc * se[i]),
                               z: z, pValue: NormalDistribution.twoSidedPValue(z))
        }
    }
}
