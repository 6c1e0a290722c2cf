import CartographCore

/// A result's value: a number in the result's unit as entered (`LabResult.unit`), or a categorical finding.
///
/// `finding(true)` reads as the analyte says: positive immunofixation, MRD or PET/CT; clonal plasma
/// cells present; a new lesion; hyperviscosity present. JSON: a number or a Boolean.
public enum LabResultValue: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case finding(Bool)

    public var number: Double? { if case .number(let v) = self { v } else { nil } }
    public var finding: Bool? { if case .finding(let f) = self { f } else { nil } }

    public var description: String {
        switch self {
        case .number(let v): "\(v)"
        case .finding(let f): "\(f)"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) { self = .finding(flag); return }
        self = .number(try c.decode(Double.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let v): try c.encode(v)
        case .finding(let f): try c.encode(f)
        }
    }
}

/// One laboratory, pathology or imaging result for one patient on one sample date.
///
/// `value` and `unit` are as entered: what the laboratory reported, what is stored and shown. Engines
/// read `canonicalNumber`, the value converted exactly into the analyte's canonical unit
/// (`LabAnalyte.unit`, by `LabAnalyte.units`), so 0.5 10^9/L and 500 /uL give the same ICAHT grade.
///
/// The memberwise initialiser does not check anything, so values built in code can be checked with
/// `problems`; `LabImport` only ever returns results whose `problems` is empty, with `unit` spelled as
/// its unit's `LabUnit.symbol` (`10⁹/L` is kept as `10^9/L`, `copies/µg` as `copies/ug`).
public struct LabResult: Sendable, Equatable, Hashable, Codable {
    /// The pseudonymous patient code (`C01-0007`), never a name or hospital number.
    public var patientCode: String
    /// Sample (or imaging) date in the center's calendar.
    public var sampleDate: CalendarDate
    public var analyte: LabAnalyte
    /// As entered, in `unit` (never converted: see `canonicalNumber`).
    public var value: LabResultValue
    /// The unit as entered, one of `analyte.units`; `""` for categorical analytes. The initialiser's
    /// default is the canonical unit.
    public var unit: String
    /// MRD only: NGF or NGS (required for MRD).
    public var method: MRDMethod?
    /// MRD only: limit of detection as a fraction of nucleated cells (1e-5), in (0, 1].
    public var sensitivity: Double?
    /// Transgene only: the assay's lower limit of detection, copies/µg (required, > 0).
    public var lowerLimitOfDetection: Double?
    /// Transgene only: the assay's lower limit of quantification, copies/µg (≥ LLOD when given).
    public var lowerLimitOfQuantification: Double?

    public init(patientCode: String, sampleDate: CalendarDate, analyte: LabAnalyte, value: LabResultValue,
                unit: String? = nil, method: MRDMethod? = nil, sensitivity: Double? = nil,
                lowerLimitOfDetection: Double? = nil, lowerLimitOfQuantification: Double? = nil) {
        self.patientCode = patientCode
        self.sampleDate = sampleDate
        self.analyte = analyte
        self.value = value
        self.unit = unit ?? analyte.unit
        self.method = method
        self.sensitivity = sensitivity
        self.lowerLimitOfDetection = lowerLimitOfDetection
        self.lowerLimitOfQuantification = lowerLimitOfQuantification
    }

    /// Every rule this result breaks, each naming its CSV column (`LabImportColumn`): wrong unit, value
    /// of the wrong kind, negative or implausible value, MRD without a method, transgene without an
    /// LLOD, and method/sensitivity/LLOD/LLOQ given for an analyte they do not apply to.
    ///
    /// - Returns: an empty array when the result is valid. The patient code and date are not checked
    ///   here (they are typed already); `LabImport` checks their text.
    public var problems: [LabResultProblem] {
        LabResultRules.problems(analyte: analyte, value: value, unit: unit, extras: .init(
            methodGiven: method != nil, sensitivity: sensitivity, sensitivityGiven: sensitivity != nil,
            llod: lowerLimitOfDetection, llodGiven: lowerLimitOfDetection != nil,
            lloq: lowerLimitOfQuantification, lloqGiven: lowerLimitOfQuantification != nil))
    }

    /// The unit `unit` names (`LabAnalyte.labUnit`); `nil` for categorical analytes and unknown units.
    public var enteredUnit: LabUnit? { analyte.labUnit(unit) }

    /// The number every engine reads: `value` converted exactly from `unit` into the analyte's
    /// canonical unit (`LabAnalyte.unit`), e.g. 0.5 in `10^9/L` → 500 (/µL), 100 in `g/L` → 10 (g/dL).
    ///
    /// - Returns: `nil` when the value is a finding, or the unit is not one of `analyte.units` (only
    ///   possible for results built in code; `problems` reports it). Engines then skip the result, as
    ///   they skip a value of the wrong kind: a number in an unknown unit cannot be read at all.
    public var canonicalNumber: Double? {
        guard let v = value.number, let u = enteredUnit else { return nil }
        return u.canonical(v)
    }

    /// `value` with its number in the canonical unit (`canonicalNumber`); a finding as it is. `nil` for
    /// a number in a unit that is not one of `analyte.units`.
    public var canonicalValue: LabResultValue? {
        switch value {
        case .finding: value
        case .number: canonicalNumber.map(LabResultValue.number)
        }
    }

    /// The MRD test this result records, when it is a valid MRD result.
    public var mrdTest: MRDTest? {
        guard analyte == .mrd, let positive = value.finding, let method else { return nil }
        return MRDTest(result: positive ? .positive : .negative, method: method, sensitivity: sensitivity)
    }
}

/// One rule a `LabResult` breaks, naming the column the fix goes in.
public struct LabResultProblem: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var column: LabImportColumn
    public var message: String
    public init(column: LabImportColumn, message: String) { self.column = column; self.message = message }
    public var description: String { "\(column.rawValue): \(message)" }
}
