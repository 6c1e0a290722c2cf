/// One problem found in a laboratory CSV file.
///
/// `row` is the file line the record starts on (1-based; the header is normally row 1), which is the
/// row number a spreadsheet shows as long as no quoted field spans lines. `column` is the header name
/// at fault (or `column 10` past the header), `nil` for a problem with the whole row or file.
public struct LabImportProblem: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var row: Int
    public var column: String?
    public var message: String

    public init(row: Int, column: String?, message: String) {
        self.row = row; self.column = column; self.message = message
    }

    /// `row 7, column unit: "mmol/L" is not a unit of serumMProtein; expected g/dL or g/L`.
    public var description: String {
        column.map { "row \(row), column \($0): \(message)" } ?? "row \(row): \(message)"
    }
}

/// Everything wrong with a rejected file, in row order (header first), then column order.
public struct LabImportReport: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Data rows read (blank rows not counted).
    public var dataRows: Int
    public var problems: [LabImportProblem]

    public init(dataRows: Int, problems: [LabImportProblem]) {
        self.dataRows = dataRows; self.problems = problems
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The outcome of importing a file: all of it, or none of it.
public enum LabImportOutcome: Sendable, Equatable {
    /// Every row was valid; the results in file order.
    case accepted([LabResult])
    /// At least one problem; nothing may be stored.
    case rejected(LabImportReport)

    public var results: [LabResult]? { if case .accepted(let r) = self { r } else { nil } }
    public var report: LabImportReport? { if case .rejected(let r) = self { r } else { nil } }
}
