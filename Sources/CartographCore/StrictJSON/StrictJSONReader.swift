import Foundation

/// An input error that names its fields; the engines' own errors (clinical, response, kinetics)
/// conform, so the one reader reports them like the shape's problems.
public protocol FieldNamingError: Error {
    var problems: [FieldError] { get }
}

/// The one way Cartograph reads JSON input: `StrictJSONParser` (syntax, duplicate keys, depth, overflow),
/// then `StrictJSONShape` (unknown, missing and nested keys, every problem at once), then typed reading.
///
/// A document that fails the first two steps is never decoded, so nothing downstream sees a value
/// the checks did not.
public enum StrictJSONReader {
    /// The failure of a read: a syntax problem (no field to name), or the field problems.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case syntax(String)
        case fields([FieldError])

        public var description: String {
            switch self {
            case .syntax(let message): message
            case .fields(let problems): problems.map(\.description).joined(separator: "; ")
            }
        }
    }

    /// Parses `data` into a value.
    ///
    /// - Throws: `Failure.syntax` or `Failure.fields` (duplicate keys).
    public static func document(_ data: Data) throws(Failure) -> StrictJSONValue {
        do { return try StrictJSONParser.parse(data) }
        catch let error as StrictJSONParser.SyntaxError { throw .syntax(error.message) }
        catch let error as ValidationFailure { throw .fields(FieldError.capped(error.errors)) }
        catch { throw .syntax("\(error)") }
    }

    /// Parses `data`, checks it against `shape` (one object, or with `oneOrMany` an array of objects),
    /// and reads it as `T` with `StrictJSONDecoder`.
    ///
    /// - Throws: `Failure`; a `DecodingError` becomes the field it names (`lines[1].drugClasses:
    ///   expected a string`), a `FieldNamingError` thrown by `T`'s own reading keeps its field.
    public static func read<T: Decodable>(_ type: T.Type, from data: Data, shape: StrictJSONShape, oneOrMany: Bool = false,
                                          root: String = "body",
                                          dates: StrictJSONDecoder.Dates = .deferredToDate) throws(Failure) -> T {
        let value = try document(data)
        let problems = oneOrMany ? shape.problems(inOneOrMany: value, root: root) : shape.problems(in: value, at: "", root: root)
        guard problems.isEmpty else { throw .fields(FieldError.capped(problems)) }
        // Typed reading works on the checked value itself, so it sees exactly what the checks saw.
        do { return try StrictJSONDecoder(dates: dates).decode(T.self, from: value) }
        catch let error as DecodingError { throw .fields([fieldError(error, root: root)]) }
        catch let error as any FieldNamingError { throw .fields(error.problems) }
        catch { throw .fields([FieldError(root, "\(error)")]) }
    }

    /// The field a `DecodingError` points at, in the body's own terms (`lines[1].drugClasses`).
    public static func fieldError(_ error: DecodingError, root: String = "body") -> FieldError {
        func path(_ ctx: DecodingError.Context, _ extra: CodingKey? = nil) -> String {
            let keys = ctx.codingPath + (extra.map { [$0] } ?? [])
            let p = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.hasPrefix(".") ? String(p.dropFirst()) : (p.isEmpty ? root : p)
        }
        switch error {
        case let .typeMismatch(type, ctx): return FieldError(path(ctx), "expected \(describe(type))")
        case let .valueNotFound(type, ctx): return FieldError(path(ctx), "expected \(describe(type)), got null")
        case let .keyNotFound(key, ctx): return FieldError(path(ctx, key), "required")
        case let .dataCorrupted(ctx): return FieldError(path(ctx), ctx.debugDescription)
        @unknown default: return FieldError(root, "cannot be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Int64.Type, is Int32.Type, is UInt64.Type: "a whole number"
        case is Date.Type: "a date"
        case is UUID.Type: "an identifier"
        default:
            "\(type)".hasPrefix("Dictionary") ? "an object" : "\(type)".hasPrefix("Array") ? "a list" : "a value of another kind"
        }
    }
}
