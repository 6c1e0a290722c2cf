import Foundation

/// A JSON document read by `StrictJSONParser`: every value Cartograph accepts on standard input, in an
/// API body or (later) in a FHIR resource, before any typed reading.
///
/// Objects are dictionaries because the parser has already refused duplicate keys: with duplicates,
/// Foundation's two readers disagree (`JSONDecoder` keeps the first value, `JSONSerialization` the
/// last), so a check made on one reading could be bypassed by the other.
public enum StrictJSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([StrictJSONValue])
    case object([String: StrictJSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([StrictJSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: StrictJSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d):
            // Whole numbers (days, counts) print without a decimal point.
            if d == d.rounded(), abs(d) < 9.0e15 { try c.encode(Int(d)) } else { try c.encode(d) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Short description of the value for error messages (`number 2.5`, `string "yes"`, `an array`).
    public var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let d): "number \(Self.text(d))"
        case .string(let s): "string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Decimal text for messages: whole numbers without a decimal point.
    public static func text(_ value: Double) -> String {
        if !value.isFinite { return String(value) }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Serialized with sorted keys, as every Cartograph command prints.
    public func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
