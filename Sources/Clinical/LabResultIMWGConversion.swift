import CartographCore

/// A patient's laboratory series turned into the IMWG engine's input (`IMWGResponse.assess`).
public struct LabResultIMWGInput: Sendable, Equatable, Codable {
    public var baseline: IMWGBaseline
    /// In strictly increasing study-day order, every day ≥ 1.
    public var assessments: [IMWGAssessment]
    /// Where each baseline value came from and every choice the conversion made.
    public var reasons: [String]
}

/// Builds IMWG input from raw results (rule set `LAB-IMWG-1`).
///
/// Rules (the engine's own, stated so the input can be checked by hand):
/// - Baseline: for each of serum and urine M-protein, κ and λ FLC, marrow plasma cells and plasmacytoma
///   SPD, the latest result dated from `baselineFrom` to the infusion day inclusive. Older results are
///   not used (they predate the disease state being treated, e.g. before bridging). Other analytes at
///   baseline (immunofixation, MRD, imaging) have no baseline field and are not used.
/// - Assessments: results dated after the infusion (study day ≥ 1) that are IMWG findings
///   (`LabAnalyte.isIMWGFinding`). Results whose dates lie within `assessmentWindowDays` of the first
///   date of an assessment join it (a marrow drawn three days after the blood belongs to the same
///   response assessment; with 0, each date is its own assessment). The assessment's day is the study
///   day of its first date; an analyte measured twice in one assessment keeps the later value.
/// - MRD becomes `MRDTest` (method and sensitivity as reported). PET/CT, transgene and safety results
///   are not IMWG engine inputs and are left out.
/// - The involved light chain is not guessed: pass it when known, else the engine reads the baseline
///   κ/λ ratio (`IMWGFreeLightChains.involvedChain`).
public enum LabResultIMWGConversion {
    public static let ruleSet = "LAB-IMWG-1"

    /// Converts `patientCode`'s results (other patients' results in `results` are ignored).
    ///
    /// - Parameters:
    ///   - baselineFrom: earliest date a baseline value may come from; later than `infusion` leaves the
    ///     baseline empty.
    ///   - infusion: Day 0.
    ///   - assessmentWindowDays: ≥ 0; negative values act as 0.
    /// - Returns: baseline, assessments and reasons. Results with a value of the wrong kind for their
    ///   analyte (possible only for values built in code, never for `LabImport` output) are skipped.
    public static func input(patientCode: String, results: [LabResult], baselineFrom: CalendarDate,
                             infusion: CalendarDate, assessmentWindowDays: Int = 0,
                             involvedFreeLightChain: IMWGLightChain? = nil) -> LabResultIMWGInput {
        let mine = results.enumerated()
            .filter { $0.element.patientCode == patientCode }
            .sorted { ($0.element.sampleDate, $0.offset) < ($1.element.sampleDate, $1.offset) }
            .map(\.element)
        var reasons: [String] = []

        // Baseline.
        var baseline = IMWGBaseline(involvedFreeLightChain: involvedFreeLightChain)
        let window = mine.filter { $0.sampleDate >= baselineFrom && $0.sampleDate <= infusion }
        let baselineFields: [(LabAnalyte, WritableKeyPath<IMWGBaseline, Double?>)] = [
            (.serumMProtein, \.serumMProteinGramsPerDeciliter),
            (.urineMProtein, \.urineMProteinMilligramsPer24h),
            (.kappaFreeLightChain, \.kappaFreeLightChainMilligramsPerLiter),
            (.lambdaFreeLightChain, \.lambdaFreeLightChainMilligramsPerLiter),
            (.marrowPlasmaCells, \.boneMarrowPlasmaCellPercent),
            (.plasmacytomaSPD, \.plasmacytomaSPDSquareCentimeters),
        ]
        for (analyte, field) in baselineFields {
            guard let latest = window.last(where: { $0.analyte == analyte && $0.value.number != nil }),
                  let v = latest.value.number else { continue }
            baseline[keyPath: field] = v
            reasons.append("baseline \(analyte.rawValue) \(labResultNumberText(v)) \(analyte.unit) from "
                           + "\(latest.sampleDate) (Day \(studyDay(of: latest.sampleDate, infusion: infusion)))")
        }

        // Assessments.
        let after = mine.filter { studyDay(of: $0.sampleDate, infusion: infusion) >= 1 && $0.analyte.isIMWGFinding }
        var groups: [[LabResult]] = []
        let span = max(0, assessmentWindowDays)
        for r in after {
            if let first = groups.last?.first, first.sampleDate.days(to: r.sampleDate) <= span {
                groups[groups.count - 1].append(r)
            } else {
                groups.append([r])
            }
        }
        var assessments: [IMWGAssessment] = []
        for group in groups {
            let day = studyDay(of: group[0].sampleDate, infusion: infusion)
            var a = IMWGAssessment(day: day)
            var seen: Set<LabAnalyte> = []
            for r in group {
                if seen.contains(r.analyte) {
                    reasons.append("Day \(day): \(r.analyte.rawValue) measured again on \(r.sampleDate); the later value is used")
                }
                if apply(r, to: &a) { seen.insert(r.analyte) }
            }
            if group.count > 1, group.last!.sampleDate != group[0].sampleDate {
                reasons.append("Day \(day): results from \(group[0].sampleDate) to \(group.last!.sampleDate) form one assessment")
            }
            if !seen.isEmpty { assessments.append(a) }
        }
        if mine.contains(where: { $0.analyte == .petCT && $0.sampleDate > infusion }) {
            reasons.append("PET/CT results are not used: the IMWG engine takes no imaging-MRD finding")
        }
        return LabResultIMWGInput(baseline: baseline, assessments: assessments, reasons: reasons)
    }

    /// Writes one result into its assessment field; `false` when the value does not fit the analyte.
    static func apply(_ r: LabResult, to a: inout IMWGAssessment) -> Bool {
        let n = r.value.number, f = r.value.finding
        func fixation(_ positive: Bool?) -> IMWGImmunofixation? { positive.map { $0 ? .positive : .negative } }
        switch r.analyte {
        case .serumMProtein: guard let n else { return false }; a.serumMProteinGramsPerDeciliter = n
        case .urineMProtein: guard let n else { return false }; a.urineMProteinMilligramsPer24h = n
        case .kappaFreeLightChain: guard let n else { return false }; a.kappaFreeLightChainMilligramsPerLiter = n
        case .lambdaFreeLightChain: guard let n else { return false }; a.lambdaFreeLightChainMilligramsPerLiter = n
        case .marrowPlasmaCells: guard let n else { return false }; a.boneMarrowPlasmaCellPercent = n
        case .plasmacytomaSPD: guard let n else { return false }; a.plasmacytomaSPDSquareCentimeters = n
        case .serumImmunofixation: guard f != nil else { return false }; a.serumImmunofixation = fixation(f)
        case .urineImmunofixation: guard f != nil else { return false }; a.urineImmunofixation = fixation(f)
        case .marrowClonality: guard let f else { return false }; a.clonalPlasmaCellsInMarrow = f
        case .newLesion: guard let f else { return false }; a.newLesion = f
        case .mrd: guard let test = r.mrdTest else { return false }; a.mrd = test
        default: return false
        }
        return true
    }
}
