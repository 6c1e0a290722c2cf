/// The overall outcome of release testing.
public enum ReleaseDisposition: String, Codable, Sendable, CaseIterable, Hashable {
    /// Every test done and passed: QA may release.
    case conforming
    /// At least one test failed (whatever is still pending): only an exceptional release can let
    /// the lot reach the patient.
    case outOfSpecification
    /// Nothing failed yet, but at least one result is pending.
    case incomplete
}

public enum ReleaseVerdict: String, Codable, Sendable, CaseIterable, Hashable {
    case pass, fail, pending
}

/// One test's verdict, with the limit and the measured value in words for the certificate.
public struct ReleaseTestVerdict: Codable, Sendable, Hashable {
    public var test: ReleaseTestKind
    public var limit: String
    public var measured: String
    public var verdict: ReleaseVerdict
}

/// A lot's release results judged against a specification.
public struct ReleaseEvaluation: Codable, Sendable, Hashable {
    public var lot: String
    public var specificationVersion: String
    /// One verdict per test, in ``ReleaseTestKind`` order.
    public var tests: [ReleaseTestVerdict]
    public var disposition: ReleaseDisposition
    /// CAR-positive viable cells in the bag; nil while a count it needs is pending.
    public var availableCARPositiveViableCells: Double?
    /// The patient's minimum dose (weight × minimum cells per kg, capped as ``DoseCalculator`` caps it).
    public var minimumDoseCells: Double

    /// Tests that failed: the reasons for `outOfSpecification`.
    public var failedTests: [ReleaseTestKind] { tests.filter { $0.verdict == .fail }.map(\.test) }
    /// Tests still pending: the reasons for `incomplete`.
    public var pendingTests: [ReleaseTestKind] { tests.filter { $0.verdict == .pending }.map(\.test) }

    /// Judges `results` against `spec` for a patient of `weightKilograms` dosed by `dose`.
    ///
    /// Every limit is inclusive (a viability exactly at the minimum passes). Dose feasibility:
    /// available CAR+ viable cells = viable cells/mL × CAR expression % ÷ 100 × bag volume, compared
    /// with the minimum dose weight × `minimumCellsPerKilogram` from ``DoseCalculator`` (so a total cap
    /// in the profile applies here exactly as at dosing); pending while any of the three counts is.
    /// Disposition: any fail → `outOfSpecification`; else any pending → `incomplete`; else `conforming`.
    /// Numbers are compared as given, without rounding: report them to the precision the
    /// laboratory's method supports.
    /// - Throws: ``ValidationFailure`` naming each impossible result (a percentage above 100, a
    ///   negative count, the wrong word for a qualitative test) or a weight outside 0–500 kg.
    public static func evaluate(_ results: ReleaseTestResults, _ spec: ReleaseSpecification,
                                weightKilograms: Double, dose: DoseSpecification) throws -> ReleaseEvaluation {
        try results.validate()
        let minimum = try DoseCalculator.calculate(dose, weightKilograms: weightKilograms).minimumCells
        var available: Double?
        if let v = results.viableCellsPerMilliliter, let car = results.carExpressionPercent, let volume = results.bagVolumeMilliliters {
            available = v * (car / 100) * volume
        }

        let tests: [ReleaseTestVerdict] = ReleaseTestKind.allCases.map { test in
            switch test {
            case .sterility: qualitative(test, results.sterility, accepted: .negative, limit: "negative")
            case .mycoplasma: qualitative(test, results.mycoplasma, accepted: .negative, limit: "negative")
            case .replicationCompetentLentivirus:
                qualitative(test, results.replicationCompetentLentivirus, accepted: .notDetected, limit: "not detected")
            case .identity: qualitative(test, results.identity, accepted: .confirmed, limit: "confirmed")
            case .endotoxin:
                quantity(test, results.endotoxinEUPerMilliliter, atMost: spec.endotoxinMaximumEUPerMilliliter, unit: "EU/mL")
            case .viability: quantity(test, results.viabilityPercent, atLeast: spec.viabilityMinimumPercent, unit: "%")
            case .carExpression: quantity(test, results.carExpressionPercent, atLeast: spec.carExpressionMinimumPercent, unit: "%")
            case .vectorCopyNumber:
                quantity(test, results.vectorCopyNumberPerTransducedCell, atMost: spec.vectorCopyNumberMaximumPerTransducedCell,
                         unit: "copies/transduced cell")
            case .doseFeasibility:
                ReleaseTestVerdict(
                    test: test,
                    limit: "≥ \(scientific(minimum)) CAR+ viable cells (\(CustodyText.number(weightKilograms)) kg × \(scientific(dose.minimumCellsPerKilogram))/kg)",
                    measured: available.map { "\(scientific($0)) CAR+ viable cells" }
                        ?? "pending (needs viable cells/mL, CAR expression and bag volume)",
                    verdict: available.map { $0 >= minimum ? .pass : .fail } ?? .pending)
            }
        }
        let disposition: ReleaseDisposition =
            tests.contains { $0.verdict == .fail } ? .outOfSpecification
            : tests.contains { $0.verdict == .pending } ? .incomplete : .conforming
        return ReleaseEvaluation(lot: results.lot, specificationVersion: spec.version, tests: tests,
                                 disposition: disposition, availableCARPositiveViableCells: available,
                                 minimumDoseCells: minimum)
    }

    static func qualitative(_ test: ReleaseTestKind, _ value: ReleaseQualitativeFinding?,
                            accepted: ReleaseQualitativeFinding, limit: String) -> ReleaseTestVerdict {
        guard let value else { return ReleaseTestVerdict(test: test, limit: limit, measured: "pending", verdict: .pending) }
        let words: [ReleaseQualitativeFinding: String] = [
            .negative: "negative", .positive: "positive", .notDetected: "not detected", .detected: "detected",
            .confirmed: "confirmed", .notConfirmed: "not confirmed",
        ]
        return ReleaseTestVerdict(test: test, limit: limit, measured: words[value] ?? value.rawValue,
                                  verdict: value == accepted ? .pass : .fail)
    }

    static func quantity(_ test: ReleaseTestKind, _ value: Double?, atLeast minimum: Double? = nil,
                         atMost maximum: Double? = nil, unit: String) -> ReleaseTestVerdict {
        let limit = minimum.map { "≥ \(CustodyText.number($0)) \(unit)" } ?? "≤ \(CustodyText.number(maximum!)) \(unit)"
        guard let value else { return ReleaseTestVerdict(test: test, limit: limit, measured: "pending", verdict: .pending) }
        let passes = (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
        return ReleaseTestVerdict(test: test, limit: limit, measured: "\(CustodyText.number(value)) \(unit)",
                                  verdict: passes ? .pass : .fail)
    }
}

extension ReleaseDisposition {
    /// In words, for pages and custody summaries.
    public var displayName: String {
        switch self {
        case .conforming: "conforming"
        case .outOfSpecification: "out of specification"
        case .incomplete: "incomplete (results pending)"
        }
    }
}
