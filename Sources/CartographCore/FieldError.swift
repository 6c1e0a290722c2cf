/// A problem with one input field, named so a form can show it beside the field and an API client can
/// point at it. Every validation in Cartograph reports all such problems at once rather than the first.
public struct FieldError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The field's name as the client sent it (`weightKg`, `priorLines[1].drugClasses`).
    public var field: String
    /// What is wrong, in words a nurse can act on.
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }

    /// At most `limit` problems, the last saying how many more there were: an answer stays small
    /// however many mistakes (or hostile keys) a request holds.
    public static func capped(_ problems: [FieldError], at limit: Int = 50) -> [FieldError] {
        guard problems.count > limit else { return problems }
        return Array(problems.prefix(limit)) + [FieldError("body", "and \(problems.count - limit) more problems like these")]
    }

    /// A key as it may be named in an answer: long keys are shortened.
    public static func shown(_ key: String) -> String { key.count > 64 ? String(key.prefix(64)) + "…" : key }
}

/// Several field problems found together. Thrown by validations; nothing is written when it is thrown.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(_ field: String, _ message: String) { self.errors = [FieldError(field, message)] }
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

/// Collects field errors while a value is checked, then throws them together.
public struct FieldErrorCollector: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}
    public mutating func add(_ field: String, _ message: String) { errors.append(FieldError(field, message)) }
    /// Records `message` against `field` unless `condition` holds.
    public mutating func require(_ condition: Bool, _ field: String, _ message: @autoclosure () -> String) {
        if !condition { add(field, message()) }
    }
    public func throwIfAny() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
