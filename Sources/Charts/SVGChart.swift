import Foundation

/// Namespace for the SVG building core shared by every Cartograph chart: escaping, number
/// formatting, scales, axes, legend, palette and the document writer.
///
/// Every chart is a standalone SVG string (no script, no external resource) that can be inlined in a
/// server-rendered page or a one-file HTML report. Output is deterministic: numbers are formatted by
/// integer arithmetic (never by a locale-aware formatter), attributes keep a fixed order, and nothing
/// depends on the clock or on random identifiers, so pages can be snapshot-tested byte for byte.
public enum SVGChart {}

extension SVGChart {
    /// Formats a number for SVG coordinates and labels with at most `decimals` fractional digits.
    ///
    /// Trailing zeros and a trailing point are dropped (`12.50` → `12.5`, `3.00` → `3`) and negative
    /// zero prints as `0`. The decimal separator is always `.` whatever the process locale, because the
    /// digits are produced from a rounded integer rather than by `String(format:)` or a formatter.
    ///
    /// - Domain: finite values with `|value| × 10^decimals < 9 × 10^15`; `decimals` is clamped to 0…6.
    /// - Edge cases: NaN and ±infinity print as `0` (a coordinate must stay parseable XML/SVG).
    /// - Accuracy: rounds half away from zero at the last kept digit (`Double.rounded()`), so the
    ///   result is exact for values that are exactly representable at that precision.
    public static func format(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        let places = min(max(decimals, 0), 6)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else { return String(Int64(value.rounded())) }
        let integer = Int64(scaled)
        if integer == 0 { return "0" }
        let negative = integer < 0
        var digits = String(integer.magnitude)
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            let pointIndex = digits.index(digits.endIndex, offsetBy: -places)
            var fraction = String(digits[pointIndex...])
            let whole = String(digits[..<pointIndex])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            digits = fraction.isEmpty ? whole : whole + "." + fraction
        }
        return negative ? "-" + digits : digits
    }

    /// Formats a number with exactly `decimals` fractional digits (`1.5` with 2 → `1.50`), for tables
    /// such as hazard ratios where a fixed width reads better. Same locale independence and rounding
    /// as ``format(_:decimals:)``.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let places = min(max(decimals, 0), 6)
        let trimmed = format(value, decimals: places)
        guard places > 0 else { return trimmed }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: places - fraction.count)
    }

    /// Escapes text for use as XML character data or inside a double- or single-quoted attribute.
    ///
    /// Replaces `&`, `<`, `>`, `"` with their predefined entities and `'` with `&#39;` (XML 1.0, §2.4, §4.1, §4.6; `&apos;` is unknown to HTML 4),
    /// and drops code points that XML 1.0 forbids anywhere (§2.2 `Char`: C0 controls other than tab,
    /// line feed and carriage return, and U+FFFE/U+FFFF), because one stray control character in a
    /// patient label would otherwise make the whole page's SVG ill-formed.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A rough width of `text` in user units at `fontSize`, used only for layout decisions (legend
    /// wrapping, whether a label fits in a bar). Assumes an average sans-serif advance of 0.6 em, so
    /// it errs on the wide side for most Latin text.
    public static func estimatedWidth(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
