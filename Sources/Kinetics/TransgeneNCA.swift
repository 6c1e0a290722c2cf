/// One blood sample's CAR transgene level (qPCR/ddPCR of the vector sequence).
public struct TransgeneSample: Sendable, Equatable, Codable {
    /// Study day (Day 0 = infusion); fractions allowed (hours after infusion).
    public var day: Double
    /// Transgene copies per µg of genomic DNA.
    public var copiesPerMicrogram: Double

    public init(day: Double, copiesPerMicrogram: Double) {
        self.day = day
        self.copiesPerMicrogram = copiesPerMicrogram
    }
}

/// Non-compartmental summary of a CAR transgene series.
public struct TransgeneNCAResult: Sendable, Equatable, Codable {
    /// Name of the rules that produced it (`TRANSGENE-NCA-1`).
    public var ruleSet: String
    /// Highest level at or above the LLOD; `nil` when none is.
    public var cmax: Double?
    /// Day of the first sample at `cmax`.
    public var tmax: Double?
    /// AUC from day 0 to day 28, copies/µg × day; `nil` when the series ends before day 28.
    public var auc0to28: Double?
    /// Whether the day-28 level was interpolated (no sample on day 28).
    public var auc0to28Interpolated: Bool
    /// Last day with a level ≥ LLOD; `nil` when none.
    public var tlast: Double?
    /// Days from infusion to the last detectable sample (= `tlast`; 0 when never detected).
    public var persistenceDays: Double
    /// The last sample is still detectable, so persistence is censored (at least `persistenceDays`).
    public var persistenceOngoing: Bool
    /// Detectable at month 12 by the window rule (see `TransgeneNCA`); `nil` when no sample in the window.
    public var detectableAt12Months: Bool?
    /// Detectable at month 24 by the window rule; `nil` when no sample in the window.
    public var detectableAt24Months: Bool?
}

/// Non-compartmental analysis of a CAR transgene series (rule set `TRANSGENE-NCA-1`).
///
/// Rules (the engine's own, stated so every figure can be reproduced by hand):
/// - Below the limit: a level < LLOD is "not detected". It counts as 0 for Cmax and AUC (the standard
///   BLQ = 0 convention, which keeps the log-down rule off segments that end undetected) and as absent
///   for Tlast, persistence and the 12/24-month flags. A level exactly at the LLOD is detected. The
///   contract carries one limit; levels between LLOD and an assay's LLOQ are used as reported.
/// - Day 0: the transgene is absent before infusion, so when there is no day-0 sample the profile starts
///   at (0, 0).
/// - AUC(0–28 d): linear-up log-down (`NCATrapezoid`); with no sample on day 28 the day-28 level is
///   interpolated from the samples around it (log-linear on a falling segment, linear otherwise); a
///   series ending before day 28 has no AUC(0–28) (no extrapolation).
/// - Persistence: days to the last detectable sample (Tlast). A detected sample after an undetected one
///   (intermittent detection) extends persistence.
/// - Detectable at 12 / 24 months: the sample nearest day 365 / 730 within ±45 days (a protocol visit
///   window) decides; on a tie the later sample is used; no sample in the window gives `nil`.
public enum TransgeneNCA {
    public static let ruleSet = "TRANSGENE-NCA-1"
    /// Month-12 and month-24 visits, study days.
    public static let month12Day = 365.0
    public static let month24Day = 730.0
    /// Half-width of the visit window, days.
    public static let visitWindowDays = 45.0
    /// End of the AUC interval, days.
    public static let aucEndDay = 28.0

    /// Analyses `samples` against `lowerLimitOfDetection`.
    ///
    /// - Precondition: samples non-empty, in strictly increasing day order, days ≥ 0, levels ≥ 0 and
    ///   finite, LLOD > 0 (`NCACommand` checks these and names the field).
    public static func analyze(samples: [TransgeneSample], lowerLimitOfDetection llod: Double) -> TransgeneNCAResult {
        let detected = samples.filter { $0.copiesPerMicrogram >= llod }
        let peak = detected.max { $0.copiesPerMicrogram < $1.copiesPerMicrogram } // first of equal maxima
        let cmax = peak?.copiesPerMicrogram
        let tmax = cmax.flatMap { c in detected.first { $0.copiesPerMicrogram == c }?.day }

        var points = samples.map { (t: $0.day, c: $0.copiesPerMicrogram >= llod ? $0.copiesPerMicrogram : 0) }
        if let first = points.first, first.t > 0 { points.insert((t: 0, c: 0), at: 0) }
        let auc = NCATrapezoid.area(of: points, to: aucEndDay)

        let tlast = detected.last?.day
        return TransgeneNCAResult(
            ruleSet: ruleSet,
            cmax: cmax,
            tmax: tmax,
            auc0to28: auc?.area,
            auc0to28Interpolated: auc?.interpolatedEnd ?? false,
            tlast: tlast,
            persistenceDays: tlast ?? 0,
            persistenceOngoing: samples.last.map { $0.copiesPerMicrogram >= llod } ?? false,
            detectableAt12Months: detectable(near: month12Day, samples: samples, llod: llod),
            detectableAt24Months: detectable(near: month24Day, samples: samples, llod: llod))
    }

    /// Whether the sample nearest `day` within ±`visitWindowDays` is at or above the LLOD.
    ///
    /// - Returns: `nil` when no sample lies in the window. Ties go to the later sample.
    public static func detectable(near day: Double, samples: [TransgeneSample], llod: Double) -> Bool? {
        let inWindow = samples.filter { abs($0.day - day) <= visitWindowDays }
        guard var nearest = inWindow.first else { return nil }
        for s in inWindow.dropFirst() where abs(s.day - day) <= abs(nearest.day - day) { nearest = s }
        return nearest.copiesPerMicrogram >= llod
    }
}
