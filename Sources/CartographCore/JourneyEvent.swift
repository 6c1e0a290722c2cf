/// Something that happened to a therapy, on a calendar date in the center's time zone.
///
/// The journey is the ordered list of these events; the current stage, the plan and the deviations
/// are all derived from it, so nothing about a patient's course is edited in place.
public struct JourneyEvent: Codable, Sendable, Hashable {
    public var kind: JourneyEventKind
    public var date: CalendarDate
    /// Why, for off-ramps (`notInfused`, `manufacturingFailed`, …) and failed collections.
    public var reason: String?

    public init(_ kind: JourneyEventKind, on date: CalendarDate, reason: String? = nil) {
        self.kind = kind; self.date = date; self.reason = reason
    }
}

public enum JourneyEventKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Screening concluded that every criterion is met (the verdict comes from the eligibility engine).
    case screenedEligible
    /// Screening found a criterion not met.
    case screenedNotEligible
    case collectionScheduled
    /// Leukapheresis yielded enough cells.
    case collected
    /// Leukapheresis yielded too few cells; another collection may be scheduled.
    case collectionFailed
    case manufacturingStarted
    case manufacturingFailed
    /// The lot met its release specification.
    case released
    case outOfSpecification
    /// An out-of-specification lot released on the physician's request with QA's signature.
    case exceptionalRelease
    case bridgingTherapy
    case lymphodepletionDose
    case infused
    /// The patient will not be infused (death, progression or withdrawal before infusion).
    case notInfused
    /// Follow-up ended (death, progression with new therapy, withdrawal, loss to follow-up).
    case followUpEnded

    public var displayName: String {
        switch self {
        case .screenedEligible: "Screened: eligible"
        case .screenedNotEligible: "Screened: not eligible"
        case .collectionScheduled: "Collection scheduled"
        case .collected: "Leukapheresis"
        case .collectionFailed: "Collection failed"
        case .manufacturingStarted: "Manufacturing started"
        case .manufacturingFailed: "Manufacturing failed"
        case .released: "Product released"
        case .outOfSpecification: "Out of specification"
        case .exceptionalRelease: "Exceptional release"
        case .bridgingTherapy: "Bridging therapy"
        case .lymphodepletionDose: "Lymphodepletion dose"
        case .infused: "Infusion"
        case .notInfused: "Not infused"
        case .followUpEnded: "Follow-up ended"
        }
    }

    /// Off-ramps that must say why.
    public var requiresReason: Bool {
        [.screenedNotEligible, .collectionFailed, .manufacturingFailed, .outOfSpecification, .notInfused, .followUpEnded].contains(self)
    }
}

/// Reasons a patient is not infused, as the protocol's disposition table lists them.
public enum NotInfusedReason: String, Codable, Sendable, CaseIterable {
    case death, progression, withdrawal, manufacturingFailure, other
}
