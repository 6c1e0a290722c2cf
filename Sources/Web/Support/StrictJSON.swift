import CartographCore
import Vapor

/// A request body type whose every allowed field is listed, so unknown fields can be refused.
protocol StrictInput: Decodable {
    associatedtype Field: CodingKey & CaseIterable
    /// Fields that must be present and not null.
    static var required: [Field] { get }
    /// The fields whose value is an object, or an array of objects, with the keys allowed inside:
    /// unknown keys there are refused too, named by their path (`vasopressors[1].rate`).
    static var nested: [String: [String]] { get }
}

extension StrictInput {
    static var nested: [String: [String]] { [:] }
}

/// An object nested in a request body, with its keys listed.
protocol StrictNested: Decodable {
    associatedtype Keys: CodingKey & CaseIterable
}

extension StrictNested {
    static var allowedKeys: [String] { Keys.allCases.map(\.stringValue) }
}

/// The API's side of `StrictJSONReader`, the one reader of JSON input: a body type's fields become its
/// shape, and the reader's failures become 400 answers naming every field.
enum StrictJSON {
    /// Decodes a JSON object body, refusing malformed JSON, duplicate keys, non-objects, unknown fields
    /// (nested ones too), missing required fields and wrong types, each reported with the field's path
    /// (400). Nothing is written before this succeeds.
    static func decode<T: StrictInput>(_ type: T.Type, from request: Request,
                                       dates: StrictJSONDecoder.Dates = .deferredToDate) throws -> T {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw RequestBodyError(message: "a JSON object body is required", fields: [])
        }
        return try decode(type, from: Data(buffer: buffer), dates: dates)
    }

    static func decode<T: StrictInput>(_ type: T.Type, from data: Data,
                                       dates: StrictJSONDecoder.Dates = .deferredToDate) throws -> T {
        do { return try StrictJSONReader.read(T.self, from: data, shape: T.shape, dates: dates) }
        catch { throw answer(error) }
    }

    /// Parses a body that is not one `StrictInput` (a lab entry or an array of them) with the same
    /// parser: syntax, duplicate keys, depth and overflow are refused the same way.
    static func document(_ data: Data) throws -> StrictJSONValue {
        do { return try StrictJSONReader.document(data) } catch { throw answer(error) }
    }

    static func answer(_ failure: StrictJSONReader.Failure) -> RequestBodyError {
        switch failure {
        case .syntax(let message): RequestBodyError(message: "the body is not valid JSON: \(message)", fields: [])
        case .fields(let problems): RequestBodyError(message: "the body has field errors", fields: problems)
        }
    }
}

extension StrictInput {
    /// The body's shape for the reader: every field, the required ones, and the keys inside nested objects.
    static var shape: StrictJSONShape {
        StrictJSONShape(allowed: Field.allCases.map(\.stringValue), required: required.map(\.stringValue),
                        nested: nested.mapValues { StrictJSONShape(allowed: $0) })
    }
}

/// Decodes an enum from its raw string, naming the allowed values when the string is not one of them.
struct Choice<E: RawRepresentable & CaseIterable & Sendable>: Decodable, Sendable where E.RawValue == String {
    var value: E
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let v = E(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "unknown value \"\(raw)\"; expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        value = v
    }
}
