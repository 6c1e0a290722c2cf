import Foundation

/// One unit a laboratory reports a numeric analyte in, with its exact conversion to the analyte's
/// canonical unit (`LabAnalyte.unit`, the one every engine reads).
///
/// A result keeps the value and unit as entered (`LabResult.value`, `LabResult.unit`): that is what
/// the laboratory reported, what is stored and what is shown. Engines read `LabResult.canonicalNumber`,
/// the entered value put through `conversion` here, computed on demand and never stored, so the
/// stored number is never a rounded conversion. Each analyte's units are listed, with their sources,
/// in one table (`LabAnalyte.units`, LabUnitTable.swift).
public struct LabUnit: Sendable, Equatable, Hashable {
    /// How a value in this unit becomes a value in the canonical unit: one multiplication or one
    /// division by a published factor.
    ///
    /// Both directions exist because a decimal factor below 1 has no exact binary form: g/L → g/dL as
    /// `× 0.1` turns 3 g/L into 0.30000000000000004 g/dL, while `÷ 10` gives the nearest double to 0.3,
    /// the same number as 0.3 g/dL typed directly. So a factor is written the way that keeps it an
    /// integer or a short published decimal.
    public enum Conversion: Sendable, Equatable, Hashable {
        /// The same quantity under another name (ng/mL = µg/L; cells/mm³ = /µL).
        case identical
        /// canonical = entered × factor.
        case times(Double)
        /// canonical = entered ÷ factor.
        case dividedBy(Double)
    }

    /// How the unit is stored and shown, in ASCII as the CSV template writes units (`10^9/L`, `umol/L`).
    public let symbol: String
    /// Every spelling that names this unit, `symbol` included: typographic variants only (µ, μ or u;
    /// ⁹ or ^9; a leading × or x). Compared after removing whitespace, case-sensitively, because case
    /// carries meaning in units (mg and Mg; G/L is 10⁹/L, g/L is grams).
    public let spellings: Set<String>
    public let conversion: Conversion

    init(_ symbol: String, _ conversion: Conversion = .identical, spellings: [String] = []) {
        self.symbol = symbol
        self.conversion = conversion
        self.spellings = Set(spellings + [symbol])
    }

    /// Whether `text` names this unit (see `spellings`).
    public func matches(_ text: String) -> Bool { spellings.contains(text.filter { !$0.isWhitespace }) }

    /// `value` (in this unit) in the analyte's canonical unit.
    ///
    /// Accuracy: one correctly rounded multiplication or division, so within half an ulp of the exact
    /// product of the double `value` and the factor. Values that are integers, or exact binary
    /// fractions, times an integer factor (0.5 × 10⁹/L → 500 /µL; 24 g/L → 2.4 g/dL) come out exactly
    /// as the canonical value typed directly.
    public func canonical(_ value: Double) -> Double {
        switch conversion {
        case .identical: value
        case .times(let f): value * f
        case .dividedBy(let f): value / f
        }
    }

    /// `canonicalValue` (in the canonical unit) in this unit: the inverse of `canonical(_:)`, used only to
    /// state a plausible range in the unit the user entered.
    public func entered(fromCanonical canonicalValue: Double) -> Double {
        switch conversion {
        case .identical: canonicalValue
        case .times(let f): canonicalValue / f
        case .dividedBy(let f): canonicalValue * f
        }
    }
}

/// `text` with every micro sign spelled three ways: the ASCII `u` the template uses, the micro sign
/// U+00B5 (`µ`, what most keyboards type) and the Greek mu U+03BC (`μ`, what Unicode normalisation
/// and many laboratory systems produce). Every lowercase `u` in `text` must be a micro prefix.
func labUnitMicroSpellings(_ text: String) -> [String] {
    [text, text.replacingOccurrences(of: "u", with: "\u{00B5}"), text.replacingOccurrences(of: "u", with: "\u{03BC}")]
}
