import CartographCore

/// A patient's course as a script of what the center recorded, in order. The demo program and the
/// in-silico trial both produce these, and one loader records them through the same repositories a
/// person uses, so generated patients are validated, stored, audited and graded like real ones.
public struct PatientCourse: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case screening(ScreeningData, on: CalendarDate)
        case event(JourneyEvent)
        case dose(weightKilograms: Double, product: ProductCharacterisation?)
        /// A laboratory, pathology or imaging result, checked by the same rules as a typed or imported
        /// one (`LabResult.problems`). The patient code is given at enrolment, so the loader sets it:
        /// whatever the script holds there is replaced.
        case lab(LabResult)
        /// A long-term follow-up contact.
        case followUpVisit(on: CalendarDate)
        /// An event that ends or changes follow-up, or a follow-up task done.
        case followUpEvent(FollowUpEventEntry)
    }

    public var enrolment: Enrolment
    public var steps: [Step]
    public init(enrolment: Enrolment, steps: [Step]) { self.enrolment = enrolment; self.steps = steps }
}
