import CartographCore
import Foundation

/// One accepted CSV row: the file line it starts on and the result read from it.
public struct LabImportRow: Sendable, Equatable, Hashable {
    /// 1-based file line (`LabImportProblem.row` numbering).
    public var row: Int
    public var result: LabResult
    public init(row: Int, result: LabResult) { self.row = row; self.result = result }
}

/// `LabImport.importCSVRows`: every row with its line number, or the report.
public enum LabImportRowsOutcome: Sendable, Equatable {
    case accepted([LabImportRow])
    case rejected(LabImportReport)
}

extension LabImport {
    /// Reads one result entered on a form or sent through the API, by exactly the rules of one CSV row
    /// (`LAB-CSV-1`: the same tokens, units, ranges and per-analyte columns), so a result is accepted or
    /// refused the same way whichever door it comes through.
    ///
    /// - Parameters:
    ///   - cells: the entry as text, keyed by column. A column left out reads as an empty cell when it
    ///     is a required one (`patient`, `date`, `analyte`, `value`, `unit`), so a numeric result sent
    ///     without its unit is refused ("empty; … is recorded in g/dL or g/L") rather than given a default unit.
    ///   - knownPatientCodes: when given, the patient code must be one of them.
    ///   - latestDate: the center's today; a later sample date is refused.
    /// - Returns: the result when there is no problem, and every problem (each naming its column).
    public static func readEntry(_ cells: [LabImportColumn: String], knownPatientCodes: Set<String>? = nil,
                                 latestDate: CalendarDate? = nil) -> (result: LabResult?, problems: [LabResultProblem]) {
        var filled: [LabImportColumn: String] = [:]
        for c in LabImportColumn.allCases {
            if let text = cells[c] { filled[c] = text.trimmingCharacters(in: .whitespaces) }
            else if c.isRequired { filled[c] = "" }
        }
        let outcome = LabImportRowReader.read(filled, knownPatientCodes: knownPatientCodes, latestDate: latestDate)
        return (outcome.problems.isEmpty ? outcome.result : nil, outcome.problems)
    }

    /// The text a number is written as for `readEntry`: Swift's shortest round-trip form (`2.4`,
    /// `1e-05`), which the CSV number rule accepts and reads back to the same `Double`.
    public static func cellText(_ number: Double) -> String { "\(number)" }
}
