/// The IMWG response engine: categories per assessment, confirmation, best confirmed response,
/// progression, relapse from CR, clinical relapse, MRD and the derived times.
///
/// Sources: Kumar SK et al., Lancet Oncol 2016;17:e328–e346 (IMWG consensus criteria for response and
/// MRD: standard response, MRD and clinical relapse); Durie BGM et al., Leukemia 2006;20:1467 (uniform
/// criteria, confirmation, "repeat marrow not needed"); Rajkumar SV et al., Blood 2011;117:4691 (FLC
/// conventions, reporting). Thresholds live in `IMWGRuleSet`.
///
/// Engine rules that the papers leave open, stated once here:
/// - Missing data lower a category and never raise it: CR needs negative serum *and* urine
///   immunofixation and a marrow with < 5% plasma cells (a CR without marrow is VGPR, as in IMWG
///   practice); sCR also needs a normal FLC ratio and marrow clonality; a response marker that was
///   measurable at baseline but not measured holds the assessment at SD; with none measured it is NE.
/// - Confirmation: two consecutive evaluable assessments (NE ones are skipped, not counted as breaks);
///   the second must meet at least the depth of the first. Marrow results carry forward
///   (`IMWGMarrowCarryForward`), imaging stands until the next imaging, and progression by marrow or
///   imaging needs no confirmation.
/// - Progression is measured from the lowest *confirmed* value (`IMWGNadir`); a single PD followed by a
///   non-PD assessment is not progression.
/// - The best response counts only assessments before the progression day.
/// - MRD negativity counts only at sensitivity ≤ 1e-5. Imaging-plus adds a negative PET/CT, which stands
///   until the next PET/CT within one negative stretch (not across a positive MRD test or progression).
///   Sustained, as Kumar 2016 defines it, is imaging-plus negativity at both ends ≥ 365 days apart with
///   no positive test or progression between; the marrow-only version trials report is kept as
///   `sustainedMarrowMRDNegativeDay` (`MRDCourse` states both).
/// - Progression by circulating plasma cells applies only when serum, urine and FLC are all not
///   measurable at baseline, and needs confirmation (`IMWGCirculatingPlasmaCells`).
/// - Clinical relapse (`IMWGClinicalRelapse`) is reported beside the course and never sets progression.
public enum IMWGResponse {
    /// Evaluates a patient's assessments against their baseline.
    ///
    /// - Parameters:
    ///   - baseline: findings before treatment.
    ///   - assessments: in strictly increasing day order.
    ///   - ruleSet: thresholds; `.imwg2016` by default.
    /// - Throws: `ResponseInputError` naming the field when days are out of order or repeated, or when a
    ///   value (M-protein, FLC, marrow, SPD, circulating plasma cells, calcium, hemoglobin, creatinine) is
    ///   negative or not finite, a percentage exceeds 100 or an MRD sensitivity is outside (0, 1].
    /// - Complexity: O(n²) in the number of assessments (nadirs are recomputed per assessment); n is a
    ///   few dozen per patient.
    public static func assess(
        baseline: IMWGBaseline, assessments: [IMWGAssessment], ruleSet: IMWGRuleSet = .imwg2016
    ) throws -> IMWGResponseCourse {
        try validate(baseline: baseline, assessments: assessments)
        let rs = ruleSet
        let profile = IMWGDiseaseProfile(baseline, ruleSet: rs)
        let marrow = IMWGMarrowCarryForward.findings(for: assessments)
        let cls = assessments.indices.map {
            IMWGAssessmentClassifier.classify(at: $0, assessments: assessments, baseline: baseline,
                                              profile: profile, marrow: marrow[$0], ruleSet: rs)
        }

        // Neighbours among evaluable assessments.
        let evaluable = assessments.indices.filter { cls[$0].category != .notEvaluable }
        var previous = [Int?](repeating: nil, count: assessments.count)
        var next = [Int?](repeating: nil, count: assessments.count)
        for (k, i) in evaluable.enumerated() {
            if k > 0 { previous[i] = evaluable[k - 1] }
            if k + 1 < evaluable.count { next[i] = evaluable[k + 1] }
        }
        func isPD(_ i: Int?) -> Bool { i.map { cls[$0].category == .progressiveDisease } ?? false }
        func depth(_ i: Int?) -> Int? { i.flatMap { cls[$0].category.depth } }

        let confirmed: [Bool] = assessments.indices.map { i in
            let c = cls[i]
            switch c.category {
            case .notEvaluable: return false
            case .progressiveDisease: return c.selfConfirming || isPD(previous[i]) || isPD(next[i])
            default:
                let d = c.category.depth!
                return c.selfConfirming || (depth(previous[i]) ?? -1) >= d || (depth(next[i]) ?? -1) >= d
            }
        }

        let progressionIndex = evaluable.first { i in
            cls[i].category == .progressiveDisease && (cls[i].selfConfirming || isPD(next[i]))
        }
        let cutoff = progressionIndex ?? assessments.count

        // Confirmed depth starting at i: itself if self-confirming, else the pair (i, next evaluable).
        func confirmedLevel(_ i: Int) -> Int? {
            guard i < cutoff, let d = depth(i) else { return nil }
            var level: Int? = cls[i].selfConfirming ? d : nil
            if let n = next[i], n < cutoff, let dn = depth(n) { level = max(level ?? -1, min(d, dn)) }
            return level
        }
        var best: (level: Int, index: Int)?
        var firstResponse: Int?
        var firstCR: Int?
        for i in evaluable {
            guard let level = confirmedLevel(i) else { continue }
            if best == nil || level > best!.level { best = (level, i) }
            if level >= 2 && firstResponse == nil { firstResponse = i }
            if level >= 4 && firstCR == nil { firstCR = i }
        }

        var reasons: [String] = []
        var bestCategory: IMWGCategory?
        var bestDay: Int?
        if let best {
            bestCategory = IMWGCategory(depth: best.level)
            bestDay = assessments[best.index].day
            reasons.append("best confirmed response \(bestCategory!.rawValue) from day \(bestDay!)")
        } else if let p = progressionIndex {
            bestCategory = .progressiveDisease
            bestDay = assessments[p].day
        }
        let progressionDay = progressionIndex.map { assessments[$0].day }
        if let p = progressionIndex {
            let how = cls[p].selfConfirming ? "marrow or imaging, no confirmation needed"
                : "confirmed on day \(assessments[next[p]!].day)"
            reasons.append("progression on day \(assessments[p].day) (\(how)): " + cls[p].reasons.joined(separator: "; "))
        }

        // Relapse from CR, looked for after the assessment that confirmed the first CR.
        var relapseDay: Int?
        if let c = firstCR, let confirmer = next[c] ?? (cls[c].selfConfirming ? c : nil) {
            relapseDay = IMWGRelapse.relapseFromCompleteResponseDay(after: confirmer, assessments: assessments, ruleSet: rs)
        }

        let mrd = MRDCourse(assessments: assessments, categories: cls.map(\.category),
                            progressionDay: progressionDay, ruleSet: rs)

        // Reported beside the course: it must not feed progression, PFS or the best response.
        let clinicalRelapse = IMWGClinicalRelapse.first(baseline: baseline, assessments: assessments, ruleSet: rs)
        if let clinicalRelapse {
            reasons.append("clinical relapse on day \(clinicalRelapse.day) (reported only, not progression): "
                           + clinicalRelapse.reasons.joined(separator: "; "))
        }

        var durationOfResponse: IMWGTimeSpan?
        if let f = firstResponse {
            let start = assessments[f].day
            if let progressionDay {
                durationOfResponse = IMWGTimeSpan(startDay: start, endDay: progressionDay, event: true)
            } else if let last = evaluable.last {
                durationOfResponse = IMWGTimeSpan(startDay: start, endDay: assessments[last].day, event: false)
            }
        }

        let results = assessments.indices.map { i in
            IMWGAssessmentResult(day: assessments[i].day, category: cls[i].category, confirmed: confirmed[i],
                                 reasons: cls[i].reasons, progressionFindings: cls[i].progression,
                                 mrdNegative: mrd.negative[i], mrdCategory: mrd.categories[i])
        }
        return IMWGResponseCourse(
            ruleSetVersion: rs.version,
            measurableDisease: profile.measurable,
            assessments: results,
            bestConfirmedResponse: bestCategory,
            bestConfirmedResponseDay: bestDay,
            progressionDay: progressionDay,
            relapseFromCompleteResponseDay: relapseDay,
            firstResponseDay: firstResponse.map { assessments[$0].day },
            completeResponseDay: firstCR.map { assessments[$0].day },
            firstMRDNegativeDay: mrd.firstNegativeDay,
            firstMRDNegativeInCompleteResponseDay: mrd.firstNegativeInCompleteResponseDay,
            sustainedMRDNegativeDay: mrd.sustainedDay,
            sustainedMarrowMRDNegativeDay: mrd.sustainedMarrowDay,
            durationOfResponse: durationOfResponse,
            durationOfMRDNegativity: mrd.duration,
            clinicalRelapseDay: clinicalRelapse?.day,
            clinicalRelapseReasons: clinicalRelapse?.reasons ?? [],
            reasons: reasons
        )
    }

    static func validate(baseline: IMWGBaseline, assessments: [IMWGAssessment]) throws {
        func check(_ value: Double?, _ field: String, percent: Bool = false) throws {
            guard let value else { return }
            guard value.isFinite, value >= 0 else {
                throw ResponseInputError(field: field, message: "must be a finite number ≥ 0, got \(value)")
            }
            if percent && value > 100 {
                throw ResponseInputError(field: field, message: "must be a percentage in 0...100, got \(value)")
            }
        }
        func checkLabs(_ prefix: String, serum: Double?, urine: Double?, kappa: Double?, lambda: Double?,
                       marrow: Double?, spd: Double?) throws {
            try check(serum, prefix + "serumMProteinGramsPerDeciliter")
            try check(urine, prefix + "urineMProteinMilligramsPer24h")
            try check(kappa, prefix + "kappaFreeLightChainMilligramsPerLiter")
            try check(lambda, prefix + "lambdaFreeLightChainMilligramsPerLiter")
            try check(marrow, prefix + "boneMarrowPlasmaCellPercent", percent: true)
            try check(spd, prefix + "plasmacytomaSPDSquareCentimeters")
        }
        // The extra numeric fields: circulating plasma cells and the clinical-relapse labs.
        func checkOthers(_ prefix: String, _ values: [(Double?, String)]) throws {
            for (value, name) in values { try check(value, prefix + name) }
        }
        let b = baseline
        try checkLabs("baseline.", serum: b.serumMProteinGramsPerDeciliter, urine: b.urineMProteinMilligramsPer24h,
                      kappa: b.kappaFreeLightChainMilligramsPerLiter, lambda: b.lambdaFreeLightChainMilligramsPerLiter,
                      marrow: b.boneMarrowPlasmaCellPercent, spd: b.plasmacytomaSPDSquareCentimeters)
        try checkOthers("baseline.", [(b.circulatingPlasmaCellsPerMicroliter, "circulatingPlasmaCellsPerMicroliter"),
                                      (b.hemoglobinGramsPerDeciliter, "hemoglobinGramsPerDeciliter"),
                                      (b.creatinineMilligramsPerDeciliter, "creatinineMilligramsPerDeciliter")])
        for (i, a) in assessments.enumerated() {
            let prefix = "assessments[\(i)]."
            if i > 0, a.day <= assessments[i - 1].day {
                throw ResponseInputError(field: prefix + "day",
                                         message: "\(a.day) is not after the previous assessment's day \(assessments[i - 1].day); assessments must be in increasing day order")
            }
            try checkLabs(prefix, serum: a.serumMProteinGramsPerDeciliter, urine: a.urineMProteinMilligramsPer24h,
                          kappa: a.kappaFreeLightChainMilligramsPerLiter, lambda: a.lambdaFreeLightChainMilligramsPerLiter,
                          marrow: a.boneMarrowPlasmaCellPercent, spd: a.plasmacytomaSPDSquareCentimeters)
            try checkOthers(prefix, [(a.circulatingPlasmaCellsPerMicroliter, "circulatingPlasmaCellsPerMicroliter"),
                                     (a.calciumMilligramsPerDeciliter, "calciumMilligramsPerDeciliter"),
                                     (a.hemoglobinGramsPerDeciliter, "hemoglobinGramsPerDeciliter"),
                                     (a.creatinineMilligramsPerDeciliter, "creatinineMilligramsPerDeciliter")])
            if let s = a.mrd?.sensitivity, !(s.isFinite && s > 0 && s <= 1) {
                throw ResponseInputError(field: prefix + "mrd.sensitivity",
                                         message: "must be a fraction in (0, 1], e.g. 1e-5, got \(s)")
            }
        }
    }
}
