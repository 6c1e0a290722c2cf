import CartographCore

/// Invalid input to a JSON command contract (`cartograph response`, `cartograph kinetics nca`):
/// `description` is `field: message`, with `field` a path such as `assessments[2].serumImmunofixation`
/// (prefixed by `[n].` when the command was given an array).
public struct ContractInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the offending field (`input` for the document as a whole).
    public var field: String
    public var message: String

    /// Further problems found in the same reading (the shared reader reports every unknown or
    /// duplicated key at once); empty when only one was found.
    public var additional: [FieldError] = []

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// Every problem of `problems` (at least one) as one error: the first, then the rest.
    public init(_ problems: [FieldError]) {
        self.init(field: problems.first?.field ?? "input", message: problems.first?.message ?? "cannot be read")
        additional = Array(problems.dropFirst())
    }

    public var description: String { ([FieldError(field, message)] + additional).map(\.description).joined(separator: "; ") }

    /// The same error with `prefix` put before the field path.
    package func prefixed(_ prefix: String) -> ContractInputError {
        func located(_ f: String) -> String { f == "input" ? prefix : prefix + "." + f }
        var error = ContractInputError(field: located(field), message: message)
        error.additional = additional.map { FieldError(located($0.field), $0.message) }
        return error
    }

    /// Short decimal text for messages: whole numbers without a decimal point.
    package static func text(_ value: Double) -> String {
        if !value.isFinite { return String(value) }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// Errors of the IMWG response engine and its command.
public typealias ResponseInputError = ContractInputError

extension ContractInputError: FieldNamingError {
    public var problems: [FieldError] { [FieldError(field, message)] + additional }
}
