import CartographCore
import Foundation

/// Any JSON object key; lets a decoder see every key present, so unknown ones can be rejected.
struct ContractKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The grading contracts' inputs, each with the shape the shared reader checks before decoding.
protocol GradingInput: Decodable {
    static var shape: StrictJSONShape { get }
}

/// Reads one JSON object of a clinical contract strictly: unknown fields, wrong types, out-of-range
/// numbers and unknown enum values all throw a `ClinicalInputError` naming the field.
///
/// Clinical input is safer rejected than guessed at: a misspelt `hypotention` silently ignored
/// would grade a hypotensive patient as normotensive.
struct StrictJSONFields {
    private let container: KeyedDecodingContainer<ContractKey>

    init(_ decoder: any Decoder, shape: StrictJSONShape) throws {
        let allowed = shape.allowed
        guard let container = try? decoder.container(keyedBy: ContractKey.self) else {
            throw ClinicalInputError(field: "input", message: "expected a JSON object")
        }
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            throw ClinicalInputError(
                field: first, message: "unknown field; expected one of \(allowed.joined(separator: ", "))")
        }
        self.container = container
    }

    private func isPresentAndNull(_ key: String) -> Bool {
        container.contains(ContractKey(key)) && ((try? container.decodeNil(forKey: ContractKey(key))) ?? false)
    }

    func contains(_ key: String) -> Bool { container.contains(ContractKey(key)) }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard contains(key) else { return defaultValue }
        do { return try container.decode(Bool.self, forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: "expected true or false")
        }
    }

    /// A number in `range`; `nil` when the field is absent or (if `nullable`) null.
    func number(_ key: String, in range: ClosedRange<Double>, nullable: Bool = false) throws -> Double? {
        guard contains(key) else { return nil }
        if nullable && isPresentAndNull(key) { return nil }
        let value: Double
        do { value = try container.decode(Double.self, forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: nullable ? "expected a number or null" : "expected a number")
        }
        guard range.contains(value) else {
            throw ClinicalInputError(
                field: key, message: "\(value.clinicalText) is out of range \(range.lowerBound.clinicalText)...\(range.upperBound.clinicalText)")
        }
        return value
    }

    func requiredNumber(_ key: String, in range: ClosedRange<Double>) throws -> Double {
        guard contains(key) else { throw ClinicalInputError(field: key, message: "required") }
        return try number(key, in: range)!
    }

    /// A whole number in `range`; `nil` when absent or (if `nullable`) null.
    func integer(_ key: String, in range: ClosedRange<Int>, nullable: Bool = false) throws -> Int? {
        guard contains(key) else { return nil }
        if nullable && isPresentAndNull(key) { return nil }
        let value: Double
        do { value = try container.decode(Double.self, forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: nullable ? "expected an integer or null" : "expected an integer")
        }
        guard value.rounded() == value, abs(value) < 1e9 else {
            throw ClinicalInputError(field: key, message: "expected an integer, got \(value.clinicalText)")
        }
        let integer = Int(value)
        guard range.contains(integer) else {
            throw ClinicalInputError(field: key, message: "\(integer) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return integer
    }

    func requiredInteger(_ key: String, in range: ClosedRange<Int>) throws -> Int {
        guard contains(key) else { throw ClinicalInputError(field: key, message: "required") }
        return try integer(key, in: range)!
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: E) throws -> E
    where E.RawValue == String {
        guard contains(key) else { return defaultValue }
        let raw: String
        do { raw = try container.decode(String.self, forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: "expected a string, one of \(E.allRawValues)")
        }
        return try E.parse(raw, field: key)
    }

    func stringArray(_ key: String) throws -> [String] {
        guard contains(key) else { return [] }
        do { return try container.decode([String].self, forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: "expected an array of strings")
        }
    }

    /// An array of strictly decoded objects; errors inside are located as `key[index].field`.
    func objectArray<T: Decodable>(_ key: String, of type: T.Type) throws -> [T]? {
        guard contains(key) else { return nil }
        var list: UnkeyedDecodingContainer
        do { list = try container.nestedUnkeyedContainer(forKey: ContractKey(key)) } catch {
            throw ClinicalInputError(field: key, message: "expected an array of objects")
        }
        var items: [T] = []
        while !list.isAtEnd {
            let index = list.currentIndex
            do { items.append(try list.decode(T.self)) } catch let error as ClinicalInputError {
                let field = error.field == "input" ? "\(key)[\(index)]" : "\(key)[\(index)].\(error.field)"
                throw ClinicalInputError(field: field, message: error.message)
            } catch {
                throw ClinicalInputError(field: "\(key)[\(index)]", message: "expected an object")
            }
        }
        return items
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    static var allRawValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The case spelt `raw`, or an error naming `field` and listing the accepted spellings.
    static func parse(_ raw: String, field: String) throws -> Self {
        guard let value = Self(rawValue: raw) else {
            throw ClinicalInputError(field: field, message: "unknown value \"\(raw)\"; expected one of \(allRawValues)")
        }
        return value
    }
}

extension Double {
    /// Short human text for reasons and messages: `38`, `37.9`, `0.25` (no trailing zeros).
    var clinicalText: String {
        if rounded() == self && abs(self) < 1e15 { return String(Int64(self)) }
        return String(format: "%g", self)
    }
}
