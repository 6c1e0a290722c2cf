/// Invalid clinical input, naming the field at fault.
///
/// The description reads `field: message` (for example
/// `oxygenDevice: unknown value "tent"; expected one of none, blowBy, ...`), so a command-line
/// user or a web form can point at the exact entry to correct. Items of a JSON array are
/// prefixed with their index: `[2].temperatureC: ...`.
public struct ClinicalInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON field name (with an `[index].` prefix inside arrays); `input` for the document itself.
    public var field: String
    /// What is wrong and what was expected.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }

    /// The same error located inside item `index` of a JSON array.
    func inItem(_ index: Int) -> ClinicalInputError {
        ClinicalInputError(field: "[\(index)].\(field)", message: message)
    }
}
