import CartographCore
/// One absolute neutrophil count on a study day (day 0 = CAR T-cell infusion).
public struct ANCSample: Sendable, Equatable, Codable {
    /// Study day, -60...3650 (pre-lymphodepletion samples have negative days).
    public var day: Int
    /// ANC per µL (0.5 × 10⁹/L = 500/µL), 0...100,000.
    public var ancPerMicroliter: Double

    public init(day: Int, ancPerMicroliter: Double) {
        self.day = day
        self.ancPerMicroliter = ancPerMicroliter
    }

    static let dayDomain = -60...3650
    static let ancDomain: ClosedRange<Double> = 0...100_000

    static let shape = StrictJSONShape(allowed: ["day", "ancPerMicroliter"])

    public init(from decoder: any Decoder) throws {
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        self.init(
            day: try json.requiredInteger("day", in: Self.dayDomain),
            ancPerMicroliter: try json.requiredNumber("ancPerMicroliter", in: Self.ancDomain))
    }
}

/// A daily reading of a sparse ANC series, for counting days at or below a threshold.
///
/// Counting rule (documented because the consensus assumes daily counts):
/// 1. Several samples on one day: the lowest counts (as in Liang's automated ICAHT grading).
/// 2. A count holds until the next count (last observation carried forward), so the days between
///    a count <= threshold and the next count all count as at or below it; neutropenia lasts until
///    a count documents recovery. Nothing is extrapolated past the last sample, except up to a
///    censoring day (death, progression, new therapy) when one is given.
/// 3. Non-stable recovery: a run of fewer than 3 days above the threshold between two days at or
///    below it is counted as at or below. Recovery means 3 consecutive days above (CIBMTR
///    engraftment convention); the same group's T-ICAHT grading (ASH, 2025, Table 1 note) restates
///    the N-ICAHT rule: "days of nonstable count recovery (<3 days) are counted to the cumulative
///    total of days".
/// 4. The duration is the cumulative number of such days in the window, not the longest episode.
/// With weekly samples the durations are only as precise as the sampling interval.
struct NeutrophilTimeline {
    /// Samples sorted by day, one per day (the lowest).
    let samples: [ANCSample]

    init(_ series: [ANCSample]) {
        var lowest: [Int: Double] = [:]
        for s in series { lowest[s.day] = min(lowest[s.day] ?? .infinity, s.ancPerMicroliter) }
        samples = lowest.keys.sorted().map { ANCSample(day: $0, ancPerMicroliter: lowest[$0]!) }
    }

    /// The carried-forward ANC on each day of `window`, `nil` before the first sample or after
    /// `lastDay`.
    func daily(_ window: ClosedRange<Int>, lastDay: Int) -> [Int: Double] {
        var result: [Int: Double] = [:]
        var index = -1
        for day in window where day <= lastDay {
            while index + 1 < samples.count && samples[index + 1].day <= day { index += 1 }
            if index >= 0 { result[day] = samples[index].ancPerMicroliter }
        }
        return result
    }

    /// Days of `window` at or below `threshold`, bridging non-stable recoveries (< 3 days above).
    static func daysAtOrBelow(_ threshold: Double, daily: [Int: Double], window: ClosedRange<Int>) -> Set<Int> {
        var below = Set(window.filter { (daily[$0] ?? .infinity) <= threshold })
        let sorted = below.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > 1 && b - a - 1 < 3 {
            let gap = (a + 1)..<b
            // Only observed days above the threshold are bridged; unknown days stay uncounted.
            if gap.allSatisfy({ daily[$0] != nil }) { below.formUnion(gap) }
        }
        return below
    }
}
