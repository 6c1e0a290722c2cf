/// A patient's course as a script of what the center recorded, in order. The demo program and the
/// in-silico trial both produce these, and one loader records them through the same repositories a
/// person uses, so generated patients are validated, stored, audited and graded like real ones.
public struct PatientCourse: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case screening(ScreeningData, on: CalendarDate)
        case event(JourneyEvent)
        case dose(weightKilograms: Double, product: ProductCharacterisation?)
        /// A laboratory, pathology or imaging result, read by the same rules as a CSV row.
        case lab(LabEntry)
        /// A long-term follow-up contact.
        case followUpVisit(on: CalendarDate)
        /// An event that ends or changes follow-up, or a follow-up task done.
        case followUpEvent(FollowUpNote)
    }

    /// One result as the laboratory writes it, cell for cell a row of the lab CSV (`LAB-CSV-1`): the
    /// loader passes these cells through the same reader as an imported file, so a generated result is
    /// refused exactly when a typed one would be. Kept as text here because the analyte vocabulary
    /// belongs to the clinical engines, which build on this module.
    public struct LabEntry: Sendable, Hashable {
        public var date: CalendarDate
        /// `serumMProtein`, `mrd`, `transgeneCopies`, … (the CSV `analyte` column).
        public var analyte: String
        /// `2.4`, `positive`, `true`, … (the CSV `value` column).
        public var value: String
        public var unit: String
        public var method: String?
        public var sensitivity: String?
        public var llod: String?
        public var lloq: String?

        public init(date: CalendarDate, analyte: String, value: String, unit: String = "", method: String? = nil,
                    sensitivity: String? = nil, llod: String? = nil, lloq: String? = nil) {
            self.date = date; self.analyte = analyte; self.value = value; self.unit = unit
            self.method = method; self.sensitivity = sensitivity; self.llod = llod; self.lloq = lloq
        }
    }

    /// A follow-up event, spelled as the follow-up API takes it (`kind` is a `FollowUpEventKind` raw value,
    /// `deathCause` a `DeathCause`, `transgeneInTumour` a `TransgeneInTumour`).
    public struct FollowUpNote: Sendable, Hashable {
        public var kind: String
        public var date: CalendarDate
        public var timepoint: FollowUpSchedule.Offset?
        public var deathCause: String?
        public var detail: String?
        public var transgeneInTumour: String?

        public init(kind: String, date: CalendarDate, timepoint: FollowUpSchedule.Offset? = nil, deathCause: String? = nil,
                    detail: String? = nil, transgeneInTumour: String? = nil) {
            self.kind = kind; self.date = date; self.timepoint = timepoint; self.deathCause = deathCause
            self.detail = detail; self.transgeneInTumour = transgeneInTumour
        }
    }

    public var enrolment: Enrolment
    public var steps: [Step]
    public init(enrolment: Enrolment, steps: [Step]) { self.enrolment = enrolment; self.steps = steps }
}
