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

enum StrictJSON {
    /// Decodes a JSON object body, refusing malformed JSON, non-objects, unknown fields, missing required
    /// fields and wrong types, each reported with the field's name (400). Nothing is written before this
    /// succeeds.
    static func decode<T: StrictInput>(_ type: T.Type, from request: Request,
                                       dates: JSONDecoder.DateDecodingStrategy = .deferredToDate) throws -> T {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw RequestBodyError(message: "a JSON object body is required", fields: [])
        }
        return try decode(type, from: Data(buffer: buffer), dates: dates)
    }

    static func decode<T: StrictInput>(_ type: T.Type, from data: Data,
                                       dates: JSONDecoder.DateDecodingStrategy = .deferredToDate) throws -> T {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw RequestBodyError(message: "the body is not valid JSON", fields: [])
        }
        guard let dict = object as? [String: Any] else {
            throw RequestBodyError(message: "the body must be a JSON object", fields: [])
        }
        let allowed = Set(T.Field.allCases.map(\.stringValue))
        var problems: [FieldError] = dict.keys.sorted().filter { !allowed.contains($0) }.map {
            FieldError($0, "unknown field; allowed: \(T.Field.allCases.map(\.stringValue).joined(separator: ", "))")
        }
        for f in T.required where dict[f.stringValue] == nil || dict[f.stringValue] is NSNull {
            problems.append(FieldError(f.stringValue, "is required"))
        }
        for (field, keys) in T.nested.sorted(by: { $0.key < $1.key }) {
            let allowedInside = Set(keys)
            func check(_ object: [String: Any], at path: String) {
                for key in object.keys.sorted() where !allowedInside.contains(key) {
                    problems.append(FieldError(path + "." + key, "unknown field; allowed: \(keys.joined(separator: ", "))"))
                }
            }
            if let object = dict[field] as? [String: Any] { check(object, at: field) }
            if let list = dict[field] as? [Any] {
                for (i, element) in list.enumerated() { if let object = element as? [String: Any] { check(object, at: "\(field)[\(i)]") } }
            }
        }
        guard problems.isEmpty else { throw RequestBodyError(message: "the body has field errors", fields: problems) }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = dates
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw RequestBodyError(message: "the body has field errors", fields: [fieldError(error)])
        }
    }

    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ ctx: DecodingError.Context, _ extra: CodingKey? = nil) -> String {
            let keys = ctx.codingPath + (extra.map { [$0] } ?? [])
            let p = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.hasPrefix(".") ? String(p.dropFirst()) : (p.isEmpty ? "body" : p)
        }
        switch error {
        case let .typeMismatch(type, ctx): return FieldError(path(ctx), "expected \(describe(type))")
        case let .valueNotFound(type, ctx): return FieldError(path(ctx), "expected \(describe(type)), got null")
        case let .keyNotFound(key, ctx): return FieldError(path(ctx, key), "is required")
        case let .dataCorrupted(ctx): return FieldError(path(ctx), ctx.debugDescription)
        @unknown default: return FieldError("body", "cannot be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
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
