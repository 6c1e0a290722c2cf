import CartographCore
import Foundation

/// Imports a center's laboratory CSV: one result per row, the whole file or nothing.
///
/// File format (rule set `LAB-CSV-1`):
/// ```
/// patient,date,analyte,value,unit,method,sensitivity,llod,lloq
/// C01-0007,2026-01-05,serumMProtein,2.4,g/dL,,,,
/// C01-0007,2026-03-02,mrd,negative,,NGF,1e-5,,
/// C01-0007,2026-01-19,transgeneCopies,48000,copies/ug,,,5,25
/// ```
/// - CSV per RFC 4180 (`LabImportCSVReader`): quoted fields, `""`, CRLF or LF, UTF-8 with or without
///   a byte-order mark. Surrounding spaces of every field are trimmed.
/// - Header: names from `LabImportColumn`, any order, case-insensitive; `patient,date,analyte,value,unit`
///   are required, the others optional. Unknown or repeated names are errors.
/// - Rows: rows whose fields are all empty (blank lines, `,,,,` lines spreadsheets leave behind) are
///   skipped anywhere. A row with more fields than the header is an error; a row with fewer may omit
///   trailing optional columns (they read as empty) but not a required one.
/// - Fields: see `LabImportColumn`; analyte names match case-insensitively; units and value rules are
///   `LabResultRules`'. Dates are real calendar days (`2026-02-30` is rejected), not after `latestDate`.
/// - Patients: a code is letters, digits and inner hyphens (`C01-0007`); with `knownPatientCodes`, a
///   code not in the set is an error (codes are compared exactly).
/// - Duplicates: two rows with the same patient, date and analyte are an error on the later row (a
///   repeated measurement the same day must be resolved by the laboratory, not by import order).
///
/// Every problem in the file is reported, not just the first; one problem rejects the whole file.
public enum LabImport {
    public static let ruleSet = "LAB-CSV-1"
    /// The documented column order, for templates and exports.
    public static let header: [LabImportColumn] = LabImportColumn.allCases
    /// `patient,date,analyte,value,unit,method,sensitivity,llod,lloq`.
    public static var headerLine: String { header.map(\.rawValue).joined(separator: ",") }

    /// Imports CSV bytes.
    ///
    /// - Parameters:
    ///   - data: the file (UTF-8; a BOM is allowed).
    ///   - knownPatientCodes: the center's patient codes; `nil` checks only the code's form.
    ///   - latestDate: the center's today, when sample dates after it must be refused; `nil` skips it.
    /// - Returns: `.accepted` with the results in file order, or `.rejected` with every problem.
    /// - Complexity: O(file size).
    public static func importCSV(_ data: Data, knownPatientCodes: Set<String>? = nil,
                                 latestDate: CalendarDate? = nil) -> LabImportOutcome {
        switch importCSVRows(data, knownPatientCodes: knownPatientCodes, latestDate: latestDate) {
        case .accepted(let rows): .accepted(rows.map(\.result))
        case .rejected(let report): .rejected(report)
        }
    }

    /// Imports CSV bytes like `importCSV(_:knownPatientCodes:latestDate:)`, keeping the file row of each
    /// accepted result, so a later check (a result already stored) can name the row it refuses.
    ///
    /// - Returns: `.accepted` with the rows in file order, or `.rejected` with its problems: the first
    ///   `listedProblems` in file order, then one line counting the rest, each message at most
    ///   `longestMessage` characters (a report stays small however large or broken the file).
    public static func importCSVRows(_ data: Data, knownPatientCodes: Set<String>? = nil,
                                     latestDate: CalendarDate? = nil) -> LabImportRowsOutcome {
        var problems: [(seq: Int, problem: LabImportProblem)] = []
        var seq = 0
        func add(_ row: Int, _ column: String?, _ message: String) {
            let shown = message.count > longestMessage ? String(message.prefix(longestMessage)) + "…" : message
            problems.append((seq, LabImportProblem(row: row, column: column, message: shown)))
            seq += 1
        }

        let (allRecords, faults) = LabImportCSVReader.read(data)
        let records = allRecords.filter { r in r.fields.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let headerRecord = records.first else {
            if faults.isEmpty { add(1, nil, "the file is empty; the first line must be the header \(headerLine)") }
            for f in faults { add(f.line, f.field.map { "column \($0 + 1)" }, f.message) }
            return .rejected(LabImportReport(dataRows: 0, problems: capped(problems.map(\.problem))))
        }

        // Header.
        var columnIndex: [LabImportColumn: Int] = [:]
        let names = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for (i, name) in names.enumerated() {
            if let c = LabImportColumn.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) {
                if columnIndex[c] != nil { add(headerRecord.line, c.rawValue, "appears twice in the header") }
                else { columnIndex[c] = i }
            } else {
                add(headerRecord.line, "column \(i + 1)",
                    name.isEmpty ? "empty header name; expected one of \(headerLine)"
                                 : "unknown column \"\(name)\"; expected one of \(headerLine)")
            }
        }
        for c in LabImportColumn.allCases where c.isRequired && columnIndex[c] == nil {
            add(headerRecord.line, c.rawValue, "missing from the header; the header must name \(headerLine)")
        }
        func columnName(_ index: Int) -> String {
            columnIndex.first { $0.value == index }?.key.rawValue ?? "column \(index + 1)"
        }
        for f in faults { add(f.line, f.field.map(columnName), f.message) }

        // Rows.
        var results: [LabImportRow] = []
        var firstRowOfKey: [LabImportDuplicateKey: Int] = [:]
        let dataRecords = records.dropFirst()
        for record in dataRecords {
            let row = record.line
            if record.fields.count > names.count {
                add(row, nil, "has \(record.fields.count) fields; the header has \(names.count)")
            }
            var cells: [LabImportColumn: String] = [:]
            for c in LabImportColumn.allCases {
                guard let i = columnIndex[c] else { continue }
                if i < record.fields.count {
                    cells[c] = record.fields[i].trimmingCharacters(in: .whitespaces)
                } else if c.isRequired {
                    add(row, c.rawValue, "missing: the row has \(record.fields.count) fields, the header \(names.count)")
                }
            }
            let parsed = LabImportRowReader.read(cells, knownPatientCodes: knownPatientCodes, latestDate: latestDate)
            for p in parsed.problems { add(row, p.column.rawValue, p.message) }
            if let key = parsed.key {
                if let first = firstRowOfKey[key] {
                    add(row, nil, "duplicate of row \(first): same patient, date and analyte "
                        + "(\(key.patientCode), \(key.date), \(key.analyte.rawValue))")
                } else {
                    firstRowOfKey[key] = row
                }
            }
            if let r = parsed.result { results.append(LabImportRow(row: row, result: r)) }
        }

        if problems.isEmpty { return .accepted(results) }
        let ordered = problems.sorted { ($0.problem.row, $0.seq) < ($1.problem.row, $1.seq) }.map(\.problem)
        return .rejected(LabImportReport(dataRows: dataRecords.count, problems: capped(ordered)))
    }

    /// How many problems a report lists before it only counts the rest.
    public static let listedProblems = 200
    /// The longest problem message, in characters (a message may quote what the file holds).
    public static let longestMessage = 300

    static func capped(_ problems: [LabImportProblem]) -> [LabImportProblem] {
        guard problems.count > listedProblems else { return problems }
        let rest = problems[listedProblems...]
        return Array(problems.prefix(listedProblems))
            + [LabImportProblem(row: rest.first!.row, column: nil,
                                message: "and \(rest.count) more problems from this row on; correct the rows listed and send the file again")]
    }

    /// Imports CSV text (see `importCSV(_:knownPatientCodes:latestDate:)`).
    public static func importCSV(text: String, knownPatientCodes: Set<String>? = nil,
                                 latestDate: CalendarDate? = nil) -> LabImportOutcome {
        importCSV(Data(text.utf8), knownPatientCodes: knownPatientCodes, latestDate: latestDate)
    }
}

/// The identity of a result for the duplicate rule.
struct LabImportDuplicateKey: Hashable {
    var patientCode: String
    var date: CalendarDate
    var analyte: LabAnalyte
}
