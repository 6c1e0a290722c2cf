/// The fields one JSON object may hold, and the objects nested inside it: what every strict reader in
/// Cartograph (command-line contracts, the API, imports) checks before reading any value.
public struct StrictJSONShape: Sendable, Equatable {
    /// Every key the object may hold.
    public var allowed: [String]
    /// Keys that must be present and not null.
    public var required: [String]
    /// Keys whose value is an object, or an array of objects, with the shape of what is inside.
    public var nested: [String: StrictJSONShape]

    public init(allowed: [String], required: [String] = [], nested: [String: StrictJSONShape] = [:]) {
        self.allowed = allowed
        self.required = required
        self.nested = nested
    }

    /// Every problem of shape in `value`, in document order of the keys (sorted), each named by its path:
    /// a value that is not an object, unknown keys, missing required keys, and the same inside every
    /// nested object and every object of a nested array.
    ///
    /// - Parameter path: where `value` sits (`""` for the document itself, named `root` in messages).
    public func problems(in value: StrictJSONValue, at path: String, root: String = "body") -> [FieldError] {
        guard case .object(let fields) = value else {
            return [FieldError(path.isEmpty ? root : path, "expected a JSON object, got \(value.summary)")]
        }
        func name(_ key: String) -> String { path.isEmpty ? FieldError.shown(key) : path + "." + FieldError.shown(key) }
        var found: [FieldError] = []
        for key in fields.keys.sorted() where !allowed.contains(key) {
            found.append(FieldError(name(key), "unknown field; expected one of \(allowed.joined(separator: ", "))"))
        }
        for key in required where fields[key] == nil || fields[key] == .null {
            found.append(FieldError(name(key), "required"))
        }
        for key in nested.keys.sorted() {
            guard let shape = nested[key], let inner = fields[key] else { continue }
            switch inner {
            case .object: found += shape.problems(in: inner, at: name(key), root: root)
            case .array(let items):
                for (i, item) in items.enumerated() {
                    if case .object = item { found += shape.problems(in: item, at: "\(name(key))[\(i)]", root: root) }
                }
            default: continue  // the typed reading names a value of the wrong kind
            }
        }
        return found
    }

    /// The problems of a document that is one object of this shape or an array of them (the grading
    /// contracts take either); items are named `[i].field`.
    public func problems(inOneOrMany value: StrictJSONValue, root: String = "input") -> [FieldError] {
        guard case .array(let items) = value else { return problems(in: value, at: "", root: root) }
        return items.enumerated().flatMap { i, item in problems(in: item, at: "[\(i)]", root: root) }
    }
}
