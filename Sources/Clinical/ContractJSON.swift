import CartographCore
import Foundation

/// The JSON command contracts read their input with Cartograph's one strict parser.
extension StrictJSONValue {
    /// Parses standard input: malformed JSON is reported against `input` with its line and column,
    /// duplicate keys as field problems naming each path.
    package static func parse(_ data: Data) throws -> StrictJSONValue {
        do { return try StrictJSONReader.document(data) } catch {
            switch error {
            case .syntax(let message): throw ResponseInputError(field: "input", message: message)
            case .fields(let problems): throw ResponseInputError(problems)
            }
        }
    }

    /// Every shape problem of a contract's input (one object, or an array of them), thrown together.
    package func requireShape(_ shape: StrictJSONShape) throws {
        let problems = shape.problems(inOneOrMany: self, root: "input")
        if !problems.isEmpty { throw ResponseInputError(problems) }
    }
}

/// Typed, strict access to one JSON object at a known path.
package struct ContractJSONObject {
    package let fields: [String: StrictJSONValue]
    package let path: String

    /// - Throws: when `value` is not an object, or has a key outside `shape.allowed`.
    package init(_ value: StrictJSONValue, path: String, shape: StrictJSONShape) throws {
        let problems = shape.problems(in: value, at: path, root: "input")
        guard problems.isEmpty, case .object(let fields) = value else { throw ResponseInputError(problems) }
        self.fields = fields
        self.path = path
    }

    package func field(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value, or `nil` when absent or null.
    package func value(_ key: String) -> StrictJSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    package func required(_ key: String) throws -> StrictJSONValue {
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

    package func array(_ key: String) throws -> [StrictJSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let a) = v else {
            throw ResponseInputError(field: field(key), message: "expected an array, got \(v.summary)")
        }
        return a
    }
}
