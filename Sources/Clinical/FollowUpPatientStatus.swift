import CartographCore

/// Where an obligation stands on "today".
public enum FollowUpItemStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Its window has not opened.
    case upcoming
    /// Its window is open today (both edges included).
    case due
    /// Its window closed without it being done.
    case overdue
    /// Done: a visit recorded inside its window, a report filed, a work-up recorded.
    case completed
    /// Documented as missed (a visit only); no longer on the worklist.
    case missed
    /// No longer required (follow-up ended before its window closed).
    case cancelled
}

/// What a planned visit is for.
public enum FollowUpVisitPurpose: String, Sendable, Equatable, Hashable, Codable {
    /// Response assessment (IMWG labs, marrow, imaging) plus safety.
    case responseAssessment
    /// After progression or new therapy: vital status, late effects and new malignancies.
    case survival
}

/// One planned long-term follow-up visit.
public struct FollowUpVisitStatus: Sendable, Equatable, Codable {
    public var offset: FollowUpSchedule.Offset
    /// `Day 28`, `Month 12 (year 1)`.
    public var label: String
    public var plannedDate: CalendarDate
    /// planned − tolerance … planned + tolerance, both included.
    public var windowStart: CalendarDate
    public var windowEnd: CalendarDate
    public var purpose: FollowUpVisitPurpose
    public var status: FollowUpItemStatus
    /// The recorded visit matched to it.
    public var visitDate: CalendarDate?
    /// Why it has its status.
    public var reason: String
}

/// One registry report (CIBMTR Form 4100 style: 100 days, 6 months, yearly).
public struct FollowUpRegistryReportStatus: Sendable, Equatable, Codable {
    public var offset: FollowUpSchedule.Offset
    public var label: String
    /// The date the report describes (infusion + offset).
    public var timepoint: CalendarDate
    /// Timepoint + the policy's grace days: submitted after this, the report is overdue.
    public var submitBy: CalendarDate
    public var status: FollowUpItemStatus
    /// This report covers the period in which the patient died and records the death.
    public var reportsDeath: Bool
    public var reason: String
}

/// A second-primary-malignancy work-up (manufacturer report, tumour testing for the CAR transgene).
public struct FollowUpMalignancyWorkup: Sendable, Equatable, Codable {
    public var eventDate: CalendarDate
    public var dueBy: CalendarDate
    public var status: FollowUpItemStatus
    public var completedOn: CalendarDate?
}

/// A patient's long-term follow-up on one day.
public struct FollowUpPatientStatus: Sendable, Equatable, Codable {
    public var patientCode: String
    public var infusionDate: CalendarDate
    public var today: CalendarDate
    /// Every planned visit, in planned-date order.
    public var visits: [FollowUpVisitStatus]
    public var registryReports: [FollowUpRegistryReportStatus]
    public var malignancyWorkups: [FollowUpMalignancyWorkup]
    /// Recorded visits on or after the infusion that matched no planned visit (outside every window,
    /// or a second visit in a window).
    public var unscheduledVisitDates: [CalendarDate]
    /// The earliest event that ended all follow-up, if any.
    public var followUpEnded: FollowUpEndingEvent?
    /// The earliest event that ended response assessment, if any.
    public var responseAssessmentEnded: FollowUpEndingEvent?
    /// Inconsistencies worth a look (a visit after death, before the infusion).
    public var notes: [String]

    /// The first visit not yet done whose window is open or still to come.
    public var nextVisit: FollowUpVisitStatus? { visits.first { $0.status == .due || $0.status == .upcoming } }
    public var overdueVisits: [FollowUpVisitStatus] { visits.filter { $0.status == .overdue } }
    public var completedVisits: [FollowUpVisitStatus] { visits.filter { $0.status == .completed } }
}
