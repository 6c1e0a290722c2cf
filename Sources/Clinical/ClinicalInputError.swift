import CartographCore

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

    /// The same error located inside item `index` of a JSON array.
    func inItem(_ index: Int) -> ClinicalInputError {
        var located = ClinicalInputError(field: "[\(index)].\(field)", message: message)
        located.additional = additional.map { FieldError("[\(index)].\($0.field)", $0.message) }
        return located
    }
}

extension ClinicalInputError: FieldNamingError {
    public var problems: [FieldError] { [FieldError(field, message)] + additional }
}
