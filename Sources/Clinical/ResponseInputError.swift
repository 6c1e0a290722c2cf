/// Invalid input to a JSON command contract (`cartograph response`, `cartograph kinetics nca`):
/// `description` is `field: message`, with `field` a path such as `assessments[2].serumImmunofixation`
/// (prefixed by `[n].` when the command was given an array).
public struct ContractInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the offending field (`input` for the document as a whole).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }

    /// The same error with `prefix` put before the field path.
    package func prefixed(_ prefix: String) -> ContractInputError {
        ContractInputError(field: field == "input" ? prefix : prefix + "." + field, message: message)
    }

    /// Short decimal text for messages: whole numbers without a decimal point.
    package static func text(_ value: Double) -> String {
        if !value.isFinite { return String(value) }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// Errors of the IMWG response engine and its command.
public typealias ResponseInputError = ContractInputError
