/// Invalid input to the IMWG response engine or to the `cartograph response` command.
///
/// `description` is `field: message`, with `field` a path such as `assessments[2].serumImmunofixation`
/// (prefixed by `[n].` when the command was given an array of patients).
public struct ResponseInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path of the offending field (`input` for the document as a whole).
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }

    /// The same error with `prefix` put before the field path.
    func prefixed(_ prefix: String) -> ResponseInputError {
        ResponseInputError(field: field == "input" ? prefix : prefix + "." + field, message: message)
    }
}
