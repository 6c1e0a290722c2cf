import Foundation
import CartographCore

/// CAR-HEMATOTOX computed from a lab series: the values picked and the engine's score.
public struct SafetyHematotoxBaseline: Sendable, Equatable, Codable {
    /// Platelets, ANC, hemoglobin, CRP, ferritin, in that order.
    public var picks: [SafetyLabPick]
    public var input: CARHematotoxInput
    public var result: CARHematotoxResult
}

/// One day's EASIX values.
public struct SafetyEASIXPoint: Sendable, Equatable, Codable {
    public var studyDay: Int
    /// LDH × creatinine / platelets (10⁹/L); `nil` when creatinine is missing that day or platelets are 0.
    public var easix: Double?
    /// log2 EASIX; `nil` when EASIX is `nil` or 0.
    public var log2EASIX: Double?
    /// LDH × CRP / platelets (10⁹/L); `nil` when CRP is missing that day or platelets are 0.
    public var modifiedEASIX: Double?
}

/// Glue between a patient's lab series and the hematotoxicity engines (`CARHematotox`,
/// `ICAHTGrading`, `EASIX`); the scores themselves are the engines'.
public enum SafetyHematotoxicity {
    /// CAR-HEMATOTOX from the latest platelets, ANC, hemoglobin, CRP and ferritin on or before the
    /// first lymphodepletion day.
    ///
    /// Source: Rejeski K et al., Blood 2021;138:2499-2513: the score uses labs at baseline, before
    /// lymphodepletion (their "day −5" is the first lymphodepletion day), so a value drawn on that
    /// day counts (drawn before the first dose); a later one does not. On the latest day the last
    /// listed value wins. The picks say which day each value came from; stale values are the
    /// caller's to judge.
    ///
    /// - Parameter lymphodepletionDay: study day of the first lymphodepletion dose, -60...0.
    /// - Throws: `ValidationFailure`: `labs[i].…` for bad values, `lymphodepletionDay`, and
    ///   `labs.<analyte>` for each marker with no value on or before that day (all listed at once).
    public static func carHematotox(labs: [SafetyLabValue], lymphodepletionDay: Int) throws -> SafetyHematotoxBaseline {
        try SafetyLabSeries.validate(labs)
        guard (-60...0).contains(lymphodepletionDay) else {
            throw ValidationFailure("lymphodepletionDay", "\(lymphodepletionDay) is out of range -60...0")
        }
        let markers: [SafetyLabAnalyte] = [.platelets, .anc, .hemoglobin, .crp, .ferritin]
        var check = FieldErrorCollector()
        var picks: [SafetyLabPick] = []
        for marker in markers {
            if let pick = SafetyLabSeries.latest(marker, onOrBefore: lymphodepletionDay, in: labs) {
                picks.append(pick)
            } else {
                check.add("labs.\(marker.rawValue)", "no value on or before Day \(lymphodepletionDay) (first lymphodepletion day)")
            }
        }
        try check.throwIfAny()
        let input = CARHematotoxInput(
            plateletsPerMicroliter: picks[0].value, ancPerMicroliter: picks[1].value,
            hemoglobinGramsPerDeciliter: picks[2].value, crpMilligramsPerDeciliter: picks[3].value,
            ferritinNanogramsPerMilliliter: picks[4].value)
        let result = try engine { try CARHematotox.score(input) }
        return SafetyHematotoxBaseline(picks: picks, input: input, result: result)
    }

    /// The ICAHT input: every ANC value from Day −60 on (the engine's domain; earlier ones cannot
    /// matter) with the censoring day and late window passed through.
    ///
    /// - Throws: `ValidationFailure`: `labs[i].…` for bad values, `labs.anc` when no ANC is in range.
    public static func icahtInput(labs: [SafetyLabValue], censorDay: Int? = nil, lateWindowEndDay: Int = 100) throws -> ICAHTInput {
        try SafetyLabSeries.validate(labs)
        let series = labs.filter { $0.analyte == .anc && $0.studyDay >= -60 }
            .map { ANCSample(day: $0.studyDay, ancPerMicroliter: $0.value) }
        guard !series.isEmpty else { throw ValidationFailure("labs.anc", "no ANC value on or after Day -60") }
        return ICAHTInput(ancSeries: series, censorDay: censorDay, lateWindowEndDay: lateWindowEndDay)
    }

    /// Early and late ICAHT (EHA/EBMT, Rejeski K et al., Blood 2023;142:865-877, Table 1, as
    /// implemented by `ICAHTGrading`) from the ANC values of `labs`.
    /// - Throws: `ValidationFailure` as `icahtInput`, and `censorDay` / `lateWindowEndDay` out of
    ///   the engine's range.
    public static func icaht(labs: [SafetyLabValue], censorDay: Int? = nil, lateWindowEndDay: Int = 100) throws -> ICAHTResult {
        let input = try icahtInput(labs: labs, censorDay: censorDay, lateWindowEndDay: lateWindowEndDay)
        return try engine { try ICAHTGrading.grade(input) }
    }

    /// EASIX and m-EASIX for each study day that has LDH, platelets and creatinine or CRP, using
    /// same-day values only
    /// (the indices are defined on one blood draw; mixing days would mix states). Platelets are
    /// converted from /µL to 10⁹/L (÷ 1000) as `EASIX` expects. On a day with repeated values the
    /// last listed is used. Sources: Luft T et al., Lancet Haematol 2017 (EASIX); Pennisi M et al.,
    /// Blood Adv 2021 (m-EASIX); no cut-off is applied (they are cohort-specific).
    ///
    /// - Throws: `ValidationFailure` for bad lab values.
    public static func easixSeries(labs: [SafetyLabValue]) throws -> [SafetyEASIXPoint] {
        try SafetyLabSeries.validate(labs)
        var byDay: [Int: [SafetyLabAnalyte: Double]] = [:]
        for lab in labs { byDay[lab.studyDay, default: [:]][lab.analyte] = lab.value }
        return byDay.keys.sorted().compactMap { day in
            let v = byDay[day]!
            guard let ldh = v[.ldh], let platelets = v[.platelets] else { return nil }
            let gigaPerLiter = platelets / 1000
            let easix = v[.creatinine].flatMap {
                EASIX.value(ldhUnitsPerLiter: ldh, creatinineMilligramsPerDeciliter: $0, plateletsGigaPerLiter: gigaPerLiter)
            }
            let modified = v[.crp].flatMap {
                EASIX.modifiedValue(ldhUnitsPerLiter: ldh, crpMilligramsPerDeciliter: $0, plateletsGigaPerLiter: gigaPerLiter)
            }
            guard v[.creatinine] != nil || v[.crp] != nil else { return nil }
            return SafetyEASIXPoint(studyDay: day, easix: easix, log2EASIX: EASIX.log2Value(easix), modifiedEASIX: modified)
        }
    }

    /// Runs an engine, turning its `ClinicalInputError` into a `ValidationFailure` for the same field.
    private static func engine<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ClinicalInputError {
            throw ValidationFailure(error.field, error.message)
        }
    }
}
