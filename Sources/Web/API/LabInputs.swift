import CartographCore
import Clinical
import Foundation
import Store

/// `POST /api/patients/{id}/labs`: one result object, or an array of them, read cell by cell by the lab
/// CSV's rules (`LabImport.readEntry`), so the API accepts and refuses exactly what a file import would.
///
/// Fields (the CSV columns but `patient`, which the path gives): `date` (required), `analyte`
/// (required), `value` (required: a number, `"positive"`/`"negative"`, or `true`/`false`), `unit`
/// (the analyte's unit; omit or `""` for categorical analytes), `method`, `sensitivity`, `llod`, `lloq`.
/// Unknown fields, wrong JSON types and missing required fields are 400; values that break a lab rule
/// (unit, range, date after today, MRD without a method, …) are 422. Field names are `value` for one
/// object and `[2].value` for an array.
enum LabEntryInput {
    static let fields: [LabImportColumn] = LabImportColumn.allCases.filter { $0 != .patient }
    static let required: [LabImportColumn] = [.date, .analyte, .value]

    /// The entries as text cells, in body order, plus whether the body was an array.
    static func cells(from data: Data) throws -> (entries: [[LabImportColumn: String]], isArray: Bool) {
        let document = try StrictJSON.document(data)
        let items: [StrictJSONValue]
        let isArray: Bool
        if case .array(let list) = document { items = list; isArray = true } else { items = [document]; isArray = false }
        if items.isEmpty { throw RequestBodyError(message: "the body has field errors", fields: [FieldError("body", "an empty array holds no results")]) }
        let allowed = fields.map(\.rawValue)
        let numeric: [LabImportColumn] = [.value, .sensitivity, .llod, .lloq]
        var problems: [FieldError] = []
        var entries: [[LabImportColumn: String]] = []
        for (i, item) in items.enumerated() {
            let prefix = isArray ? "[\(i)]." : ""
            guard case .object(let dict) = item else {
                problems.append(FieldError(isArray ? "[\(i)]" : "body", "must be a JSON object, not \(item.summary)"))
                continue
            }
            for key in dict.keys.sorted() where !allowed.contains(key) {
                problems.append(FieldError(prefix + FieldError.shown(key), "unknown field; expected one of \(allowed.joined(separator: ", "))"))
            }
            var cells: [LabImportColumn: String] = [:]
            for column in fields {
                let name = prefix + column.rawValue
                switch dict[column.rawValue] {
                case nil, .null?:
                    if required.contains(column) { problems.append(FieldError(name, "required")) }
                case .string(let s)?:
                    cells[column] = s
                case .bool(let b)? where column == .value:
                    cells[column] = b ? "true" : "false"
                case .number(let n)? where numeric.contains(column):
                    cells[column] = LabImport.cellText(n)
                case let other?:
                    let expected = column == .value ? "a number, true/false or \"positive\"/\"negative\""
                        : numeric.contains(column) ? "a number" : "a string"
                    problems.append(FieldError(name, "expected \(expected), not \(other.summary)"))
                }
            }
            entries.append(cells)
        }
        if !problems.isEmpty { throw RequestBodyError(message: "the body has field errors", fields: FieldError.capped(problems)) }
        return (entries, isArray)
    }

    /// Reads the body into results for `patientCode`, or throws every field problem (422).
    static func results(from data: Data, patientCode: String, today: CalendarDate) throws -> (results: [LabResult], isArray: Bool) {
        let (entries, isArray) = try cells(from: data)
        var results: [LabResult] = []
        var problems: [FieldError] = []
        for (i, var cells) in entries.enumerated() {
            cells[.patient] = patientCode
            let (result, found) = LabImport.readEntry(cells, latestDate: today)
            problems += found.map { FieldError((isArray ? "[\(i)]." : "") + $0.column.rawValue, $0.message) }
            if let result { results.append(result) }
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return (results, isArray)
    }

    /// The repository names fields `results[i].x`; the API answers in the body's own terms.
    static func renamed(_ error: StoreError, isArray: Bool) -> StoreError {
        guard case .invalid(let fields) = error else { return error }
        return .invalid(fields.map { f in
            guard f.field.hasPrefix("results[") else { return f }
            let rest = f.field.dropFirst("results".count)
            if isArray { return FieldError(String(rest), f.message) }
            guard let dot = rest.firstIndex(of: ".") else { return FieldError("body", f.message) }
            return FieldError(String(rest[rest.index(after: dot)...]), f.message)
        })
    }
}
