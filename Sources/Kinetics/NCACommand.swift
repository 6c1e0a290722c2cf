import CartographCore
import Clinical
import Foundation

/// Invalid input to `cartograph kinetics nca` (the shared contract error).
public typealias NCAInputError = ContractInputError

/// `cartograph kinetics nca`: NCA of one CAR transgene series (a JSON object) or several (an array).
///
/// Input: `{"samples": [{"day": number, "copiesPerMicrogram": number}, …], "lowerLimitOfDetection": number}`;
/// all keys required; samples non-empty, days ≥ 0 in strictly increasing order, levels ≥ 0, LLOD > 0.
///
/// Output (keys sorted): `{"auc0to28": number|null, "auc0to28Interpolated": bool, "cmax": number|null,
/// "detectableAt12Months": bool|null, "detectableAt24Months": bool|null, "persistenceDays": number,
/// "persistenceOngoing": bool, "ruleSet": "TRANSGENE-NCA-1", "tlast": number|null, "tmax": number|null}`.
/// Rules, units and the 12/24-month window: see `TransgeneNCA`.
public enum NCACommand {
    /// Runs the command on the bytes of standard input.
    ///
    /// - Throws: `NCAInputError` naming the field (array elements prefixed `[n].`).
    public static func run(_ input: Data) throws -> Data {
        let document = try StrictJSONValue.parse(input)
        try document.requireShape(shape)
        if case .array(let series) = document {
            let outputs = try series.enumerated().map { i, item in
                do { return try evaluate(item) } catch let e as NCAInputError { throw e.prefixed("[\(i)]") }
            }
            return try StrictJSONValue.array(outputs).serialized()
        }
        return try evaluate(document).serialized()
    }

    static func evaluate(_ value: StrictJSONValue) throws -> StrictJSONValue {
        let (samples, llod) = try parse(value)
        let r = TransgeneNCA.analyze(samples: samples, lowerLimitOfDetection: llod)
        func number(_ v: Double?) -> StrictJSONValue { v.map(StrictJSONValue.number) ?? .null }
        func flag(_ v: Bool?) -> StrictJSONValue { v.map(StrictJSONValue.bool) ?? .null }
        return .object([
            "ruleSet": .string(r.ruleSet),
            "cmax": number(r.cmax),
            "tmax": number(r.tmax),
            "auc0to28": number(r.auc0to28),
            "auc0to28Interpolated": .bool(r.auc0to28Interpolated),
            "tlast": number(r.tlast),
            "persistenceDays": .number(r.persistenceDays),
            "persistenceOngoing": .bool(r.persistenceOngoing),
            "detectableAt12Months": flag(r.detectableAt12Months),
            "detectableAt24Months": flag(r.detectableAt24Months),
        ])
    }

    static let sampleShape = StrictJSONShape(allowed: ["day", "copiesPerMicrogram"])
    /// One series' input, checked whole before any value is read.
    static let shape = StrictJSONShape(allowed: ["samples", "lowerLimitOfDetection"], nested: ["samples": sampleShape])

    static func parse(_ value: StrictJSONValue) throws -> ([TransgeneSample], Double) {
        let root = try ContractJSONObject(value, path: "", shape: shape)
        guard let llod = try root.number("lowerLimitOfDetection") else {
            throw NCAInputError(field: "lowerLimitOfDetection", message: "required")
        }
        guard llod.isFinite, llod > 0 else {
            throw NCAInputError(field: "lowerLimitOfDetection", message: "must be a finite number > 0, got \(NCAInputError.text(llod))")
        }
        guard let list = try root.array("samples") else {
            throw NCAInputError(field: "samples", message: "required")
        }
        guard !list.isEmpty else { throw NCAInputError(field: "samples", message: "must hold at least one sample") }
        var samples: [TransgeneSample] = []
        for (i, item) in list.enumerated() {
            let o = try ContractJSONObject(item, path: "samples[\(i)]", shape: sampleShape)
            guard let day = try o.number("day") else { throw NCAInputError(field: o.field("day"), message: "required") }
            guard day.isFinite, day >= 0 else {
                throw NCAInputError(field: o.field("day"), message: "must be a finite number ≥ 0 (days after infusion), got \(NCAInputError.text(day))")
            }
            if let previous = samples.last, day <= previous.day {
                throw NCAInputError(field: o.field("day"),
                                    message: "\(NCAInputError.text(day)) is not after the previous sample's day \(NCAInputError.text(previous.day)); samples must be in increasing day order")
            }
            guard let copies = try o.number("copiesPerMicrogram") else {
                throw NCAInputError(field: o.field("copiesPerMicrogram"), message: "required")
            }
            guard copies.isFinite, copies >= 0 else {
                throw NCAInputError(field: o.field("copiesPerMicrogram"), message: "must be a finite number ≥ 0, got \(NCAInputError.text(copies))")
            }
            samples.append(TransgeneSample(day: day, copiesPerMicrogram: copies))
        }
        return (samples, llod)
    }
}
