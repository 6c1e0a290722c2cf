/// The engine's verdict on one assessment.
public struct IMWGAssessmentResult: Sendable, Equatable, Codable {
    public var day: Int
    /// The category this assessment meets on its own (PD outranks any response).
    public var category: IMWGCategory
    /// Whether the category is confirmed: an adjacent evaluable assessment (NE ones skipped) meets at
    /// least the same depth (for PD: is PD too), or the category rests on marrow or imaging alone.
    public var confirmed: Bool
    /// Which findings drove the category.
    public var reasons: [String]
    /// The PD routes met, if any.
    public var progressionFindings: [IMWGProgressionFinding]
    /// An MRD test at this assessment was negative at the IMWG sensitivity (≤ 1e-5).
    public var mrdNegative: Bool
    /// IMWG MRD category at this assessment (needs CR or sCR here), if any.
    public var mrdCategory: MRDCategory?
}

/// A duration from a start day to an event or a censoring day, in days.
public struct IMWGTimeSpan: Sendable, Equatable, Codable {
    public var startDay: Int
    public var endDay: Int
    /// `true` when `endDay` is the event (progression, loss of MRD negativity); `false` when censored.
    public var event: Bool
    /// `endDay − startDay`.
    public var days: Int { endDay - startDay }

    public init(startDay: Int, endDay: Int, event: Bool) {
        self.startDay = startDay
        self.endDay = endDay
        self.event = event
    }
}

/// The engine's verdict on a patient's series of assessments.
public struct IMWGResponseCourse: Sendable, Equatable, Codable {
    /// Rule set that produced this result, e.g. `IMWG-2016`.
    public var ruleSetVersion: String
    public var measurableDisease: [IMWGMeasurableDisease]
    public var assessments: [IMWGAssessmentResult]
    /// Deepest category met at two consecutive evaluable assessments (or once, for marrow- or
    /// imaging-only evidence) before progression; PD when progression came first; `nil` when nothing
    /// was confirmed.
    public var bestConfirmedResponse: IMWGCategory?
    /// Day of the first of the two assessments that confirmed `bestConfirmedResponse` (the progression
    /// day when it is PD).
    public var bestConfirmedResponseDay: Int?
    /// Day of the first assessment of a confirmed progression (imaging and marrow need no confirmation).
    public var progressionDay: Int?
    /// Relapse from CR (Kumar 2016; for disease-free survival only): first day, after a confirmed CR, of
    /// confirmed reappearance of M-protein by immunofixation or electrophoresis, ≥ 5% marrow plasma
    /// cells, or a new or regrowing lesion.
    public var relapseFromCompleteResponseDay: Int?
    /// Time to first response: first day of the earliest confirmed PR or better.
    public var firstResponseDay: Int?
    /// Time to CR: first day of the earliest confirmed CR or sCR.
    public var completeResponseDay: Int?
    /// First MRD test negative at sensitivity ≤ 1e-5, whatever the response category at the time.
    public var firstMRDNegativeDay: Int?
    /// First IMWG MRD-negative category (MRD-negative while in CR or sCR).
    public var firstMRDNegativeInCompleteResponseDay: Int?
    /// Day sustained MRD negativity in Kumar 2016's sense was established: the later of two imaging-plus
    /// MRD negatives (marrow and PET/CT) ≥ 1 year apart, in CR there (`MRDCategory.sustainedMRDNegative`).
    public var sustainedMRDNegativeDay: Int?
    /// Marrow-only sustained MRD negativity, as trials such as FUMANBA-1 report it: the later of two
    /// IMWG-negative marrow tests ≥ 1 year apart with no positive test or progression between, in CR
    /// there; no imaging asked for, so it can be set when `sustainedMRDNegativeDay` is not.
    public var sustainedMarrowMRDNegativeDay: Int?
    /// Duration of response: first response to progression (event) or last evaluable assessment (censored).
    public var durationOfResponse: IMWGTimeSpan?
    /// Duration of MRD negativity: first negative to the first later positive test or progression
    /// (event), else to the last negative test (censored).
    public var durationOfMRDNegativity: IMWGTimeSpan?
    /// Clinical relapse (Kumar 2016; `IMWGClinicalRelapse`): first assessment meeting any criterion.
    /// Reported optionally: it never sets `progressionDay` or changes PFS, best response or durations.
    public var clinicalRelapseDay: Int?
    /// The clinical-relapse criteria met on `clinicalRelapseDay`; empty without one.
    public var clinicalRelapseReasons: [String]
    /// Course-level reasons (what set the best response, progression and any clinical relapse).
    public var reasons: [String]
}
