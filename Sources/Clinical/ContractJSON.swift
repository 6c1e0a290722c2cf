import Foundation

/// A parsed JSON value shared by the JSON command contracts, kept untyped so the command can name the exact field that is wrong (Codable's
/// own errors name coding paths awkwardly and accept unknown keys silently).
package enum ContractJSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ContractJSONValue])
    case object([String: ContractJSONValue])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([ContractJSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: ContractJSONValue].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
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
    package var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): "boolean \(b)"
        case .number(let d): "number \(ContractInputError.text(d))"
        case .string(let s): "string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Parses `data`, reporting malformed JSON against the field `input`.
    package static func parse(_ data: Data) throws -> ContractJSONValue {
        do {
            return try JSONDecoder().decode(ContractJSONValue.self, from: data)
        } catch {
            throw ResponseInputError(field: "input", message: "malformed JSON: not a valid JSON document")
        }
    }

    /// Serializes with sorted keys, as every Cartograph command does.
    package func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Typed, strict access to one JSON object at a known path.
package struct ContractJSONObject {
    package let fields: [String: ContractJSONValue]
    package let path: String

    /// - Throws: when `value` is not an object, or has a key outside `allowed`.
    package init(_ value: ContractJSONValue, path: String, allowed: [String]) throws {
        guard case .object(let fields) = value else {
            throw ResponseInputError(field: path.isEmpty ? "input" : path, message: "expected an object, got \(value.summary)")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let field = path.isEmpty ? key : path + "." + key
            throw ResponseInputError(field: field, message: "unknown field; expected one of \(allowed.joined(separator: ", "))")
        }
        self.fields = fields
        self.path = path
    }

    package func field(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value, or `nil` when absent or null.
    package func value(_ key: String) -> ContractJSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    package func required(_ key: String) throws -> ContractJSONValue {
        guard let v = value(key) else { throw ResponseInputError(field: field(key), message: "required") }
        return v
    }

    package func number(_ key: String) throws -> Double? {
        guard let v = value(key) else { return nil }
        guard case .number(let d) = v else {
            throw ResponseInputError(field: field(key), message: "expected a number, got \(v.summary)")
        }
        return d
    }

    package func integer(_ key: String) throws -> Int? {
        guard let d = try number(key) else { return nil }
        guard d == d.rounded(), abs(d) <= 1e9 else {
            throw ResponseInputError(field: field(key), message: "expected a whole number of days, got \(ContractInputError.text(d))")
        }
        return Int(d)
    }

    package func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else {
            throw ResponseInputError(field: field(key), message: "expected true or false, got \(v.summary)")
        }
        return b
    }

    package func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws -> E? where E.RawValue == String {
        guard let v = value(key) else { return nil }
        let expected = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard case .string(let s) = v else {
            throw ResponseInputError(field: field(key), message: "expected one of \(expected), got \(v.summary)")
        }
        guard let e = E(rawValue: s) else {
            throw ResponseInputError(field: field(key), message: "unknown value \"\(s)\"; expected one of \(expected)")
        }
        return e
    }

    package func array(_ key: String) throws -> [ContractJSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let a) = v else {
            throw ResponseInputError(field: field(key), message: "expected an array, got \(v.summary)")
        }
        return a
    }
}
