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
/// - Values: every number is read in the analyte's canonical unit (`LabResult.canonicalNumber`), so
///   a serum M-protein entered as 24 g/L is 2.4 g/dL here; a number in a unit outside the analyte's
///   table (possible only for results built in code) is skipped like a value of the wrong kind.
/// - Baseline: for each of serum and urine M-protein, κ and λ FLC, marrow plasma cells, plasmacytoma
///   SPD, circulating plasma cells, hemoglobin and creatinine, the latest result dated from
///   `baselineFrom` to the infusion day inclusive. Older results are not used (they predate the disease
///   state being treated, e.g. before bridging). Other analytes at baseline (immunofixation, MRD,
///   imaging, calcium) have no baseline field and are not used.
/// - Assessments: results dated after the infusion (study day ≥ 1) that are IMWG response findings
///   (`LabAnalyte.isIMWGFinding`, PET/CT and circulating plasma cells included). Results whose dates
///   lie within `assessmentWindowDays` of the first date of an assessment join it (a marrow drawn three
///   days after the blood belongs to the same response assessment; with 0, each date is its own
///   assessment). The assessment's day is the study day of its first date; an analyte measured twice
///   in one assessment keeps the later value.
/// - Clinical-relapse inputs (`LabAnalyte.isIMWGClinicalRelapseInput`: calcium, hemoglobin, creatinine,
///   hyperviscosity) join the response assessment whose window holds their date and never move its
///   day: they are drawn daily after CAR-T, and letting them open assessments would shift response
///   visits and fill the course with NE rows. The exception is a result that meets its criterion on its
///   own (calcium > 11 mg/dL, hyperviscosity `true`): outside every response assessment it makes one of
///   its own (NE for response), so a hypercalcaemia is never lost. Other results outside are counted in
///   a reason and not used. Attribution to myeloma cannot come from a laboratory series, so from this
///   input the hemoglobin-fall and creatinine-rise criteria of clinical relapse never fire
///   (`IMWGClinicalRelapse` counts them only when the investigator attributes them).
/// - MRD becomes `MRDTest` (method and sensitivity as reported), PET/CT `IMWGPETCT` (`finding(true)` is
///   positive). Transgene and safety-only results are not IMWG engine inputs and are left out.
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
            (.circulatingPlasmaCells, \.circulatingPlasmaCellsPerMicroliter),
            (.hemoglobin, \.hemoglobinGramsPerDeciliter),
            (.creatinine, \.creatinineMilligramsPerDeciliter),
        ]
        for (analyte, field) in baselineFields {
            guard let latest = window.last(where: { $0.analyte == analyte && $0.canonicalNumber != nil }),
                  let v = latest.canonicalNumber else { continue }
            baseline[keyPath: field] = v
            reasons.append("baseline \(analyte.rawValue) \(labResultNumberText(v)) \(analyte.unit)\(enteredNote(latest)) from "
                           + "\(latest.sampleDate) (Day \(studyDay(of: latest.sampleDate, infusion: infusion)))")
        }

        // Assessments: response findings make the windows, clinical-relapse inputs join them.
        // Groups hold indices into `mine`, whose order is date order.
        let span = max(0, assessmentWindowDays)
        let after = mine.indices.filter { studyDay(of: mine[$0].sampleDate, infusion: infusion) >= 1 }
        var groups = windows(after.filter { mine[$0].analyte.isIMWGFinding }, of: mine, span: span)
        // Puts `k` into the group of `list` whose window holds its date; `false` when none does.
        func join(_ k: Int, _ list: inout [[Int]]) -> Bool {
            let date = mine[k].sampleDate
            guard let g = list.firstIndex(where: { (0...span).contains(mine[$0[0]].sampleDate.days(to: date)) }) else { return false }
            list[g].append(k)
            return true
        }
        var outside: [Int] = []
        for k in after where mine[k].analyte.isIMWGClinicalRelapseInput && !join(k, &groups) { outside.append(k) }
        var own = windows(outside.filter { meetsRelapseCriterionAlone(mine[$0]) }, of: mine, span: span)
        var unused: [Int] = []
        for k in outside where !meetsRelapseCriterionAlone(mine[k]) && !join(k, &own) { unused.append(k) }
        groups = (groups + own).map { $0.sorted() }.sorted { $0[0] < $1[0] }
        if !unused.isEmpty {
            reasons.append("\(unused.count) calcium, hemoglobin, creatinine or hyperviscosity result(s) after Day 0 lie outside "
                           + "every assessment and are not used (only calcium > 11 mg/dL or hyperviscosity makes an assessment of its own)")
        }
        var assessments: [IMWGAssessment] = []
        for group in groups.map({ $0.map { mine[$0] } }) {
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
        return LabResultIMWGInput(baseline: baseline, assessments: assessments, reasons: reasons)
    }

    /// `indices` (into `results`, in date order) cut into assessment windows: each window opens at its
    /// first result's date and takes the results up to `span` days later.
    static func windows(_ indices: [Int], of results: [LabResult], span: Int) -> [[Int]] {
        var groups: [[Int]] = []
        for k in indices {
            if let first = groups.last?.first, results[first].sampleDate.days(to: results[k].sampleDate) <= span {
                groups[groups.count - 1].append(k)
            } else {
                groups.append([k])
            }
        }
        return groups
    }

    /// A clinical-relapse input that meets its criterion on its own (Kumar 2016: calcium > 11 mg/dL,
    /// hyperviscosity), the only kind that may make an assessment by itself.
    static func meetsRelapseCriterionAlone(_ r: LabResult) -> Bool {
        switch r.analyte {
        case .calcium:
            r.canonicalNumber.map { IMWGRuleSet.above($0, IMWGRuleSet.imwg2016.clinicalRelapseCalciumAboveMilligramsPerDeciliter) } ?? false
        case .hyperviscosity: r.value.finding == true
        default: false
        }
    }

    /// ` (entered as 24 g/L)` when `r` was entered in a unit other than the canonical one, so a reason
    /// quoting the converted value can be traced to the report; empty otherwise.
    static func enteredNote(_ r: LabResult) -> String {
        guard let u = r.enteredUnit, u.symbol != r.analyte.unit, let v = r.value.number else { return "" }
        return " (entered as \(labResultNumberText(v)) \(u.symbol))"
    }

    /// Writes one result into its assessment field, numbers in the canonical unit; `false` when the value
    /// does not fit the analyte.
    static func apply(_ r: LabResult, to a: inout IMWGAssessment) -> Bool {
        let n = r.canonicalNumber, f = r.value.finding
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
        case .petCT: guard let f else { return false }; a.petCT = f ? .positive : .negative
        case .circulatingPlasmaCells: guard let n else { return false }; a.circulatingPlasmaCellsPerMicroliter = n
        case .calcium: guard let n else { return false }; a.calciumMilligramsPerDeciliter = n
        case .hemoglobin: guard let n else { return false }; a.hemoglobinGramsPerDeciliter = n
        case .creatinine: guard let n else { return false }; a.creatinineMilligramsPerDeciliter = n
        case .hyperviscosity: guard let f else { return false }; a.hyperviscosity = f
        default: return false
        }
        return true
    }
}
