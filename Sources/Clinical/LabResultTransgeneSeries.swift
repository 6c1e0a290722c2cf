import CartographCore

/// One transgene level by study day, field for field the `Kinetics` target's `TransgeneSample`
/// (which `Clinical` cannot import, Kinetics being downstream of it):
/// `series.samples.map { TransgeneSample(day: $0.day, copiesPerMicrogram: $0.copiesPerMicrogram) }`.
public struct LabTransgenePoint: Sendable, Equatable, Hashable, Codable {
    /// Study day (Day 0 = infusion).
    public var day: Double
    /// Copies per µg genomic DNA as reported (below-LLOD levels included; the NCA decides).
    public var copiesPerMicrogram: Double

    public init(day: Double, copiesPerMicrogram: Double) {
        self.day = day; self.copiesPerMicrogram = copiesPerMicrogram
    }
}

/// A patient's CAR transgene series, ready for `TransgeneNCA.analyze(samples:lowerLimitOfDetection:)`.
public struct LabResultTransgeneSeries: Sendable, Equatable, Codable {
    /// Strictly increasing days, all ≥ 0.
    public var samples: [LabTransgenePoint]
    /// The LLOD to analyse against: the highest of the samples' assay LLODs; `nil` when no sample has
    /// one (then the series cannot be analysed).
    public var lowerLimitOfDetection: Double?
    /// The highest LLOQ reported, for display; the NCA uses levels between LLOD and LLOQ as reported.
    public var lowerLimitOfQuantification: Double?
    public var reasons: [String]
}

extension LabResultIMWGConversion {
    /// Collects `patientCode`'s `transgeneCopies` results as an NCA series (rule set `LAB-NCA-1`).
    ///
    /// Rules:
    /// - Samples dated before the infusion are left out (the NCA takes days ≥ 0 and treats the transgene
    ///   as absent before Day 0); a Day-0 sample is kept.
    /// - One LLOD for the whole series (the NCA takes one): the highest assay LLOD among the samples.
    ///   Why the highest: a level then counts as detected only if every assay used would have detected
    ///   it, so a change of assay cannot lengthen persistence. When LLODs differ a reason says so.
    /// - Two samples on one date (impossible after `LabImport`) keep the later one in `results` order.
    /// - Levels are read in copies/µg (`LabResult.canonicalNumber`, the analyte's only unit); a level in
    ///   any other unit (possible only for results built in code) is left out.
    public static func transgeneSeries(patientCode: String, results: [LabResult],
                                       infusion: CalendarDate) -> LabResultTransgeneSeries {
        var reasons: [String] = []
        var byDay: [Int: LabResult] = [:]
        for r in results where r.patientCode == patientCode && r.analyte == .transgeneCopies && r.canonicalNumber != nil {
            let day = studyDay(of: r.sampleDate, infusion: infusion)
            if day < 0 {
                reasons.append("\(r.sampleDate) (Day \(day)) is before the infusion and is not used")
                continue
            }
            if byDay[day] != nil { reasons.append("two transgene results on \(r.sampleDate); the later row is used") }
            byDay[day] = r
        }
        let kept = byDay.keys.sorted().map { byDay[$0]! }
        let llods = Set(kept.compactMap(\.lowerLimitOfDetection))
        let llod = llods.max()
        if llods.count > 1, let llod {
            reasons.append("assay LLODs differ (\(llods.sorted().map(labResultNumberText).joined(separator: ", ")) copies/ug); "
                           + "the highest, \(labResultNumberText(llod)), applies to the whole series")
        }
        return LabResultTransgeneSeries(
            samples: kept.map { LabTransgenePoint(day: Double(studyDay(of: $0.sampleDate, infusion: infusion)),
                                                  copiesPerMicrogram: $0.canonicalNumber!) },
            lowerLimitOfDetection: llod,
            lowerLimitOfQuantification: kept.compactMap(\.lowerLimitOfQuantification).max(),
            reasons: reasons)
    }
}
