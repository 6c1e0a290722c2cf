import CartographCore
import Foundation

/// The `grade crs|ice|icans|hematotox|icaht` JSON command contracts.
///
/// Each command takes one JSON object, or a JSON array of objects, and returns the result as an
/// object, or an array in the same order, with sorted keys. Absent fields take their documented
/// defaults; unknown fields, wrong types, out-of-range numbers, unknown enum values and malformed
/// JSON throw a `ClinicalInputError` whose description names the field (`[i].field` inside arrays).
public enum GradingCommand {
    /// The command names, as typed after `grade`.
    public static let names = ["crs", "ice", "icans", "hematotox", "icaht"]

    /// Runs the command called `name`. Throws `ClinicalInputError` (field `command`) for an unknown name.
    public static func run(_ name: String, _ input: Data) throws -> Data {
        switch name {
        case "crs": return try crs(input)
        case "ice": return try ice(input)
        case "icans": return try icans(input)
        case "hematotox": return try hematotox(input)
        case "icaht": return try icaht(input)
        default:
            throw ClinicalInputError(field: "command", message: "unknown command \"\(name)\"; expected one of \(names.joined(separator: ", "))")
        }
    }

    /// `grade crs`: `CRSAssessment` in, `{"grade", "reasons"}` out (ASTCT 2019).
    public static func crs(_ input: Data) throws -> Data {
        try map(input) { (a: CRSAssessment) in
            let r = try CRSGrading.grade(a)
            return GradeOutput(grade: r.grade, reasons: r.reasons)
        }
    }

    /// `grade ice`: the five ICE items in, `{"score"}` out.
    public static func ice(_ input: Data) throws -> Data {
        try map(input) { (s: ICEScore) in ScoreOutput(score: s.total) }
    }

    /// `grade icans`: `ICANSAssessment` in, `{"grade", "reasons"}` out (ASTCT 2019, adults).
    public static func icans(_ input: Data) throws -> Data {
        try map(input) { (a: ICANSAssessment) in
            let r = try ICANSGrading.grade(a)
            return GradeOutput(grade: r.grade, reasons: r.reasons)
        }
    }

    /// `grade hematotox`: baseline labs in, `{"score", "risk", "reasons"}` out (CAR-HEMATOTOX).
    public static func hematotox(_ input: Data) throws -> Data {
        try map(input) { (x: CARHematotoxInput) in
            let r = try CARHematotox.score(x)
            return HematotoxOutput(score: r.score, risk: r.risk, reasons: r.reasons)
        }
    }

    /// `grade icaht`: `{"ancSeries": [{"day", "ancPerMicroliter"}], "censorDay"?, "lateWindowEndDay"?}`
    /// in, `{"early": {...}|null, "late": {...}|null, "reasons", "ruleSet"}` out (EHA/EBMT 2023).
    public static func icaht(_ input: Data) throws -> Data {
        try map(input) { (x: ICAHTInput) in try ICAHTGrading.grade(x) }
    }

    // MARK: - One object or an array of objects

    private struct GradeOutput: Encodable { var grade: Int; var reasons: [String] }
    private struct ScoreOutput: Encodable { var score: Int }
    private struct HematotoxOutput: Encodable { var score: Int; var risk: CARHematotoxRisk; var reasons: [String] }

    /// Decodes each item of an array with its index kept, so errors say `[i].field`.
    private struct IndexedItems<Item: Decodable>: Decodable {
        var items: [Item] = []
        init(from decoder: any Decoder) throws {
            var list = try decoder.unkeyedContainer()
            while !list.isAtEnd {
                let index = list.currentIndex
                do { items.append(try list.decode(Item.self)) } catch let error as ClinicalInputError {
                    throw error.field == "input" ? ClinicalInputError(field: "[\(index)]", message: error.message) : error.inItem(index)
                }
            }
        }
    }

    /// Reads `input` with the shared strict reader (syntax, duplicate keys, and every unknown key of
    /// every item at once), then decodes and grades each item.
    private static func map<Item: GradingInput, Output: Encodable>(
        _ input: Data, _ transform: (Item) throws -> Output
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document: StrictJSONValue
        do { document = try StrictJSONReader.document(input) } catch {
            switch error {
            case .syntax(let message): throw ClinicalInputError(field: "input", message: message)
            case .fields(let problems): throw ClinicalInputError(problems)
            }
        }
        switch document {
        case .array, .object: break
        default: throw ClinicalInputError(field: "input", message: "expected a JSON object or an array of objects")
        }
        let problems = Item.shape.problems(inOneOrMany: document, root: "input")
        if !problems.isEmpty { throw ClinicalInputError(problems) }
        // Typed reading from the checked value itself, so the engines see exactly what was checked.
        let decoder = StrictJSONDecoder()
        do {
            if case .array = document {
                let items = try decoder.decode(IndexedItems<Item>.self, from: document).items
                var outputs: [Output] = []
                for (index, item) in items.enumerated() {
                    do { outputs.append(try transform(item)) } catch let error as ClinicalInputError {
                        throw error.inItem(index)
                    }
                }
                return try encoder.encode(outputs)
            }
            return try encoder.encode(try transform(try decoder.decode(Item.self, from: document)))
        } catch let error as ClinicalInputError {
            throw error
        } catch let error as DecodingError {
            let found = StrictJSONReader.fieldError(error, root: "input")
            throw ClinicalInputError(field: found.field, message: found.message)
        }
    }
}

extension CRSAssessment: GradingInput {}
extension ICEScore: GradingInput {}
extension ICANSAssessment: GradingInput {}
extension CARHematotoxInput: GradingInput {}
extension ICAHTInput: GradingInput {}
