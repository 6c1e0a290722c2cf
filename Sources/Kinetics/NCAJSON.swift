import Foundation

/// A parsed JSON value for `NCACommand`, kept untyped so errors can name the exact field (same design as
/// the response command's reader; duplicated because Kinetics does not depend on Clinical here).
enum NCAJSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([NCAJSONValue])
    case object([String: NCAJSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([NCAJSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: NCAJSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d):
            // Whole numbers (days) print without a decimal point.
            if d == d.rounded(), abs(d) < 9.0e15 { try c.encode(Int(d)) } else { try c.encode(d) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Short description of the value for error messages.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let d): "number \(NCAInputError.text(d))"
        case .string(let s): "string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Parses `data`, reporting malformed JSON against the field `input`.
    static func parse(_ data: Data) throws -> NCAJSONValue {
        do {
            return try JSONDecoder().decode(NCAJSONValue.self, from: data)
        } catch {
            throw NCAInputError(field: "input", message: "malformed JSON: not a valid JSON document")
        }
    }

    /// Serializes with sorted keys, as every Cartograph command does.
    func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Typed, strict access to one JSON object at a known path.
struct NCAJSONObject {
    let fields: [String: NCAJSONValue]
    let path: String

    /// - Throws: when `value` is not an object, or has a key outside `allowed`.
    init(_ value: NCAJSONValue, path: String, allowed: [String]) throws {
        guard case .object(let fields) = value else {
            throw NCAInputError(field: path.isEmpty ? "input" : path, message: "expected an object, got \(value.summary)")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let field = path.isEmpty ? key : path + "." + key
            throw NCAInputError(field: field, message: "unknown field; expected one of \(allowed.joined(separator: ", "))")
        }
        self.fields = fields
        self.path = path
    }

    func field(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value, or `nil` when absent or null.
    func value(_ key: String) -> NCAJSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    func required(_ key: String) throws -> NCAJSONValue {
        guard let v = value(key) else { throw NCAInputError(field: field(key), message: "required") }
        return v
    }

    func number(_ key: String) throws -> Double? {
        guard let v = value(key) else { return nil }
        guard case .number(let d) = v else {
            throw NCAInputError(field: field(key), message: "expected a number, got \(v.summary)")
        }
        return d
    }

    func array(_ key: String) throws -> [NCAJSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let a) = v else {
            throw NCAInputError(field: field(key), message: "expected an array, got \(v.summary)")
        }
        return a
    }
}
