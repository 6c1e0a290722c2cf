import CartographCore
import Foundation

/// Reads the trimmed cells of one CSV row into a `LabResult`, collecting every problem.
///
/// A cell is only checked against rules it can be read for: a value cannot be judged without a known
/// analyte, so an unknown analyte hides value and unit problems of that row (they are reported once
/// the analyte is fixed). Everything else is checked independently.
enum LabImportRowReader {
    struct Outcome {
        var result: LabResult?
        var key: LabImportDuplicateKey?
        var problems: [LabResultProblem]
    }

    static func read(_ cells: [LabImportColumn: String], knownPatientCodes: Set<String>?,
                     latestDate: CalendarDate?) -> Outcome {
        var problems: [LabResultProblem] = []
        func add(_ c: LabImportColumn, _ m: String) { problems.append(LabResultProblem(column: c, message: m)) }

        // patient
        var patient: String?
        if let text = cells[.patient] {
            if text.isEmpty { add(.patient, "empty; expected a patient code such as C01-0007") }
            else if !isPatientCode(text) {
                add(.patient, "\"\(text)\" is not a patient code (letters, digits and inner hyphens, such as C01-0007)")
            } else {
                patient = text
                if let known = knownPatientCodes, !known.contains(text) {
                    add(.patient, "unknown patient code \"\(text)\"; no patient of this center has it")
                }
            }
        }

        // date
        var date: CalendarDate?
        if let text = cells[.date] {
            if text.isEmpty { add(.date, "empty; expected a sample date YYYY-MM-DD") }
            else if let d = CalendarDate(text) {
                date = d
                if let latest = latestDate, d > latest { add(.date, "\(d) is after today (\(latest))") }
            } else {
                add(.date, dateProblem(text))
            }
        }

        // analyte
        var analyte: LabAnalyte?
        if let text = cells[.analyte] {
            if text.isEmpty { add(.analyte, "empty; expected one of \(LabAnalyte.allNames)") }
            else if let a = LabAnalyte.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { analyte = a }
            else { add(.analyte, "unknown analyte \"\(text)\"; expected one of \(LabAnalyte.allNames)") }
        }

        // value (needs the analyte to be read)
        var value: LabResultValue?
        if let text = cells[.value] {
            if text.isEmpty { add(.value, "empty; expected \(analyte.map { labResultTokens($0.valueKind) } ?? "a value")") }
            else if let analyte {
                switch analyte.valueKind {
                case .number:
                    if let v = labImportNumber(text) { value = .number(v) }
                    else { add(.value, "\"\(text)\" is not a number (write 1.25 or 3e-5, with a point)") }
                case .positiveNegative:
                    switch text.lowercased() {
                    case "positive": value = .finding(true)
                    case "negative": value = .finding(false)
                    default: add(.value, "\"\(text)\" is not positive or negative")
                    }
                case .trueFalse:
                    switch text.lowercased() {
                    case "true": value = .finding(true)
                    case "false": value = .finding(false)
                    default: add(.value, "\"\(text)\" is not true or false")
                    }
                }
            }
        }

        // optional columns: read where they apply; `LabResultRules` judges whether they apply at all.
        var extras = LabResultRules.Extras()
        var method: MRDMethod?
        let appliesMRD = analyte == nil || analyte == .mrd
        let appliesTransgene = analyte == nil || analyte == .transgeneCopies
        if let text = cells[.method], !text.isEmpty {
            extras.methodGiven = true
            if let m = MRDMethod(rawValue: text.uppercased()) { method = m }
            else if appliesMRD { add(.method, "\"\(text)\" is not an MRD method; expected NGF or NGS") }
        }
        func number(_ c: LabImportColumn, applies: Bool) -> (Double?, Bool) {
            guard let text = cells[c], !text.isEmpty else { return (nil, false) }
            if let v = labImportNumber(text) { return (v, true) }
            if applies { add(c, "\"\(text)\" is not a number (write 1.25 or 3e-5, with a point)") }
            return (nil, true)
        }
        (extras.sensitivity, extras.sensitivityGiven) = number(.sensitivity, applies: appliesMRD)
        (extras.llod, extras.llodGiven) = number(.llod, applies: appliesTransgene)
        (extras.lloq, extras.lloqGiven) = number(.lloq, applies: appliesTransgene)

        guard let analyte else { return Outcome(result: nil, key: nil, problems: problems) }
        problems += LabResultRules.problems(analyte: analyte, value: value, unit: cells[.unit], extras: extras)

        let key = patient.flatMap { p in date.map { LabImportDuplicateKey(patientCode: p, date: $0, analyte: analyte) } }
        guard problems.isEmpty, let patient, let date, let value else {
            return Outcome(result: nil, key: key, problems: problems)
        }
        // The unit as entered, spelled as its table entry (`10⁹/L` → `10^9/L`): the laboratory's unit is
        // kept, and stored units stay a closed set a later reading always recognises.
        let unit = analyte.labUnit(cells[.unit] ?? "")?.symbol ?? analyte.unit
        let result = LabResult(patientCode: patient, sampleDate: date, analyte: analyte, value: value,
                               unit: unit, method: method, sensitivity: extras.sensitivity,
                               lowerLimitOfDetection: extras.llod, lowerLimitOfQuantification: extras.lloq)
        return Outcome(result: result, key: key, problems: [])
    }

    /// Letters and digits in groups joined by single hyphens, at most 32 characters (`C01-0007`).
    static func isPatientCode(_ text: String) -> Bool {
        guard text.count <= 32 else { return false }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Why `text` is not a date: wrong shape, or a day that does not exist.
    static func dateProblem(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), y >= 1 {
            if !(1...12).contains(m) { return "\"\(text)\" is not a date: there is no month \(m)" }
            return "\"\(text)\" is not a date: \(String(format: "%04d-%02d", y, m)) has \(CalendarDate.daysInMonth(year: y, month: m)) days, not \(d)"
        }
        return "\"\(text)\" is not a date; expected YYYY-MM-DD"
    }
}

/// A plain decimal number: optional sign, digits with an optional point, optional exponent. Rejects
/// what `Double.init` would also take but a lab sheet never means (`nan`, `inf`, hex, `1,5`).
func labImportNumber(_ text: String) -> Double? {
    var s = Substring(text)
    if s.first == "+" || s.first == "-" { s = s.dropFirst() }
    var mantissa = s, exponent: Substring?
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = s[..<e]; exponent = s[s.index(after: e)...]
    }
    let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count <= 2, pieces.contains(where: { !$0.isEmpty }),
          pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
    if var e = exponent {
        if e.first == "+" || e.first == "-" { e = e.dropFirst() }
        guard !e.isEmpty, e.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    }
    guard let v = Double(text), v.isFinite else { return nil }
    return v
}
