/// The category one assessment meets on its own, before confirmation.
struct IMWGClassification: Sendable, Equatable {
    var category: IMWGCategory
    var reasons: [String]
    var progression: [IMWGProgressionFinding]
    /// True when the category rests on evidence that needs no second assessment (marrow or imaging).
    var selfConfirming: Bool
}

/// Applies the IMWG 2016 standard response table to one assessment.
///
/// Order: PD first (any route); then CR/sCR by their own criteria; then the depth of response as the
/// *least* deep of the markers that apply, each measured against baseline. A marker that applies but was
/// not measured holds the category at SD ("missing data downgrade, never upgrade"); if none of the
/// patient's response markers was measured the assessment is NE.
enum IMWGAssessmentClassifier {
    static func classify(
        at index: Int, assessments: [IMWGAssessment], baseline: IMWGBaseline,
        profile: IMWGDiseaseProfile, marrow: IMWGMarrowFindings, ruleSet rs: IMWGRuleSet
    ) -> IMWGClassification {
        let a = assessments[index]
        let pd = IMWGProgression.findings(at: index, assessments: assessments, baseline: baseline,
                                          profile: profile, ruleSet: rs)
        if !pd.isEmpty {
            return .init(category: .progressiveDisease, reasons: pd.map(\.reason), progression: pd,
                         selfConfirming: pd.contains { !$0.needsConfirmation })
        }

        let text = IMWGRuleSet.text
        func percent(_ r: Double) -> String { text(r * 100) + "%" }
        var reasons: [String] = []
        var depths: [Int] = []
        var primaryMeasured = false
        var marrowDriven = false
        let hasPrimaryRoute = profile.serum || profile.urine || profile.flcOnly || profile.marrowResponseApplies

        // Serum M-protein (measurable at baseline).
        if profile.serum, let b = baseline.serumMProteinGramsPerDeciliter {
            if let v = a.serumMProteinForResponse, let r = IMWGRuleSet.reduction(from: b, to: v) {
                primaryMeasured = true
                let d = v == 0 || IMWGRuleSet.atLeast(r, rs.vgprSerumReduction) ? 3
                    : IMWGRuleSet.atLeast(r, rs.prSerumReduction) ? 2
                    : IMWGRuleSet.atLeast(r, rs.mrSerumReduction) ? 1 : 0
                depths.append(d)
                reasons.append("serum M-protein \(text(v)) g/dL, \(percent(r)) below baseline \(text(b)) g/dL: \(IMWGCategory(depth: d).rawValue) level")
            } else {
                depths.append(0)
                reasons.append("serum M-protein (measurable at baseline) not measured: no better than SD")
            }
        }

        // Urine M-protein: a response marker when measurable, otherwise a ceiling when measured
        // (VGPR needs urine < 100 mg/24 h, PR < 200 mg/24 h whatever the baseline).
        if let v = a.urineMProteinForResponse {
            if profile.urine, let b = baseline.urineMProteinMilligramsPer24h,
               let r = IMWGRuleSet.reduction(from: b, to: v) {
                primaryMeasured = true
                let d = IMWGRuleSet.below(v, rs.vgprUrineBelowMilligramsPer24h) ? 3
                    : IMWGRuleSet.atLeast(r, rs.prUrineReduction) || IMWGRuleSet.below(v, rs.prUrineBelowMilligramsPer24h) ? 2
                    : IMWGRuleSet.atLeast(r, rs.mrUrineReduction) ? 1 : 0
                depths.append(d)
                reasons.append("urine M-protein \(text(v)) mg/24 h, \(percent(r)) below baseline \(text(b)) mg/24 h: \(IMWGCategory(depth: d).rawValue) level")
            } else {
                let d = IMWGRuleSet.below(v, rs.vgprUrineBelowMilligramsPer24h) ? 3
                    : IMWGRuleSet.below(v, rs.prUrineBelowMilligramsPer24h) ? 2 : 0
                depths.append(d)
                if d < 3 { reasons.append("urine M-protein \(text(v)) mg/24 h: no better than \(IMWGCategory(depth: d).rawValue)") }
            }
        } else if profile.urine {
            depths.append(0)
            reasons.append("urine M-protein (measurable at baseline) not measured: no better than SD")
        }

        // dFLC, FLC-only disease (Rajkumar 2011): PR ≥ 50%, VGPR > 90% decrease; no MR route.
        if profile.flcOnly, let chain = profile.involvedChain,
           let b = IMWGFreeLightChains.difference(chain, kappa: baseline.kappaFreeLightChainMilligramsPerLiter,
                                                  lambda: baseline.lambdaFreeLightChainMilligramsPerLiter) {
            if let v = IMWGFreeLightChains.difference(chain, kappa: a.kappaFreeLightChainMilligramsPerLiter,
                                                      lambda: a.lambdaFreeLightChainMilligramsPerLiter),
               let r = IMWGRuleSet.reduction(from: b, to: v) {
                primaryMeasured = true
                let d = IMWGRuleSet.above(r, rs.vgprFLCReductionAbove) ? 3
                    : IMWGRuleSet.atLeast(r, rs.prFLCReduction) ? 2 : 0
                depths.append(d)
                reasons.append("dFLC \(text(v / 10)) mg/dL, \(percent(r)) below baseline \(text(b / 10)) mg/dL (FLC-only disease): \(IMWGCategory(depth: d).rawValue) level")
            } else {
                depths.append(0)
                reasons.append("free light chains (the only measurable disease) not measured: no better than SD")
            }
        }

        // Marrow plasma cells when nothing is measurable and baseline ≥ 30%: PR ≥ 50% reduction.
        // Uses this assessment's marrow only; a marrow finding needs no confirmation.
        if profile.marrowResponseApplies, let b = baseline.boneMarrowPlasmaCellPercent {
            if let v = a.boneMarrowPlasmaCellPercent, let r = IMWGRuleSet.reduction(from: b, to: v) {
                primaryMeasured = true
                let d = IMWGRuleSet.atLeast(r, rs.prMarrowReduction) ? 2 : 0
                marrowDriven = d == 2
                depths.append(d)
                reasons.append("marrow plasma cells \(text(v))%, \(percent(r)) below baseline \(text(b))% (no measurable M-protein or FLC): \(IMWGCategory(depth: d).rawValue) level")
            } else {
                depths.append(0)
                reasons.append("marrow (the only response marker) not examined: no better than SD")
            }
        }

        // Soft-tissue plasmacytoma present at baseline: PR and MR need ≥ 50% SPD reduction, CR needs
        // disappearance. Imaging stands until the next imaging (it needs no confirmation), so the latest
        // SPD on or before this day is used; before any post-baseline imaging the category stays ≤ SD.
        var plasmacytomaGone = !profile.plasmacytomaAtBaseline
        if profile.plasmacytomaAtBaseline, let b = baseline.plasmacytomaSPDSquareCentimeters {
            let latest = assessments[...index].last { $0.plasmacytomaSPDSquareCentimeters != nil }
            if let latest, let v = latest.plasmacytomaSPDSquareCentimeters,
               let r = IMWGRuleSet.reduction(from: b, to: v) {
                plasmacytomaGone = v == 0
                if !IMWGRuleSet.atLeast(r, rs.plasmacytomaSPDReduction) {
                    depths.append(0)
                    reasons.append("plasmacytoma SPD \(text(v)) cm² (day \(latest.day)) only \(percent(r)) below baseline \(text(b)) cm²: no better than SD")
                } else {
                    reasons.append("plasmacytoma SPD \(text(v)) cm² (day \(latest.day)), \(percent(r)) below baseline")
                }
            } else {
                depths.append(0)
                reasons.append("plasmacytoma present at baseline not re-imaged: no better than SD")
            }
        }

        // CR and sCR, by their own criteria.
        var blockers: [String] = []
        if a.serumImmunofixation != .negative {
            blockers.append(a.serumImmunofixation == nil ? "serum immunofixation not done" : "serum immunofixation positive")
        }
        if a.urineImmunofixation != .negative {
            blockers.append(a.urineImmunofixation == nil ? "urine immunofixation not done" : "urine immunofixation positive")
        }
        if (a.serumMProteinGramsPerDeciliter ?? 0) > 0 { blockers.append("serum M-protein seen on electrophoresis") }
        if (a.urineMProteinMilligramsPer24h ?? 0) > 0 { blockers.append("urine M-protein seen on electrophoresis") }
        if let p = marrow.plasmaCellPercent {
            if !IMWGRuleSet.below(p, rs.crMarrowBelowPercent) {
                blockers.append("marrow plasma cells \(text(p))% (CR needs < \(text(rs.crMarrowBelowPercent))%)")
            }
        } else {
            blockers.append("marrow not examined (CR needs < \(text(rs.crMarrowBelowPercent))% plasma cells; counted as VGPR at most)")
        }
        if !plasmacytomaGone { blockers.append("plasmacytoma not shown to have disappeared") }
        let ratioNormal = IMWGFreeLightChains.isRatioNormal(kappa: a.kappaFreeLightChainMilligramsPerLiter,
                                                            lambda: a.lambdaFreeLightChainMilligramsPerLiter, ruleSet: rs)
        if profile.flcOnly && ratioNormal != true {
            blockers.append(ratioNormal == nil ? "FLC ratio not measured (FLC-only disease: CR needs a normal ratio)"
                                               : "FLC ratio abnormal (FLC-only disease: CR needs a normal ratio)")
        }

        if blockers.isEmpty {
            var crReasons = ["serum and urine immunofixation negative",
                             "marrow plasma cells \(text(marrow.plasmaCellPercent!))% (day \(marrow.plasmaCellDay!))"]
            if profile.plasmacytomaAtBaseline { crReasons.append("plasmacytomas disappeared") }
            var sCRMissing: [String] = []
            if ratioNormal != true { sCRMissing.append(ratioNormal == nil ? "FLC ratio not measured" : "FLC ratio abnormal") }
            switch marrow.clonal {
            case false?: crReasons.append("no clonal plasma cells in marrow (day \(marrow.clonalDay!))")
            case true?: sCRMissing.append("clonal plasma cells in marrow")
            case nil: sCRMissing.append("marrow clonality not assessed")
            }
            if sCRMissing.isEmpty {
                return .init(category: .stringentCompleteResponse, reasons: crReasons + ["FLC ratio normal"],
                             progression: [], selfConfirming: false)
            }
            return .init(category: .completeResponse,
                         reasons: crReasons + ["not sCR: " + sCRMissing.joined(separator: ", ")],
                         progression: [], selfConfirming: false)
        }

        if hasPrimaryRoute && !primaryMeasured {
            return .init(category: .notEvaluable, reasons: reasons + ["none of the response markers was measured"],
                         progression: [], selfConfirming: false)
        }
        if !hasPrimaryRoute {
            if a.isEmpty {
                return .init(category: .notEvaluable, reasons: ["nothing measured"], progression: [], selfConfirming: false)
            }
            return .init(category: .stableDisease,
                         reasons: reasons + ["no measurable disease at baseline: only CR, SD or PD can be assessed"],
                         progression: [], selfConfirming: false)
        }
        let depth = depths.min() ?? 0
        var allReasons = reasons
        if depth == 3 { allReasons.append("not CR: " + blockers.joined(separator: ", ")) }
        return .init(category: IMWGCategory(depth: depth), reasons: allReasons, progression: [],
                     selfConfirming: marrowDriven && depth == 2)
    }
}
