import CartographCore

/// An event that ends, narrows or adds to a patient's long-term follow-up (rule set `FOLLOW-UP-1`).
///
/// Decisions (the program's own, documented so the worklist can be explained):
/// - `death`, `lostToFollowUp`, `consentWithdrawn` end all follow-up: no later visit is asked for.
///   A visit whose window is still open on the event date is cancelled; one whose window had already
///   closed unvisited stays overdue (a missed visit needs documenting whatever happened later).
/// - `progression` and `newTherapy` end response assessment but not follow-up: visits planned after
///   the event become survival follow-up (vital status, late effects, new malignancies), because
///   CAR-T long-term follow-up continues for survival and safety after the disease course ends, and
///   IMWG response after a new therapy no longer measures the CAR-T.
/// - `secondPrimaryMalignancy` ends nothing and adds a work-up task: report to the manufacturer and
///   send tumour samples for CAR-transgene testing (FDA safety communication on T-cell malignancies
///   after BCMA- and CD19-directed CAR-T, November 2023 / January 2024: monitor life-long; on a new
///   malignancy, contact the manufacturer for sample collection instructions).
/// - Registry reports continue after progression. After death, the report for the period in which
///   death occurred (the first timepoint on or after the death date) stays due and records the death
///   (CIBMTR Forms Instruction Manual, Form 2900: death is reported on the follow-up form for the time
///   period in which the recipient died); later reports are cancelled. After loss to follow-up or
///   withdrawal of consent, reports with timepoints after the event are cancelled.
public enum FollowUpEndingKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case death
    case lostToFollowUp
    case consentWithdrawn
    case progression
    case newTherapy
    case secondPrimaryMalignancy

    /// No visit or registry report is asked for after it.
    public var endsAllFollowUp: Bool { self == .death || self == .lostToFollowUp || self == .consentWithdrawn }
    /// Visits after it are survival follow-up instead of response assessments.
    public var endsResponseAssessment: Bool { self == .progression || self == .newTherapy }
    /// It opens a second-primary-malignancy work-up task.
    public var opensMalignancyWorkup: Bool { self == .secondPrimaryMalignancy }

    public var displayName: String {
        switch self {
        case .death: "death"
        case .lostToFollowUp: "loss to follow-up"
        case .consentWithdrawn: "withdrawal of consent"
        case .progression: "progression"
        case .newTherapy: "new anti-myeloma therapy"
        case .secondPrimaryMalignancy: "second primary malignancy"
        }
    }
}

/// One follow-up event on a date in the center's calendar.
public struct FollowUpEndingEvent: Sendable, Equatable, Hashable, Codable {
    public var kind: FollowUpEndingKind
    public var date: CalendarDate
    public init(_ kind: FollowUpEndingKind, on date: CalendarDate) { self.kind = kind; self.date = date }
}

/// What the program knows of one infused patient's follow-up.
public struct FollowUpPatientRecord: Sendable, Equatable, Codable {
    /// Pseudonymous code (`C01-0007`).
    public var patientCode: String
    /// Day 0.
    public var infusionDate: CalendarDate
    /// Dates the patient was seen (or contacted) for follow-up; order and repeats do not matter.
    public var visitDates: [CalendarDate]
    public var events: [FollowUpEndingEvent]
    /// Registry timepoints already submitted.
    public var filedRegistryReports: [FollowUpSchedule.Offset]
    /// Planned visits documented as missed (deviation recorded); they leave the worklist.
    public var documentedMissedVisits: [FollowUpSchedule.Offset]
    /// Dates second-primary-malignancy work-ups were completed.
    public var malignancyWorkupDates: [CalendarDate]

    public init(patientCode: String, infusionDate: CalendarDate, visitDates: [CalendarDate] = [],
                events: [FollowUpEndingEvent] = [], filedRegistryReports: [FollowUpSchedule.Offset] = [],
                documentedMissedVisits: [FollowUpSchedule.Offset] = [], malignancyWorkupDates: [CalendarDate] = []) {
        self.patientCode = patientCode
        self.infusionDate = infusionDate
        self.visitDates = visitDates
        self.events = events
        self.filedRegistryReports = filedRegistryReports
        self.documentedMissedVisits = documentedMissedVisits
        self.malignancyWorkupDates = malignancyWorkupDates
    }
}

/// Deadlines the product profile does not carry (center policy).
public struct FollowUpPolicy: Sendable, Equatable, Hashable, Codable {
    /// Days after a registry timepoint by which the report must be submitted. Default 30: CIBMTR's
    /// completeness (CPI) table gives the 100-day follow-up form a due date of infusion + 130 days,
    /// and later forms longer (6-month: + 225 days), so 30 days meets every one.
    public var registryReportGraceDays: Int
    /// Days after a second primary malignancy by which the work-up must be done (center policy).
    public var malignancyWorkupDays: Int

    public init(registryReportGraceDays: Int = 30, malignancyWorkupDays: Int = 30) {
        self.registryReportGraceDays = registryReportGraceDays
        self.malignancyWorkupDays = malignancyWorkupDays
    }

    public static let standard = FollowUpPolicy()
}
