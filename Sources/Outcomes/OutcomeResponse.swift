import CartographCore
import Clinical
import Kinetics

/// A patient's IMWG course and transgene kinetics computed from raw results: the one path from
/// laboratory records to response that the patient page, the cohort report and the in-silico trial
/// share.
public enum OutcomeResponse {
    /// Baseline window (rule set `RESPONSE-BASELINE-1`): from 28 days before the first lymphodepletion
    /// dose (before the infusion when no dose is recorded) to Day 0 inclusive. IMWG response is measured
    /// against disease before lymphodepletion (Kumar 2016); 28 days is the usual protocol screening
    /// window, so an older value (before bridging therapy) never serves as baseline.
    public static let baselineRuleSet = "RESPONSE-BASELINE-1"
    public static let baselineWindowDays = 28
    /// Results dated within 3 days of an assessment's first date belong to it (a marrow drawn after the
    /// blood); `LabResultIMWGConversion` keeps the later value of a repeated analyte.
    public static let assessmentWindowDays = 3

    /// First day a baseline value may come from.
    public static func baselineFrom(infusion: CalendarDate, firstLymphodepletion: CalendarDate?) -> CalendarDate {
        (firstLymphodepletion ?? infusion).adding(days: -baselineWindowDays)
    }

    /// The IMWG engine's input built from `results` (rule sets `RESPONSE-BASELINE-1`, `LAB-IMWG-1`).
    public static func input(patientCode: String, infusion: CalendarDate, firstLymphodepletion: CalendarDate?,
                             results: [LabResult]) -> LabResultIMWGInput {
        LabResultIMWGConversion.input(
            patientCode: patientCode, results: results,
            baselineFrom: baselineFrom(infusion: infusion, firstLymphodepletion: firstLymphodepletion),
            infusion: infusion, assessmentWindowDays: assessmentWindowDays)
    }

    /// The transgene series and its non-compartmental analysis (`nil` without a sample after Day 0 or
    /// without an assay LLOD).
    public static func persistence(patientCode: String, infusion: CalendarDate, results: [LabResult])
        -> (series: LabResultTransgeneSeries, nca: TransgeneNCAResult?)
    {
        let series = LabResultIMWGConversion.transgeneSeries(patientCode: patientCode, results: results, infusion: infusion)
        guard let llod = series.lowerLimitOfDetection, llod > 0, !series.samples.isEmpty else { return (series, nil) }
        let nca = TransgeneNCA.analyze(
            samples: series.samples.map { TransgeneSample(day: $0.day, copiesPerMicrogram: $0.copiesPerMicrogram) },
            lowerLimitOfDetection: llod)
        return (series, nca)
    }
}
