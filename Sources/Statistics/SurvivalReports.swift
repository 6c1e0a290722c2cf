import Foundation

extension KeyedEncodingContainer {
    /// Writes a number, or JSON null when it is absent or not finite (JSON has no NaN/∞).
    mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
        if let value, value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// Output of `stats km` (see ``SurvivalCommands/kaplanMeier(columns:time:event:group:confType:confLevel:)``).
public struct KaplanMeierReport: Sendable, Equatable, Encodable {
    public struct Step: Sendable, Equatable, Encodable {
        public let time: Double
        public let atRisk: Int
        public let events: Int
        /// Censored exactly at `time` (censorings between steps show only as the drop in atRisk).
        public let censored: Int
        public let survival: Double
        /// SE of the survival estimate itself (R `summary(fit)$std.err`), nil when S = 0.
        public let stdErr: Double?
        public let lower: Double?
        public let upper: Double?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encodeNumber(time, forKey: .time)
            try c.encode(atRisk, forKey: .atRisk)
            try c.encode(events, forKey: .events)
            try c.encode(censored, forKey: .censored)
            try c.encodeNumber(survival, forKey: .survival)
            try c.encodeNumber(stdErr, forKey: .stdErr)
            try c.encodeNumber(lower, forKey: .lower)
            try c.encodeNumber(upper, forKey: .upper)
        }
        enum Keys: String, CodingKey { case time, atRisk, events, censored, survival, stdErr, lower, upper }
    }

    public struct Group: Sendable, Equatable, Encodable {
        public let group: String
        public let n: Int
        public let events: Int
        public let median: Double?
        public let medianLower: Double?
        public let medianUpper: Double?
        public let steps: [Step]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(group, forKey: .group)
            try c.encode(n, forKey: .n)
            try c.encode(events, forKey: .events)
            try c.encodeNumber(median, forKey: .median)
            try c.encodeNumber(medianLower, forKey: .medianLower)
            try c.encodeNumber(medianUpper, forKey: .medianUpper)
            try c.encode(steps, forKey: .steps)
        }
        enum Keys: String, CodingKey { case group, n, events, median, medianLower, medianUpper, steps }
    }

    public let groups: [Group]
    public let skippedRows: Int
}

/// Output of `stats logrank`.
public struct LogRankReport: Sendable, Equatable, Encodable {
    public struct Group: Sendable, Equatable, Encodable {
        public let group: String
        public let n: Int
        public let observed: Double
        public let expected: Double
    }
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    public let pValue: Double
    public let groups: [Group]
    public let skippedRows: Int

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeNumber(chiSquare, forKey: .chiSquare)
        try c.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try c.encodeNumber(pValue, forKey: .pValue)
        try c.encode(groups, forKey: .groups)
        try c.encode(skippedRows, forKey: .skippedRows)
    }
    enum Keys: String, CodingKey { case chiSquare, degreesOfFreedom, pValue, groups, skippedRows }
}

/// Output of `stats cox`.
public struct CoxReport: Sendable, Equatable, Encodable {
    public struct Test: Sendable, Equatable, Encodable {
        public let statistic: Double
        public let degreesOfFreedom: Int
        public let pValue: Double
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encodeNumber(statistic, forKey: .statistic)
            try c.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
            try c.encodeNumber(pValue, forKey: .pValue)
        }
        enum Keys: String, CodingKey { case statistic, degreesOfFreedom, pValue }
    }
    public struct Coefficient: Sendable, Equatable, Encodable {
        public let name: String
        public let coef, se, hazardRatio, lower, upper, z, pValue: Double
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(name, forKey: .name)
            try c.encodeNumber(coef, forKey: .coef)
            try c.encodeNumber(se, forKey: .se)
            try c.encodeNumber(hazardRatio, forKey: .hazardRatio)
            try c.encodeNumber(lower, forKey: .lower)
            try c.encodeNumber(upper, forKey: .upper)
            try c.encodeNumber(z, forKey: .z)
            try c.encodeNumber(pValue, forKey: .pValue)
        }
        enum Keys: String, CodingKey { case name, coef, se, hazardRatio, lower, upper, z, pValue }
    }
    public let n: Int
    public let events: Int
    public let coefficients: [Coefficient]
    public let logLikelihood: Double
    public let logLikelihoodNull: Double
    public let likelihoodRatio: Test
    public let wald: Test
    public let score: Test
    public let skippedRows: Int
    /// Not part of the JSON contract: whether Newton–Raphson met eps within iter.max.
    public let converged: Bool

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(n, forKey: .n)
        try c.encode(events, forKey: .events)
        try c.encode(coefficients, forKey: .coefficients)
        try c.encodeNumber(logLikelihood, forKey: .logLikelihood)
        try c.encodeNumber(logLikelihoodNull, forKey: .logLikelihoodNull)
        try c.encode(likelihoodRatio, forKey: .likelihoodRatio)
        try c.encode(wald, forKey: .wald)
        try c.encode(score, forKey: .score)
        try c.encode(skippedRows, forKey: .skippedRows)
    }
    enum Keys: String, CodingKey {
        case n, events, coefficients, logLikelihood, logLikelihoodNull, likelihoodRatio, wald, score, skippedRows
    }
}

/// Output of `stats proportion`.
public struct ProportionReport: Sendable, Equatable, Codable {
    public let estimate: Double
    public let lower: Double
    public let upper: Double
    public let method: String
}
