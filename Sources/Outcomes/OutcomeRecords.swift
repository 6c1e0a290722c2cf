import CartographCore
import Clinical
import Foundation

/// The baseline characteristics a trial reports subgroups by (FUMANBA-1: CAR-T-naive versus prior
/// BCMA CAR-T, extramedullary disease, high-risk cytogenetics).
public struct OutcomeSubgroups: Sendable, Equatable, Hashable, Codable {
    /// Received a BCMA-directed CAR-T before this one (seed 000: 11% of FUMANBA-1).
    public var priorBCMACART: Bool
    /// Extramedullary disease at baseline (seed 000: 12.8% of FUMANBA-1).
    public var extramedullaryDisease: Bool
    /// High-risk cytogenetics at baseline (del(17p), t(4;14), t(14;16) by FISH; IMWG 2016 risk).
    public var highRiskCytogenetics: Bool

    public init(priorBCMACART: Bool = false, extramedullaryDisease: Bool = false, highRiskCytogenetics: Bool = false) {
        self.priorBCMACART = priorBCMACART
        self.extramedullaryDisease = extramedullaryDisease
        self.highRiskCytogenetics = highRiskCytogenetics
    }
}

/// Everything the outcomes engine reads about one patient: the raw records a center keeps, nothing
/// derived. A real patient's records come from the store; a virtual patient's from the in-silico trial.
/// Both go through the same engines (`OutcomePatient.derive`), so neither path can compute an
/// endpoint the other would not.
public struct OutcomeRecords: Sendable, Equatable, Codable {
    /// Pseudonymous code (`C01-0007`, `V-000123`).
    public var patientCode: String
    /// Day 0; `nil` when the patient was never infused (outside every analysis population).
    public var infusionDate: CalendarDate?
    /// First lymphodepletion dose; the response baseline window is measured back from it.
    public var firstLymphodepletionDate: CalendarDate?
    /// Laboratory results (SPEP, UPEP, immunofixation, FLC, marrow, imaging, MRD, transgene), any order.
    public var labs: [LabResult]
    /// Bedside assessments with the grades the ASTCT 2019 engines computed for them.
    public var safety: [SafetyGradedAssessment]
    /// Follow-up events: death, progression assessed clinically, new therapy, loss to follow-up, …
    public var events: [FollowUpEndingEvent]
    /// Dates the patient was seen or contacted alive (follow-up visits); the last one before the data
    /// cut censors overall survival.
    public var contactDates: [CalendarDate]
    public var subgroups: OutcomeSubgroups

    public init(patientCode: String, infusionDate: CalendarDate?, firstLymphodepletionDate: CalendarDate? = nil,
                labs: [LabResult] = [], safety: [SafetyGradedAssessment] = [], events: [FollowUpEndingEvent] = [],
                contactDates: [CalendarDate] = [], subgroups: OutcomeSubgroups = OutcomeSubgroups()) {
        self.patientCode = patientCode
        self.infusionDate = infusionDate
        self.firstLymphodepletionDate = firstLymphodepletionDate
        self.labs = labs
        self.safety = safety
        self.events = events
        self.contactDates = contactDates
        self.subgroups = subgroups
    }

    /// The records as they stood on the data cut: nothing dated after `cut` exists for the analysis.
    /// Bedside assessments are kept by study day (Day 0 + studyDay ≤ cut).
    public func asOf(_ cut: CalendarDate) -> OutcomeRecords {
        var copy = self
        copy.labs = labs.filter { $0.sampleDate <= cut }
        copy.events = events.filter { $0.date <= cut }
        copy.contactDates = contactDates.filter { $0 <= cut }
        if let day0 = infusionDate {
            copy.safety = safety.filter { day0.adding(days: $0.studyDay) <= cut }
        } else {
            copy.safety = []
        }
        return copy
    }
}
