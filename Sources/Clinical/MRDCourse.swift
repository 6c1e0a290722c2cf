/// MRD findings over a patient's assessments (Kumar SK et al., Lancet Oncol 2016;17:e328, MRD table).
///
/// - `negative[i]`: the marrow test at assessment i is negative at sensitivity ≤ 1e-5.
/// - `categories[i]`: the IMWG MRD category, which "requires a complete response", so only at CR or sCR;
///   the most demanding met: sustained, then imaging-plus, then flow or sequencing by the test's method.
/// - Imaging-plus at i: marrow IMWG-negative and the PET/CT standing at i negative. Engine rule: a
///   PET/CT stands until the next PET/CT, but only within one negative stretch: a positive MRD test or
///   the progression ends the stretch, and a PET/CT taken at that same visit does not carry past it
///   (it read a disease state the marrow or the progression has shown to be different).
/// - Sustained (the category and `sustainedDay`): Kumar 2016's "MRD negativity in the marrow … and by
///   imaging …, confirmed minimum of 1 year apart": imaging-plus at both ends, ≥ 365 days apart, with no
///   positive test and no progression between, and the later end on a PET/CT taken after the earlier
///   end's (one scan carried forward cannot confirm itself). CR is asked for at the later end only,
///   where the category is given; the earlier end needs the marrow and imaging negativity alone.
/// - `sustainedMarrowDay`: the marrow-only notion trials such as FUMANBA-1 report: two IMWG-negative
///   marrow tests ≥ 365 days apart, no positive test and no progression between, the later one in CR;
///   imaging is not asked for. Not an IMWG category, kept because it is what those trials compare.
/// - `firstNegativeDay`: first IMWG-negative test whatever the response then (after CAR-T the marrow
///   often clears weeks before the M-protein does; FUMANBA-1 reports time to MRD negativity this way).
/// - `duration`: from the first negative to the first later positive test or progression (event),
///   else to the last negative test (censored: MRD status after it is unknown). Marrow only.
struct MRDCourse: Sendable, Equatable {
    var negative: [Bool]
    var categories: [MRDCategory?]
    var firstNegativeDay: Int?
    var firstNegativeInCompleteResponseDay: Int?
    var sustainedDay: Int?
    var sustainedMarrowDay: Int?
    var duration: IMWGTimeSpan?

    init(assessments: [IMWGAssessment], categories responseCategories: [IMWGCategory],
         progressionDay: Int?, ruleSet: IMWGRuleSet) {
        let negative = assessments.map { $0.mrd?.isIMWGNegative(ruleSet: ruleSet) ?? false }
        self.negative = negative
        let petAt = Self.standingPETCT(assessments, progressionDay: progressionDay)
        let imagingPlus = assessments.indices.map { i in
            negative[i] && petAt[i].flatMap { assessments[$0].petCT } == .negative
        }

        // An earlier end j for the later end i: far enough back, nothing between that breaks the stretch.
        func hasEarlierEnd(_ i: Int, where qualifies: (Int) -> Bool) -> Bool {
            let day = assessments[i].day
            return assessments.indices.contains { j in
                guard j < i, qualifies(j), day - assessments[j].day >= ruleSet.mrdSustainedMinimumDays else { return false }
                let positiveBetween = assessments[(j + 1)..<i].contains { $0.mrd?.result == .positive }
                let progressedBetween = progressionDay.map { $0 > assessments[j].day && $0 <= day } ?? false
                return !positiveBetween && !progressedBetween
            }
        }

        var cats = [MRDCategory?](repeating: nil, count: assessments.count)
        var marrowSustained: Int?
        for i in assessments.indices where negative[i] && responseCategories[i].isCompleteResponse {
            if marrowSustained == nil && hasEarlierEnd(i, where: { negative[$0] }) { marrowSustained = i }
            if imagingPlus[i] && hasEarlierEnd(i, where: { imagingPlus[$0] && petAt[$0] != petAt[i] }) {
                cats[i] = .sustainedMRDNegative
            } else if imagingPlus[i] {
                cats[i] = .imagingPlusMRDNegative
            } else {
                cats[i] = assessments[i].mrd!.method == .nextGenerationFlow ? .flowMRDNegative : .sequencingMRDNegative
            }
        }
        categories = cats
        sustainedMarrowDay = marrowSustained.map { assessments[$0].day }
        let firstIndex = negative.firstIndex(of: true)
        firstNegativeDay = firstIndex.map { assessments[$0].day }
        firstNegativeInCompleteResponseDay = cats.firstIndex { $0 != nil }.map { assessments[$0].day }
        sustainedDay = cats.firstIndex { $0 == .sustainedMRDNegative }.map { assessments[$0].day }

        if let s = firstIndex {
            let start = assessments[s].day
            let loss = assessments[(s + 1)...].first { $0.mrd?.result == .positive }?.day
            let progression = progressionDay.flatMap { $0 > start ? $0 : nil }
            if let end = [loss, progression].compactMap({ $0 }).min() {
                duration = IMWGTimeSpan(startDay: start, endDay: end, event: true)
            } else {
                let lastNegative = negative.lastIndex(of: true)!
                duration = IMWGTimeSpan(startDay: start, endDay: assessments[lastNegative].day, event: false)
            }
        }
    }

    /// Index of the assessment whose PET/CT stands at each assessment (see the type's rule), or `nil`.
    static func standingPETCT(_ assessments: [IMWGAssessment], progressionDay: Int?) -> [Int?] {
        var standing: Int?
        return assessments.indices.map { i in
            let a = assessments[i]
            if a.petCT != nil { standing = i }
            let here = standing
            if a.mrd?.result == .positive || a.day == progressionDay { standing = nil }
            return here
        }
    }
}
