import Foundation

extension SVGChart {
    /// Maps a data interval linearly onto a pixel interval, with "nice" 1-2-5 ticks.
    ///
    /// `rangeStart` is where `lower` lands and `rangeEnd` where `upper` lands, so a y axis is written
    /// `LinearScale(lower: 0, upper: 1, rangeStart: plot.maxY, rangeEnd: plot.minY)`.
    public struct LinearScale: Sendable, Equatable, Codable {
        public var lower: Double
        public var upper: Double
        public var rangeStart: Double
        public var rangeEnd: Double

        /// A degenerate or non-finite domain is widened (to `x-1…x+1`, or `0…1`) so mapping never
        /// divides by zero.
        public init(lower: Double, upper: Double, rangeStart: Double, rangeEnd: Double) {
            var lo = lower.isFinite ? lower : 0
            var hi = upper.isFinite ? upper : 1
            if lo > hi { swap(&lo, &hi) }
            if lo == hi { lo -= 1; hi += 1 }
            self.lower = lo
            self.upper = hi
            self.rangeStart = rangeStart
            self.rangeEnd = rangeEnd
        }

        /// Pixel position of `value`: `rangeStart + (value − lower)/(upper − lower) × (rangeEnd −
        /// rangeStart)`. Values outside the domain extrapolate; callers clamp when they must.
        public func callAsFunction(_ value: Double) -> Double {
            rangeStart + (value - lower) / (upper - lower) * (rangeEnd - rangeStart)
        }

        /// Ticks at multiples of ``SVGChart/niceStep(_:)`` (for a span / (count − 1)) lying inside the
        /// domain. With a domain already made nice by ``niced(count:)`` both ends are ticks.
        public func ticks(count: Int = 5) -> [Double] {
            SVGChart.ticks(lower: lower, upper: upper, step: SVGChart.niceStep((upper - lower) / Double(max(count - 1, 1))))
        }

        /// The same scale with the domain widened outwards to the nearest multiples of the nice step,
        /// e.g. 0…37 with 5 ticks → 0…40 (ticks 0, 10, 20, 30, 40).
        public func niced(count: Int = 5) -> LinearScale {
            let (lo, hi) = SVGChart.niceBounds(lower: lower, upper: upper, count: count)
            return LinearScale(lower: lo, upper: hi, rangeStart: rangeStart, rangeEnd: rangeEnd)
        }
    }

    /// The 1-2-5 step nearest to `raw`: `raw` is written `f × 10^e` with 1 ≤ f < 10 and f is rounded
    /// to 1 (f < 1.5), 2 (f < 3), 5 (f < 7) or 10 — Heckbert's "nice numbers" thresholds (Heckbert PS,
    /// *Nice numbers for graph labels*, Graphics Gems I, 1990, pp. 61–63).
    ///
    /// - Domain: positive finite `raw`; anything else returns 1.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        var exponent = (log10(raw)).rounded(.down)
        // Multiply by an exact power of ten for negative exponents: 0.3 / 0.1 is 2.9999999999999996
        // in binary floating point, but 0.3 × 10 is 3.0000000000000004, which rounds the right way.
        var fraction = exponent >= 0 ? raw / pow(10, exponent) : raw * pow(10, -exponent)
        if fraction >= 10 { fraction /= 10; exponent += 1 }
        if fraction < 1 { fraction *= 10; exponent -= 1 }
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return exactDecimal(nice, exponent: Int(exponent))
    }

    /// The smallest domain containing `lower…upper` whose ends are multiples of the nice step for
    /// `count` ticks (0…37 → 0…40; −73…12 → −80…20).
    public static func niceBounds(lower: Double, upper: Double, count: Int = 5) -> (Double, Double) {
        let scale = LinearScale(lower: lower, upper: upper, rangeStart: 0, rangeEnd: 1)
        let step = niceStep((scale.upper - scale.lower) / Double(max(count - 1, 1)))
        // The tolerance pulls a bound that floating-point division puts a hair past a multiple back
        // onto it (30.000000001 / 10 → 3, not 4), so the domain is never widened by a spurious step.
        let lo = (scale.lower / step + 1e-9).rounded(.down) * step
        let hi = (scale.upper / step - 1e-9).rounded(.up) * step
        return (clean(lo, step: step), clean(hi, step: step))
    }

    /// Every multiple of `step` in `lower…upper` (a tolerance of 10⁻⁹ step keeps end points that
    /// floating-point division lands just outside), each rounded to the step's decimal precision so
    /// 3 × 0.1 is 0.3, not 0.30000000000000004.
    public static func ticks(lower: Double, upper: Double, step: Double) -> [Double] {
        guard step > 0, step.isFinite, lower.isFinite, upper.isFinite, upper >= lower else { return [] }
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        guard last >= first, last - first <= 1000 else { return [] }
        return (first...last).map { clean(Double($0) * step, step: step) }
    }

    /// `mantissa × 10^exponent` computed so that negative exponents divide by an exact power of ten
    /// (0.1 × 2 is formed as 2/10, the correctly rounded double for 0.2).
    static func exactDecimal(_ mantissa: Double, exponent: Int) -> Double {
        exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
    }

    /// Rounds `value` to the number of decimals `step` needs, removing accumulated binary error.
    static func clean(_ value: Double, step: Double) -> Double {
        let decimals = max(0, Int((-log10(step)).rounded(.up)) + 1)
        guard decimals > 0 else { return value == 0 ? 0 : value }
        let p = pow(10, Double(min(decimals, 12)))
        let r = (value * p).rounded() / p
        return r == 0 ? 0 : r
    }
}
