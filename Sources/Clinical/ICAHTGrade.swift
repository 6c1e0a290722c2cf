import CartographCore
/// What the EHA/EBMT ICAHT grading needs: an ANC series and where follow-up stops.
public struct ICAHTInput: Sendable, Equatable, Codable {
    /// ANC samples in any order; at least one.
    public var ancSeries: [ANCSample]
    /// Day of progression, subsequent therapy or death, after which samples are ignored and up to
    /// which the last count is carried; `nil` when follow-up continues.
    public var censorDay: Int?
    /// Last day counted for late ICAHT (default 100, as in Liang's automated grading and the T-ICAHT
    /// study; the consensus itself says only "after day +30").
    public var lateWindowEndDay: Int

    public init(ancSeries: [ANCSample], censorDay: Int? = nil, lateWindowEndDay: Int = 100) {
        self.ancSeries = ancSeries
        self.censorDay = censorDay
        self.lateWindowEndDay = lateWindowEndDay
    }

    public func validate() throws {
        guard !ancSeries.isEmpty else {
            throw ClinicalInputError(field: "ancSeries", message: "at least one sample is required")
        }
        for (i, s) in ancSeries.enumerated() {
            if !ANCSample.dayDomain.contains(s.day) {
                throw ClinicalInputError(field: "ancSeries[\(i)].day", message: "\(s.day) is out of range -60...3650")
            }
            if !(s.ancPerMicroliter.isFinite && ANCSample.ancDomain.contains(s.ancPerMicroliter)) {
                throw ClinicalInputError(field: "ancSeries[\(i)].ancPerMicroliter", message: "\(s.ancPerMicroliter.clinicalText) is out of range 0...100000")
            }
        }
        if let c = censorDay, !(0...3650).contains(c) {
            throw ClinicalInputError(field: "censorDay", message: "\(c) is out of range 0...3650")
        }
        if !(31...3650).contains(lateWindowEndDay) {
            throw ClinicalInputError(field: "lateWindowEndDay", message: "\(lateWindowEndDay) is out of range 31...3650")
        }
    }

    static let shape = StrictJSONShape(allowed: ["ancSeries", "censorDay", "lateWindowEndDay"],
                                       nested: ["ancSeries": ANCSample.shape])

    public init(from decoder: any Decoder) throws {
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        guard let series = try json.objectArray("ancSeries", of: ANCSample.self) else {
            throw ClinicalInputError(field: "ancSeries", message: "required: an array of {day, ancPerMicroliter}")
        }
        self.init(
            ancSeries: series,
            censorDay: try json.integer("censorDay", in: 0...3650, nullable: true),
            lateWindowEndDay: try json.integer("lateWindowEndDay", in: 31...3650) ?? 100)
        try validate()
    }
}

/// Early ICAHT (days 0-30).
public struct ICAHTEarlyResult: Sendable, Equatable, Codable {
    public var grade: Int
    /// Cumulative days with ANC <= 500/µL in days 0-30 (see `NeutrophilTimeline` for counting).
    public var daysAtOrBelow500: Int
    /// Cumulative days with ANC <= 100/µL in days 0-30.
    public var daysAtOrBelow100: Int
    /// Last day the series (or the censoring day) covers within days 0-30.
    public var observedThroughDay: Int
    /// ANC <= 500/µL from day 3 or earlier through the end of the evaluable window.
    public var neverRecovered: Bool
}

/// Late ICAHT (after day +30).
public struct ICAHTLateResult: Sendable, Equatable, Codable {
    public var grade: Int
    /// Lowest ANC per µL after day +30.
    public var nadir: Double
    public var nadirDay: Int
    /// Samples in the late window.
    public var measurements: Int
}

public struct ICAHTResult: Sendable, Equatable, Codable {
    /// `nil` when no sample covers days 0-30.
    public var early: ICAHTEarlyResult?
    /// `nil` when there is no sample after day +30 within the late window.
    public var late: ICAHTLateResult?
    public var reasons: [String]
    public var ruleSet: ClinicalRuleSet

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(early, forKey: .early)  // explicit null, not an absent key
        try c.encode(late, forKey: .late)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(ruleSet, forKey: .ruleSet)
    }
}

/// EHA/EBMT consensus grading of neutropenic immune effector cell-associated hematotoxicity.
///
/// Source: Rejeski K et al., "Immune effector cell-associated hematotoxicity: EHA/EBMT consensus
/// grading and best practice recommendations", Blood 2023;142(10):865-877, Table 1. The thresholds
/// below were checked against Liang EC's published automated implementation of that table
/// (github.com/emilyliangmd/automatedicahtgrading), since the table itself was not retrievable:
///
/// | early (days 0-30) | 1 | 2 | 3 | 4 |
/// |---|---|---|---|---|
/// | ANC <= 500/µL | 1-6 days | 7-13 days | >= 14 days | never above 500 (>= 31 days) |
/// | ANC <= 100/µL | - | - | 7-13 days | >= 14 days |
///
/// | late (after day +30) | 1 | 2 | 3 | 4 |
/// |---|---|---|---|---|
/// | ANC nadir | <= 1500 | <= 1000 | <= 500 | <= 100 |
///
/// Decisions: durations are cumulative days counted as `NeutrophilTimeline` describes. "Never
/// recovered" (grade 4) is ANC <= 500 continuously from day 3 or earlier to the end of the
/// evaluable window (day 30, or the censoring day), as Liang does for patients whose nadir follows
/// lymphodepletion by a few days. Late ICAHT needs the neutropenia to be non-transient: at least two
/// counts <= 1500 in the late window, graded by the nadir; a single count in the window is graded
/// with a reason asking for confirmation; one low count among several normal ones is grade 0.
public enum ICAHTGrading {
    public static let ruleSet = ClinicalRuleSet.ehaEbmtICAHT2023

    /// Grades early and late ICAHT. Throws `ClinicalInputError` for invalid input.
    public static func grade(_ input: ICAHTInput) throws -> ICAHTResult {
        try input.validate()
        let censor = input.censorDay ?? Int.max
        let timeline = NeutrophilTimeline(input.ancSeries.filter { $0.day <= censor })
        var reasons: [String] = []
        if timeline.samples.count < Set(input.ancSeries.map(\.day)).count {
            reasons.append("samples after the censoring day \(censor) ignored")
        }
        let early = earlyGrade(timeline, censorDay: input.censorDay, reasons: &reasons)
        let late = lateGrade(timeline, windowEnd: min(input.lateWindowEndDay, censor), reasons: &reasons)
        return ICAHTResult(early: early, late: late, reasons: reasons, ruleSet: ruleSet)
    }

    private static func earlyGrade(
        _ timeline: NeutrophilTimeline, censorDay: Int?, reasons: inout [String]
    ) -> ICAHTEarlyResult? {
        let windowEnd = min(30, censorDay ?? 30)
        guard let first = timeline.samples.first, first.day <= windowEnd else {
            reasons.append("early ICAHT not evaluable: no ANC sample on or before day \(windowEnd)")
            return nil
        }
        let lastSampleDay = timeline.samples.last!.day
        let dataEnd = censorDay.map { max(lastSampleDay, $0) } ?? lastSampleDay
        guard dataEnd >= 0 else {
            reasons.append("early ICAHT not evaluable: only pre-infusion ANC samples")
            return nil
        }
        let observedEnd = min(windowEnd, dataEnd)
        let window = 0...max(0, observedEnd)
        let daily = timeline.daily(window, lastDay: dataEnd)
        let below500 = NeutrophilTimeline.daysAtOrBelow(500, daily: daily, window: window)
        let below100 = NeutrophilTimeline.daysAtOrBelow(100, daily: daily, window: window)

        if first.day > 0 { reasons.append("no ANC before day \(first.day): earlier days not counted") }
        let windowSamples = timeline.samples.map(\.day).filter { $0 >= 0 && $0 <= windowEnd }
        if let widest = zip(windowSamples, windowSamples.dropFirst()).map({ $1 - $0 }).max(), widest > 7 {
            reasons.append("ANC samples up to \(widest) days apart in days 0-30: durations are approximate")
        }

        // Never recovered: at or below 500 every day from some day <= 3 through the window's end.
        let reachesEnd = observedEnd == windowEnd
        var runStart = observedEnd
        while runStart - 1 >= 0 && below500.contains(runStart - 1) { runStart -= 1 }
        let neverRecovered = reachesEnd && below500.contains(observedEnd) && runStart <= 3

        let d500 = below500.count, d100 = below100.count
        let grade: Int
        if d100 >= 14 {
            grade = 4; reasons.append("early: ANC <= 100/µL for \(d100) days (>= 14): grade 4")
        } else if neverRecovered || d500 >= 31 {
            grade = 4; reasons.append("early: ANC <= 500/µL from day \(runStart) without recovery through day \(observedEnd): grade 4")
        } else if d100 >= 7 {
            grade = 3; reasons.append("early: ANC <= 100/µL for \(d100) days (7-13): grade 3")
        } else if d500 >= 14 {
            grade = 3; reasons.append("early: ANC <= 500/µL for \(d500) days (>= 14): grade 3")
        } else if d500 >= 7 {
            grade = 2; reasons.append("early: ANC <= 500/µL for \(d500) days (7-13): grade 2")
        } else if d500 >= 1 {
            grade = 1; reasons.append("early: ANC <= 500/µL for \(d500) days (< 7): grade 1")
        } else {
            grade = 0; reasons.append("early: ANC never <= 500/µL in days 0-\(observedEnd): grade 0")
        }
        if !reachesEnd && below500.contains(observedEnd) {
            reasons.append("ANC <= 500/µL ongoing at the last sample (day \(observedEnd)): early grade is provisional")
        }
        return ICAHTEarlyResult(
            grade: grade, daysAtOrBelow500: d500, daysAtOrBelow100: d100,
            observedThroughDay: observedEnd, neverRecovered: neverRecovered)
    }

    private static func lateGrade(
        _ timeline: NeutrophilTimeline, windowEnd: Int, reasons: inout [String]
    ) -> ICAHTLateResult? {
        let late = timeline.samples.filter { $0.day >= 31 && $0.day <= windowEnd }
        guard let nadir = late.min(by: { $0.ancPerMicroliter < $1.ancPerMicroliter }) else {
            reasons.append("late ICAHT not evaluable: no ANC sample in days 31-\(windowEnd)")
            return nil
        }
        let low = late.filter { $0.ancPerMicroliter <= 1500 }
        let band = nadirBand(nadir.ancPerMicroliter)
        let grade: Int
        let text = "late: ANC nadir \(nadir.ancPerMicroliter.clinicalText)/µL on day \(nadir.day)"
        if late.count == 1 {
            grade = band
            reasons.append("\(text) (single measurement after day +30; confirm non-transient neutropenia): grade \(band)")
        } else if low.count >= 2 {
            grade = band
            reasons.append("\(text), \(low.count) counts <= 1500/µL (non-transient): grade \(band)")
        } else if low.count == 1 {
            grade = 0
            reasons.append("\(text) is the only count <= 1500/µL among \(late.count) (transient): grade 0")
        } else {
            grade = 0
            reasons.append("\(text): no count <= 1500/µL after day +30: grade 0")
        }
        return ICAHTLateResult(grade: grade, nadir: nadir.ancPerMicroliter, nadirDay: nadir.day, measurements: late.count)
    }

    /// Late ICAHT band of one count: <= 100 → 4, <= 500 → 3, <= 1000 → 2, <= 1500 → 1, else 0.
    static func nadirBand(_ anc: Double) -> Int {
        anc <= 100 ? 4 : anc <= 500 ? 3 : anc <= 1000 ? 2 : anc <= 1500 ? 1 : 0
    }
}
