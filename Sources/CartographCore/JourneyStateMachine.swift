import Foundation

/// Why an event cannot be added to a journey. Each case names the rule it breaks.
public enum JourneyTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAllowed(JourneyEventKind, from: JourneyStage)
    case dateBeforePreviousEvent(JourneyEventKind, date: CalendarDate, previous: CalendarDate)
    case reasonRequired(JourneyEventKind)
    case tooManyLymphodepletionDoses(limit: Int)
    case collectionAttemptsExhausted(limit: Int)
    case sameDayDose(CalendarDate)

    public var description: String {
        switch self {
        case let .notAllowed(kind, stage):
            "\(kind.displayName) is not possible while the therapy is at \(stage.displayName)"
        case let .dateBeforePreviousEvent(kind, date, previous):
            "\(kind.displayName) on \(date) is before the previous event on \(previous)"
        case let .reasonRequired(kind): "\(kind.displayName) needs a reason"
        case let .tooManyLymphodepletionDoses(limit): "the regimen has \(limit) lymphodepletion days; no further dose can be recorded"
        case let .collectionAttemptsExhausted(limit): "\(limit) collection attempts have failed; the profile allows no more"
        case let .sameDayDose(date): "a lymphodepletion dose is already recorded on \(date)"
        }
    }

    /// The same problem as a field error, for API and form answers.
    public var fieldError: FieldError {
        switch self {
        case .dateBeforePreviousEvent, .sameDayDose: FieldError("date", description)
        case .reasonRequired: FieldError("reason", description)
        default: FieldError("kind", description)
        }
    }
}

/// What the journey's events add up to.
public struct JourneyState: Sendable, Hashable {
    public var stage: JourneyStage = .screening
    public var lastEventDate: CalendarDate?
    public var failedCollections = 0
    public var collectionDates: [CalendarDate] = []
    public var scheduledCollection: CalendarDate?
    public var manufacturingStart: CalendarDate?
    public var releaseDate: CalendarDate?
    public var lymphodepletionDoses: [CalendarDate] = []
    public var infusionDate: CalendarDate?
    public var offRampReason: String?
    public var offRampDate: CalendarDate?

    public init() {}

    /// The stage on a given day: short-term monitoring turns into long-term follow-up after the
    /// profile's last monitoring day without any event being recorded.
    public func stage(asOf today: CalendarDate, profile: ProductProfile) -> JourneyStage {
        if stage == .shortTermMonitoring, let infusion = infusionDate,
           studyDay(of: today, infusion: infusion) > profile.windows.monitoringEndDay {
            return .longTermFollowUp
        }
        return stage
    }
}

/// The therapy journey as an explicit state machine: which event may follow which stage.
///
/// Events must come in date order (same-day events are fine). A single infusion per therapy; a
/// failed collection may be repeated up to the profile's limit; a failed or out-of-specification lot
/// may be re-collected; the exceptional release of an out-of-specification lot is its own event.
public enum JourneyStateMachine {
    /// The stages an event may be recorded in, and where it leads.
    static func target(of kind: JourneyEventKind, from stage: JourneyStage) -> JourneyStage? {
        switch (stage, kind) {
        // Re-screening before collection is allowed either way; a not-eligible verdict ends the pathway
        // (and cancels a booked collection) until a later screening finds the patient eligible.
        case (.screening, .screenedEligible), (.notEligible, .screenedEligible), (.collection, .screenedEligible): .collection
        case (.screening, .screenedNotEligible), (.notEligible, .screenedNotEligible), (.collection, .screenedNotEligible): .notEligible
        case (.collection, .collectionScheduled), (.collection, .collectionFailed): .collection
        case (.manufacturingFailed, .collectionScheduled), (.outOfSpecification, .collectionScheduled): .collection
        case (.collection, .collected): .manufacturing
        case (.manufacturing, .manufacturingStarted), (.manufacturing, .bridgingTherapy): .manufacturing
        case (.manufacturing, .released): .lymphodepletion
        case (.manufacturing, .outOfSpecification): .outOfSpecification
        case (.manufacturing, .manufacturingFailed): .manufacturingFailed
        case (.outOfSpecification, .exceptionalRelease): .lymphodepletion
        case (.lymphodepletion, .bridgingTherapy), (.lymphodepletion, .lymphodepletionDose): .lymphodepletion
        case (.lymphodepletion, .infused), (.infusion, .infused): .shortTermMonitoring
        case (.shortTermMonitoring, .followUpEnded), (.longTermFollowUp, .followUpEnded): .followUpEnded
        case (.screening, .notInfused), (.collection, .notInfused), (.manufacturing, .notInfused),
             (.manufacturingFailed, .notInfused), (.outOfSpecification, .notInfused), (.collectionFailed, .notInfused),
             (.notEligible, .notInfused),
             (.lymphodepletion, .notInfused), (.infusion, .notInfused): .notInfused
        default: nil
        }
    }

    /// The events that may be recorded next, for forms and the API.
    public static func allowedEvents(after state: JourneyState, profile: ProductProfile) -> [JourneyEventKind] {
        JourneyEventKind.allCases.filter { kind in
            // Probe on the day after the last event: a next dose is never on the same day as the last.
            var probe = state
            let day = (state.lastEventDate ?? CalendarDate(daysSinceEpoch: 0)).adding(days: 1)
            return (try? apply(JourneyEvent(kind, on: day, reason: "?"), to: &probe, profile: profile)) != nil
        }
    }

    /// Applies one event; throws and leaves `state` unchanged when the event breaks a rule.
    public static func apply(_ event: JourneyEvent, to state: inout JourneyState, profile: ProductProfile) throws(JourneyTransitionError) {
        if let last = state.lastEventDate, event.date < last {
            throw .dateBeforePreviousEvent(event.kind, date: event.date, previous: last)
        }
        if event.kind.requiresReason, (event.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw .reasonRequired(event.kind)
        }
        // The profile's attempt limit explains a refused further collection better than "not possible".
        if state.stage == .collectionFailed, [.collectionScheduled, .collected, .collectionFailed].contains(event.kind) {
            throw .collectionAttemptsExhausted(limit: profile.windows.maximumCollectionAttempts)
        }
        // The regimen's own limit explains a refused extra dose better than "not possible at Infusion".
        if event.kind == .lymphodepletionDose, state.stage == .infusion {
            throw .tooManyLymphodepletionDoses(limit: profile.lymphodepletion.days)
        }
        guard var next = target(of: event.kind, from: state.stage) else {
            throw .notAllowed(event.kind, from: state.stage)
        }
        var s = state
        switch event.kind {
        case .collectionScheduled:
            if s.failedCollections >= profile.windows.maximumCollectionAttempts {
                throw .collectionAttemptsExhausted(limit: profile.windows.maximumCollectionAttempts)
            }
            s.scheduledCollection = event.date
        case .collectionFailed:
            if s.failedCollections >= profile.windows.maximumCollectionAttempts {
                throw .collectionAttemptsExhausted(limit: profile.windows.maximumCollectionAttempts)
            }
            s.failedCollections += 1
            s.scheduledCollection = nil
            // The last attempt the profile allows has failed: the pathway ends here.
            if s.failedCollections >= profile.windows.maximumCollectionAttempts { next = .collectionFailed }
        case .collected:
            // Every attempt counts against the limit, booked or not.
            if s.failedCollections >= profile.windows.maximumCollectionAttempts {
                throw .collectionAttemptsExhausted(limit: profile.windows.maximumCollectionAttempts)
            }
            s.collectionDates.append(event.date)
            s.manufacturingStart = nil
            s.releaseDate = nil
        case .manufacturingStarted:
            if s.manufacturingStart != nil { throw .notAllowed(event.kind, from: state.stage) }
            s.manufacturingStart = event.date
        case .released, .outOfSpecification, .manufacturingFailed:
            // A lot is judged only after it was made.
            if s.manufacturingStart == nil { throw .notAllowed(event.kind, from: state.stage) }
            if event.kind == .released { s.releaseDate = event.date }
        case .exceptionalRelease:
            s.releaseDate = event.date
        case .bridgingTherapy:
            // Bridging belongs before lymphodepletion, never between its doses.
            if !s.lymphodepletionDoses.isEmpty { throw .notAllowed(event.kind, from: state.stage) }
        case .lymphodepletionDose:
            if s.lymphodepletionDoses.last == event.date { throw .sameDayDose(event.date) }
            if s.lymphodepletionDoses.count >= profile.lymphodepletion.days {
                throw .tooManyLymphodepletionDoses(limit: profile.lymphodepletion.days)
            }
            s.lymphodepletionDoses.append(event.date)
            if s.lymphodepletionDoses.count == profile.lymphodepletion.days { next = .infusion }
        case .infused:
            s.infusionDate = event.date
        case .notInfused, .followUpEnded, .screenedNotEligible, .screenedEligible:
            break
        }
        s.stage = next
        // Off the pathway nothing stays booked: a collection planned before the off-ramp is cancelled.
        // The off-ramp fields always describe the current stage.
        if next.isOffRamp {
            s.scheduledCollection = nil
            s.offRampDate = event.date
            s.offRampReason = event.reason
        } else {
            s.offRampDate = nil
            s.offRampReason = nil
        }
        // A scheduled collection is a plan for a day, not something that happened: it may lie in the
        // future and does not move the journey's clock.
        if event.kind != .collectionScheduled { s.lastEventDate = event.date }
        state = s
    }

    /// Replays a stored journey from the start.
    public static func replay(_ events: [JourneyEvent], profile: ProductProfile) throws(JourneyTransitionError) -> JourneyState {
        var state = JourneyState()
        for e in events { try apply(e, to: &state, profile: profile) }
        return state
    }
}
