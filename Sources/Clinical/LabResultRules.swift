import Foundation

/// The value-level rules shared by `LabResult.problems` and `LabImport` (which also reports text it
/// could not read at all, before these rules can run).
///
/// Rules (the engine's own, stated so a rejection can be explained):
/// - Unit: one of the analyte's units (`LabAnalyte.units`, typographic variants included); anything
///   else is refused naming the units accepted. Categorical analytes take no unit.
/// - Numbers: finite, not negative, and once converted to the canonical unit inside
///   `LabAnalyte.plausibleRange` (bounds inclusive). The message names the value as entered and the
///   range in the entered unit, with the canonical range beside it. A number in an unknown unit gets
///   no range check: its size means nothing until the unit is fixed (the unit problem says so).
/// - Value kind must match the analyte (a number for SPEP, calcium or circulating plasma cells,
///   `positive`/`negative` for immunofixation and PET/CT, `true`/`false` for hyperviscosity).
/// - MRD needs a method (NGF/NGS, Kumar 2016 MRD table); its sensitivity, when given, lies in (0, 1].
///   A missing sensitivity is allowed: `MRDTest` then never counts the result as IMWG MRD-negative.
/// - Transgene needs the assay LLOD (> 0), since below-LLOD levels count as not detected
///   (`TRANSGENE-NCA-1`); LLOQ is optional and may not be below the LLOD.
/// - method / sensitivity / llod / lloq on any other analyte are errors, not ignored: a filled cell in
///   the wrong row usually means the row is shifted.
enum LabResultRules {
    /// The optional columns of one result: `given` says a cell was filled, even when its text could not
    /// be read (so "applies only to mrd" is still reported); the value is `nil` then.
    struct Extras {
        var methodGiven = false
        var sensitivity: Double?
        var sensitivityGiven = false
        var llod: Double?
        var llodGiven = false
        var lloq: Double?
        var lloqGiven = false
    }

    static func problems(analyte: LabAnalyte, value: LabResultValue?, unit: String?, extras e: Extras) -> [LabResultProblem] {
        let (sensitivity, llod, lloq) = (e.sensitivity, e.llod, e.lloq)
        var out: [LabResultProblem] = []
        func add(_ column: LabImportColumn, _ message: String) { out.append(LabResultProblem(column: column, message: message)) }

        // The unit a number is in: the canonical one when the unit column is missing altogether (the
        // header problem says so), none when the unit is unknown (the unit problem says so).
        let enteredUnit = unit == nil ? analyte.units.first : analyte.labUnit(unit!)
        if let value {
            switch (analyte.valueKind, value) {
            case (.number, .number(let v)):
                if !v.isFinite {
                    add(.value, "\(v) is not a finite number")
                } else if v < 0 {
                    add(.value, "\(labResultNumberText(v)) is negative; \(analyte.rawValue) cannot be below 0")
                } else if let u = enteredUnit, !analyte.plausibleRange.contains(u.canonical(v)) {
                    add(.value, implausible(v, in: u, analyte))
                }
            case (.number, .finding):
                add(.value, "\(analyte.rawValue) needs a number in \(analyte.unitList)")
            case (.positiveNegative, .number), (.trueFalse, .number):
                add(.value, "\(analyte.rawValue) needs \(labResultTokens(analyte.valueKind)), not a number")
            default:
                break
            }
        }

        if let unit, !analyte.accepts(unit: unit) {
            if analyte.valueKind == .number {
                add(.unit, unit.isEmpty ? "empty; \(analyte.rawValue) is recorded in \(analyte.unitList)"
                                        : "\"\(unit)\" is not a unit of \(analyte.rawValue); expected \(analyte.unitList)")
            } else {
                add(.unit, "\"\(unit)\" is not a unit of \(analyte.rawValue); expected no unit (leave it empty)")
            }
        }

        if analyte == .mrd {
            if !e.methodGiven { add(.method, "empty; an MRD result needs its method, NGF or NGS") }
            if let s = sensitivity, !(s > 0 && s <= 1) {
                add(.sensitivity, "\(labResultNumberText(s)) is outside (0, 1]; write 1 in 100,000 as 1e-5")
            }
        } else {
            if e.methodGiven { add(.method, "a method applies only to mrd, not to \(analyte.rawValue)") }
            if e.sensitivityGiven { add(.sensitivity, "a sensitivity applies only to mrd, not to \(analyte.rawValue)") }
        }

        if analyte == .transgeneCopies {
            if !e.llodGiven {
                add(.llod, "empty; a transgene level needs the assay's lower limit of detection (copies/ug)")
            } else if let llod {
                if !(llod > 0 && llod.isFinite) { add(.llod, "\(labResultNumberText(llod)) must be a positive number of copies/ug") }
            }
            if let lloq {
                if !(lloq > 0 && lloq.isFinite) {
                    add(.lloq, "\(labResultNumberText(lloq)) must be a positive number of copies/ug")
                } else if let llod, llod > 0, lloq < llod {
                    add(.lloq, "\(labResultNumberText(lloq)) is below the LLOD \(labResultNumberText(llod)); an LLOQ is never below the LLOD")
                }
            }
        } else {
            if e.llodGiven { add(.llod, "an LLOD applies only to transgeneCopies, not to \(analyte.rawValue)") }
            if e.lloqGiven { add(.lloq, "an LLOQ applies only to transgeneCopies, not to \(analyte.rawValue)") }
        }
        return out
    }

    /// `300 g/L is outside the plausible range 0–250 g/L (0–25 g/dL) for hemoglobin`: the value as
    /// entered, the range in the entered unit (converted back from the canonical range, shown to six
    /// significant digits), and the canonical range the check used when the units differ.
    static func implausible(_ v: Double, in u: LabUnit, _ analyte: LabAnalyte) -> String {
        let r = analyte.plausibleRange
        func range(_ lower: Double, _ upper: Double, _ symbol: String) -> String {
            "\(labResultBoundText(lower))–\(labResultBoundText(upper)) \(symbol)"
        }
        var text = "\(labResultNumberText(v)) \(u.symbol) is outside the plausible range "
            + range(u.entered(fromCanonical: r.lowerBound), u.entered(fromCanonical: r.upperBound), u.symbol)
        if u.symbol != analyte.unit { text += " (\(range(r.lowerBound, r.upperBound, analyte.unit)))" }
        return text + " for \(analyte.rawValue)"
    }
}

/// The accepted words for a categorical value kind, for messages.
func labResultTokens(_ kind: LabAnalyte.ValueKind) -> String {
    switch kind {
    case .number: "a number"
    case .positiveNegative: "positive or negative"
    case .trueFalse: "true or false"
    }
}

/// A range bound converted into another unit: whole numbers as `labResultNumberText`, others to six
/// significant digits (`15.5146` for 25 g/dL in mmol/L), since the converted bound has no exact decimal.
func labResultBoundText(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.6g", v)
}

/// A number as a clinician would write it: `2` rather than `2.0`, `1e-05` left as Swift prints it.
func labResultNumberText(_ v: Double) -> String {
    if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}
