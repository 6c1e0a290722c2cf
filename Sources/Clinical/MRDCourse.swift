/// MRD findings over a patient's assessments (Kumar 2016, IMWG MRD criteria).
///
/// - `negative[i]`: the test at assessment i is negative at sensitivity ≤ 1e-5.
/// - `categories[i]`: the IMWG MRD category, which "requires a complete response": flow or sequencing
///   MRD-negative by the test's method, or sustained MRD-negative when an earlier negative lies
///   ≥ 365 days before with no positive test and no progression between.
/// - `firstNegativeDay`: first IMWG-negative test whatever the response then (after CAR-T the marrow
///   often clears weeks before the M-protein does; FUMANBA-1 reports time to MRD negativity this way).
/// - `duration`: from the first negative to the first later positive test or progression (event),
///   else to the last negative test (censored: MRD status after it is unknown).
struct MRDCourse: Sendable, Equatable {
    var negative: [Bool]
    var categories: [MRDCategory?]
    var firstNegativeDay: Int?
    var firstNegativeInCompleteResponseDay: Int?
    var sustainedDay: Int?
    var duration: IMWGTimeSpan?

    init(assessments: [IMWGAssessment], categories responseCategories: [IMWGCategory],
         progressionDay: Int?, ruleSet: IMWGRuleSet) {
        let negative = assessments.map { $0.mrd?.isIMWGNegative(ruleSet: ruleSet) ?? false }
        self.negative = negative
        var cats = [MRDCategory?](repeating: nil, count: assessments.count)
        for i in assessments.indices where negative[i] && responseCategories[i].isCompleteResponse {
            let day = assessments[i].day
            let sustained = assessments.indices.contains { j in
                guard j < i, negative[j], day - assessments[j].day >= ruleSet.mrdSustainedMinimumDays else { return false }
                let between = assessments[(j + 1)..<i]
                let positiveBetween = between.contains { $0.mrd?.result == .positive }
                let progressedBetween = progressionDay.map { $0 > assessments[j].day && $0 <= day } ?? false
                return !positiveBetween && !progressedBetween
            }
            if sustained {
                cats[i] = .sustainedMRDNegative
            } else {
                cats[i] = assessments[i].mrd!.method == .nextGenerationFlow ? .flowMRDNegative : .sequencingMRDNegative
            }
        }
        categories = cats
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
}
