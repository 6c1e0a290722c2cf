import CartographCore
import Foundation

/// The JSON contract of the in-silico trial (`trial-cli --json`, and `cartograph trial` when the lead
/// wires it).
///
/// Input: one object or an array of objects, every field optional (defaults in brackets):
/// `preset` ("fumanba-1"), `patients` (109, 1…1,000,000), `seed` (20241231, integer ≥ 0),
/// `followUpMonths` (36, 1…120), `dissociationRate` (model value 5e-3 /s, 1e-6…10), `scfv`
/// ("human" | "murine"), `dose` (1.0 ×10⁶/kg, 0.01…100), `priorLines` (drawn; 3…23),
/// `tumorBurden` (1, 0.01…10), `replicates` (0, replicate trials behind each row's `expected`; see
/// `FucasoReplicateTrials`). Unknown fields are rejected.
///
/// Output: for each input, in order, an object with the `FucasoTrialSummary` fields at top level plus
/// `comparison` (published vs simulated rows), `predictions` (held-out figures) and `scenario` (the
/// options used); keys sorted. Records are not returned (use the library for `--into`).
public enum FucasoTrialCommand {
    /// Runs the contract. Throws `FucasoTrialOptionError` naming the field for invalid input.
    public static func run(_ input: Data) throws -> Data {
        let json: StrictJSONValue
        do { json = try StrictJSONReader.document(input) } catch { throw FucasoTrialOptionError("input", error.description) }
        let problems = StrictJSONShape(allowed: fields.sorted()).problems(inOneOrMany: json, root: "input")
        if let first = problems.first {
            throw FucasoTrialOptionError(first.field, ([first.message] + problems.dropFirst().map(\.description)).joined(separator: "; "))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if case .array(let list) = json {
            let outputs = try list.enumerated().map { i, item -> Output in
                guard case .object(let object) = item else { throw FucasoTrialOptionError("[\(i)]", "expected an object") }
                return try output(for: options(from: object, prefix: "[\(i)]."))
            }
            return try encoder.encode(outputs)
        }
        guard case .object(let object) = json else { throw FucasoTrialOptionError("input", "expected an object or an array of objects") }
        return try encoder.encode(output(for: options(from: object, prefix: "")))
    }

    /// One run's JSON output.
    public struct Output: Encodable {
        public var summary: FucasoTrialSummary
        public var comparison: [FucasoComparisonRow]
        public var predictions: [FucasoPrediction]
        public var scenario: Scenario

        /// The output of a finished run.
        public init(_ r: FucasoTrialResult) {
            let o = r.options
            summary = r.summary
            comparison = r.comparison
            predictions = r.predictions
            scenario = Scenario(preset: FucasoTrialOptions.preset, patients: o.patients, seed: o.seed,
                                followUpMonths: o.followUpMonths, dissociationRate: o.effectiveDissociationRate,
                                scfv: o.scFv.rawValue, dose: o.dose, priorLines: o.priorLines, tumorBurden: o.tumorBurden)
        }

        public struct Scenario: Encodable {
            public var preset: String
            public var patients: Int
            public var seed: UInt64
            public var followUpMonths: Double
            public var dissociationRate: Double
            public var scfv: String
            public var dose: Double
            public var priorLines: Int?
            public var tumorBurden: Double
            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(preset, forKey: .preset); try c.encode(patients, forKey: .patients)
                try c.encode(seed, forKey: .seed); try c.encode(followUpMonths, forKey: .followUpMonths)
                try c.encode(dissociationRate, forKey: .dissociationRate); try c.encode(scfv, forKey: .scfv)
                try c.encode(dose, forKey: .dose); try c.encode(priorLines, forKey: .priorLines)
                try c.encode(tumorBurden, forKey: .tumorBurden)
            }
            enum CodingKeys: String, CodingKey {
                case preset, patients, seed, followUpMonths, dissociationRate, scfv, dose, priorLines, tumorBurden
            }
        }

        /// Summary fields at top level, then the three extra keys.
        public func encode(to encoder: Encoder) throws {
            try summary.encode(to: encoder)
            var c = encoder.container(keyedBy: ExtraKeys.self)
            try c.encode(comparison, forKey: .comparison)
            try c.encode(predictions, forKey: .predictions)
            try c.encode(scenario, forKey: .scenario)
        }
        enum ExtraKeys: String, CodingKey { case comparison, predictions, scenario }
    }

    /// Runs one trial and shapes its output.
    public static func output(for options: FucasoTrialOptions) throws -> Output {
        Output(try FucasoTrial.run(options))
    }

    static let fields: Set<String> = ["preset", "patients", "seed", "followUpMonths", "dissociationRate", "scfv", "dose",
                                      "priorLines", "tumorBurden", "replicates"]

    /// Strictly reads options from one JSON object (records are never kept by the contract).
    public static func options(from object: [String: StrictJSONValue], prefix: String = "") throws -> FucasoTrialOptions {
        func number(_ key: String) throws -> Double? {
            switch object[key] {
            case nil, .null?: return nil
            case .number(let n)?: return n
            case let v?: throw FucasoTrialOptionError(prefix + key, "expected a number, got \(v.summary)")
            }
        }
        func integer(_ key: String) throws -> Int? {
            guard let d = try number(key) else { return nil }
            guard d == d.rounded(), abs(d) < 1e15 else { throw FucasoTrialOptionError(prefix + key, "expected an integer, got \(d)") }
            return Int(d)
        }
        var o = FucasoTrialOptions(keepRecords: false)
        if let v = object["preset"] {
            guard case .string(let s) = v, s == FucasoTrialOptions.preset else {
                throw FucasoTrialOptionError(prefix + "preset", "unknown value \(v.summary); expected \"\(FucasoTrialOptions.preset)\"")
            }
        }
        if let v = try integer("patients") { o.patients = v }
        if let v = try integer("seed") {
            guard v >= 0 else { throw FucasoTrialOptionError(prefix + "seed", "\(v) must be ≥ 0") }
            o.seed = UInt64(v)
        }
        if let v = try number("followUpMonths") { o.followUpMonths = v }
        if let v = try number("dissociationRate") { o.dissociationRate = v }
        if let v = object["scfv"] {
            guard case .string(let s) = v, let origin = FucasoScFvOrigin(rawValue: s) else {
                throw FucasoTrialOptionError(prefix + "scfv", "unknown value \(v.summary); expected one of human, murine")
            }
            o.scFv = origin
        }
        if let v = try number("dose") { o.dose = v }
        if let v = try integer("priorLines") { o.priorLines = v }
        if let v = try number("tumorBurden") { o.tumorBurden = v }
        if let v = try integer("replicates") { o.replicates = v }
        do { try o.validate() } catch let e as FucasoTrialOptionError { throw FucasoTrialOptionError(prefix + e.field, e.message) }
        return o
    }
}
