import Foundation

/// The Clopper–Pearson "exact" confidence interval for a binomial proportion, e.g. an
/// overall response rate (x responders of n infused).
///
/// Source: Clopper & Pearson (1934) Biometrika 26:404, in the beta-quantile form used by R
/// `binom.test(x, n, conf.level)$conf.int`:
/// lower = qbeta(α/2, x, n − x + 1) (0 when x = 0), upper = qbeta(1 − α/2, x + 1, n − x)
/// (1 when x = n), α = 1 − level. Accuracy ~1e-14 (see ``IncompleteBeta/quantile(_:_:_:)``).
public struct ClopperPearsonInterval: Sendable, Equatable, Codable {
    public let successes: Int
    public let total: Int
    public let level: Double
    /// x/n.
    public let estimate: Double
    public let lower: Double
    public let upper: Double

    /// - Parameters:
    ///   - successes: x, 0 ≤ x ≤ n.
    ///   - total: n ≥ 1.
    ///   - level: confidence level in (0, 1), default 0.95.
    /// - Throws: ``SurvivalStatisticsError/invalidArgument(name:value:expected:)`` naming
    ///   `successes`, `total` or `conf-level`.
    public init(successes x: Int, total n: Int, level: Double = 0.95) throws {
        guard n >= 1 else { throw SurvivalStatisticsError.invalidArgument(name: "total", value: "\(n)", expected: "an integer ≥ 1") }
        guard x >= 0, x <= n else {
            throw SurvivalStatisticsError.invalidArgument(name: "successes", value: "\(x)", expected: "an integer between 0 and total (\(n))")
        }
        guard level > 0, level < 1 else {
            throw SurvivalStatisticsError.invalidArgument(name: "conf-level", value: "\(level)", expected: "a number strictly between 0 and 1")
        }
        let alpha = (1 - level) / 2
        self.successes = x
        self.total = n
        self.level = level
        self.estimate = Double(x) / Double(n)
        self.lower = x == 0 ? 0 : IncompleteBeta.quantile(alpha, Double(x), Double(n - x + 1))
        self.upper = x == n ? 1 : IncompleteBeta.quantile(1 - alpha, Double(x + 1), Double(n - x))
    }
}
