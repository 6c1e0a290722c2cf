import Foundation

extension SVGChart {
    /// Maps a positive data interval onto pixels by log10, so equal ratios get equal distances
    /// (10→100 is as long as 100→1000). Used for transgene copies, ratios and hazard ratios.
    public struct LogScale: Sendable, Equatable, Codable {
        public var lower: Double
        public var upper: Double
        public var rangeStart: Double
        public var rangeEnd: Double

        /// Tick placement for ``ticks(style:)``.
        public enum TickStyle: String, Sendable, Codable, CaseIterable {
            /// Decades when at least three powers of ten fall inside the domain, else 1-2-5 within
            /// each decade (so 10…1000 gets 10, 100, 1000 and 0.2…20 gets 0.2, 0.5, 1, 2, 5, 10, 20).
            case automatic
            /// Powers of ten only.
            case decades
            /// 1, 2 and 5 times each power of ten.
            case oneTwoFive
        }

        /// Non-positive or non-finite bounds fall back to 1 and 10; a degenerate domain is widened by a
        /// decade each way.
        public init(lower: Double, upper: Double, rangeStart: Double, rangeEnd: Double) {
            var lo = lower.isFinite && lower > 0 ? lower : 1
            var hi = upper.isFinite && upper > 0 ? upper : max(lo * 10, 10)
            if lo > hi { swap(&lo, &hi) }
            if lo == hi { lo /= 10; hi *= 10 }
            self.lower = lo
            self.upper = hi
            self.rangeStart = rangeStart
            self.rangeEnd = rangeEnd
        }

        /// Pixel position of `value`: `rangeStart + (log10 v − log10 lower)/(log10 upper − log10 lower)
        /// × (rangeEnd − rangeStart)`. Non-positive values have no logarithm and map to `lower`.
        public func callAsFunction(_ value: Double) -> Double {
            let v = value > 0 && value.isFinite ? value : lower
            let a = log10(lower), b = log10(upper)
            return rangeStart + (log10(v) - a) / (b - a) * (rangeEnd - rangeStart)
        }

        /// The same scale widened outwards to whole decades (3…4 000 → 1…10 000).
        public func niced() -> LogScale {
            let lo = SVGChart.exactDecimal(1, exponent: Int((log10(lower) + 1e-9).rounded(.down)))
            let hi = SVGChart.exactDecimal(1, exponent: Int((log10(upper) - 1e-9).rounded(.up)))
            return LogScale(lower: lo, upper: hi == lo ? hi * 10 : hi, rangeStart: rangeStart, rangeEnd: rangeEnd)
        }

        /// The same scale widened outwards to the nearest 1, 2 or 5 × 10ᵏ (0.32…2.1 → 0.2…5), a
        /// tighter fit than whole decades for ratios near 1.
        public func nicedOneTwoFive() -> LogScale {
            let candidates = values(mantissas: [1, 2, 5], from: lower / 10, to: upper * 10)
            let lo = candidates.last { $0 <= lower * (1 + 1e-9) } ?? lower
            let hi = candidates.first { $0 >= upper * (1 - 1e-9) } ?? upper
            return LogScale(lower: lo, upper: hi, rangeStart: rangeStart, rangeEnd: rangeEnd)
        }

        /// Tick values inside the domain, ascending.
        public func ticks(style: TickStyle = .automatic) -> [Double] {
            let mantissas: [Double]
            switch style {
            case .decades: mantissas = [1]
            case .oneTwoFive: mantissas = [1, 2, 5]
            case .automatic: mantissas = values(mantissas: [1]).count >= 3 ? [1] : [1, 2, 5]
            }
            return values(mantissas: mantissas)
        }

        /// Unlabelled minor ticks: 2…9 times each power of ten inside the domain.
        public func minorTicks() -> [Double] {
            values(mantissas: [2, 3, 4, 5, 6, 7, 8, 9])
        }

        private func values(mantissas: [Double]) -> [Double] {
            values(mantissas: mantissas, from: lower, to: upper)
        }

        private func values(mantissas: [Double], from lower: Double, to upper: Double) -> [Double] {
            let first = Int((log10(lower) + 1e-9).rounded(.down))
            let last = Int((log10(upper) - 1e-9).rounded(.up))
            guard last >= first, last - first <= 60 else { return [] }
            var out: [Double] = []
            for e in first...last {
                for m in mantissas {
                    let v = SVGChart.exactDecimal(m, exponent: e)
                    if v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) { out.append(v) }
                }
            }
            return out
        }
    }

    /// A label for a log-axis tick: plain decimals from 0.001 to 100 000 (`0.01`, `5`, `20000`), and
    /// `10⁶`-style powers (or `2×10⁶`) outside that range, so labels stay short and never use a
    /// locale's digit grouping.
    public static func logTickLabel(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return "0" }
        if value >= 0.001 - 1e-15 && value <= 100_000 * (1 + 1e-12) {
            return format(value, decimals: 3)
        }
        let exponent = Int(log10(value).rounded(.down))
        let mantissa = (value / exactDecimal(1, exponent: exponent) * 1000).rounded() / 1000
        let power = "10" + superscript(exponent)
        return mantissa == 1 ? power : format(mantissa, decimals: 2) + "×" + power
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(n.magnitude).map { digits[Int(String($0))!] })
        return n < 0 ? "⁻" + body : body
    }
}
