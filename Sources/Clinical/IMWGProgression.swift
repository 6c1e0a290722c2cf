/// One reason an assessment meets the IMWG progressive disease (PD) criteria.
public struct IMWGProgressionFinding: Sendable, Equatable, Codable {
    /// The PD route (Kumar 2016, PD row).
    public enum Route: String, Sendable, Equatable, Codable, CaseIterable {
        case serumMProtein
        case urineMProtein
        case freeLightChainDifference
        case marrowPlasmaCells
        case newLesion
        case plasmacytomaGrowth
        /// ≥ 50% rise of circulating plasma cells to ≥ 200/µL when nothing else is measurable
        /// (`IMWGCirculatingPlasmaCells`).
        case circulatingPlasmaCells
    }

    public var route: Route
    /// The reference the increase was measured from (marker units; FLC in mg/L), if any.
    public var nadir: Double?
    /// The value at this assessment, if any.
    public var value: Double?
    /// Human-readable reason.
    public var reason: String

    /// Laboratory routes need a second consecutive assessment; bone marrow and imaging do not
    /// (Durie 2006: "confirmation with repeat bone marrow biopsy not needed"; Kumar 2016). Circulating
    /// plasma cells are a blood count, a laboratory route like the M-protein.
    public var needsConfirmation: Bool {
        switch route {
        case .serumMProtein, .urineMProtein, .freeLightChainDifference, .circulatingPlasmaCells: true
        case .marrowPlasmaCells, .newLesion, .plasmacytomaGrowth: false
        }
    }
}

/// The IMWG 2016 progressive disease rules at one assessment.
enum IMWGProgression {
    /// Every PD route met at `assessments[index]`, measured against the nadir of the baseline and the
    /// assessments before it.
    ///
    /// Routes (Kumar 2016, PD row; Durie 2006 for the ≥ 5 g/dL nadir rule):
    /// - serum M-protein: increase ≥ 25% of the nadir and ≥ 0.5 g/dL; when the nadir is ≥ 5 g/dL an
    ///   increase ≥ 1 g/dL suffices (even below 25%);
    /// - urine M-protein: increase ≥ 25% and ≥ 200 mg/24 h;
    /// - dFLC, only without measurable serum and urine M-protein: increase ≥ 25% and > 10 mg/dL
    ///   (100 mg/L); when the dFLC nadir is negative the 25% is taken of 0;
    /// - marrow plasma cells, only with no measurable M-protein or FLC: increase ≥ 25% and ≥ 10 points;
    /// - a new lesion;
    /// - plasmacytoma SPD ≥ 50% above its nadir (any regrowth when the nadir is 0);
    /// - circulating plasma cells, only with no measurable M-protein or FLC: increase ≥ 50% to a count
    ///   ≥ 200/µL (`IMWGCirculatingPlasmaCells`).
    /// Serum and urine apply whenever measured, as the PD row sets no measurability condition on them.
    /// Marrow and SPD nadirs are the lowest observed values: those findings need no confirmation.
    static func findings(
        at index: Int, assessments: [IMWGAssessment], baseline: IMWGBaseline,
        profile: IMWGDiseaseProfile, ruleSet: IMWGRuleSet
    ) -> [IMWGProgressionFinding] {
        let current = assessments[index]
        let earlier = assessments[..<index]
        var found: [IMWGProgressionFinding] = []
        let text = IMWGRuleSet.text

        if let value = current.serumMProteinForResponse,
           let nadir = IMWGNadir.value(baseline: baseline.serumMProteinGramsPerDeciliter,
                                       prior: earlier.compactMap(\.serumMProteinForResponse),
                                       rule: ruleSet.nadirRule) {
            let increase = value - nadir
            let highNadir = IMWGRuleSet.atLeast(nadir, ruleSet.pdSerumHighNadirAtLeastGramsPerDeciliter)
            let met = highNadir
                ? IMWGRuleSet.atLeast(increase, ruleSet.pdSerumHighNadirAbsoluteGramsPerDeciliter)
                : IMWGRuleSet.atLeast(increase, ruleSet.pdSerumAbsoluteGramsPerDeciliter)
                    && IMWGRuleSet.atLeast(increase, ruleSet.pdRelativeIncrease * nadir)
            if met {
                let rule = highNadir
                    ? "≥ \(text(ruleSet.pdSerumHighNadirAbsoluteGramsPerDeciliter)) g/dL from a nadir ≥ \(text(ruleSet.pdSerumHighNadirAtLeastGramsPerDeciliter)) g/dL"
                    : "≥ 25% and ≥ \(text(ruleSet.pdSerumAbsoluteGramsPerDeciliter)) g/dL"
                found.append(.init(route: .serumMProtein, nadir: nadir, value: value,
                                   reason: "serum M-protein rose from nadir \(text(nadir)) to \(text(value)) g/dL (\(rule))"))
            }
        }

        if let value = current.urineMProteinForResponse,
           let nadir = IMWGNadir.value(baseline: baseline.urineMProteinMilligramsPer24h,
                                       prior: earlier.compactMap(\.urineMProteinForResponse),
                                       rule: ruleSet.nadirRule) {
            let increase = value - nadir
            if IMWGRuleSet.atLeast(increase, ruleSet.pdUrineAbsoluteMilligramsPer24h)
                && IMWGRuleSet.atLeast(increase, ruleSet.pdRelativeIncrease * nadir) {
                found.append(.init(route: .urineMProtein, nadir: nadir, value: value,
                                   reason: "urine M-protein rose from nadir \(text(nadir)) to \(text(value)) mg/24 h (≥ 25% and ≥ \(text(ruleSet.pdUrineAbsoluteMilligramsPer24h)) mg/24 h)"))
            }
        }

        if profile.flcProgressionApplies, let chain = profile.involvedChain {
            func dFLC(_ k: Double?, _ l: Double?) -> Double? { IMWGFreeLightChains.difference(chain, kappa: k, lambda: l) }
            if let value = dFLC(current.kappaFreeLightChainMilligramsPerLiter, current.lambdaFreeLightChainMilligramsPerLiter),
               let nadir = IMWGNadir.value(
                   baseline: dFLC(baseline.kappaFreeLightChainMilligramsPerLiter, baseline.lambdaFreeLightChainMilligramsPerLiter),
                   prior: earlier.compactMap { dFLC($0.kappaFreeLightChainMilligramsPerLiter, $0.lambdaFreeLightChainMilligramsPerLiter) },
                   rule: ruleSet.nadirRule) {
                let increase = value - nadir
                if IMWGRuleSet.above(increase, ruleSet.pdFLCAbsoluteAboveMilligramsPerLiter)
                    && IMWGRuleSet.atLeast(increase, ruleSet.pdRelativeIncrease * max(nadir, 0)) {
                    found.append(.init(route: .freeLightChainDifference, nadir: nadir, value: value,
                                       reason: "dFLC rose from nadir \(text(nadir / 10)) to \(text(value / 10)) mg/dL (≥ 25% and > \(text(ruleSet.pdFLCAbsoluteAboveMilligramsPerLiter / 10)) mg/dL, no measurable M-protein)"))
                }
            }
        }

        if profile.marrowProgressionApplies, let value = current.boneMarrowPlasmaCellPercent,
           let nadir = IMWGNadir.value(baseline: baseline.boneMarrowPlasmaCellPercent,
                                       prior: earlier.compactMap(\.boneMarrowPlasmaCellPercent),
                                       rule: .lowestObserved) {
            let increase = value - nadir
            if IMWGRuleSet.atLeast(increase, ruleSet.pdMarrowAbsolutePercent)
                && IMWGRuleSet.atLeast(increase, ruleSet.pdRelativeIncrease * nadir) {
                found.append(.init(route: .marrowPlasmaCells, nadir: nadir, value: value,
                                   reason: "marrow plasma cells rose from nadir \(text(nadir))% to \(text(value))% (≥ 25% and ≥ \(text(ruleSet.pdMarrowAbsolutePercent)) points, no measurable M-protein or FLC)"))
            }
        }

        if current.newLesion == true {
            found.append(.init(route: .newLesion, nadir: nil, value: nil, reason: "new bone lesion or soft-tissue plasmacytoma"))
        }

        if let value = current.plasmacytomaSPDSquareCentimeters,
           let nadir = IMWGNadir.value(baseline: baseline.plasmacytomaSPDSquareCentimeters,
                                       prior: earlier.compactMap(\.plasmacytomaSPDSquareCentimeters),
                                       rule: .lowestObserved) {
            let grew = nadir > 0
                ? IMWGRuleSet.atLeast(value - nadir, ruleSet.pdSPDIncrease * nadir)
                : value > 0
            if grew {
                found.append(.init(route: .plasmacytomaGrowth, nadir: nadir, value: value,
                                   reason: nadir > 0
                                       ? "plasmacytoma SPD rose from nadir \(text(nadir)) to \(text(value)) cm² (≥ 50%)"
                                       : "plasmacytoma reappeared (SPD \(text(value)) cm² after 0)"))
            }
        }

        if profile.circulatingPlasmaCellProgressionApplies,
           let finding = IMWGCirculatingPlasmaCells.progression(at: index, assessments: assessments,
                                                                baseline: baseline, ruleSet: ruleSet) {
            found.append(finding)
        }
        return found
    }
}

extension IMWGRuleSet {
    /// Short decimal text for reasons: at most 3 decimals, no trailing zeros.
    static func text(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}
