import Foundation

/// Where a bag is in its journey. Quarantine is not a phase: a quarantined bag stays where it is
/// (``CustodyBagState/isQuarantined``) and resumes from there when QA releases it.
public enum CustodyPhase: String, Codable, Sendable, CaseIterable, Hashable {
    case notStarted
    /// Apheresis bag at the collection center (collected, possibly frozen, packed or stored there).
    case atCollectionSite
    case inTransitToManufacturing
    /// At the manufacturing site: a received apheresis bag, or a final product awaiting release.
    case atManufacturingSite
    /// The apheresis bag was taken into manufacturing; its log ends here.
    case inManufacturing
    case inTransitToCenter
    /// At the treatment center: received, and perhaps stored, dispensed, thawed, verified.
    case atCenter
    case infused
    case discarded

    /// Phases after which nothing more can be recorded.
    public var isTerminal: Bool { self == .inManufacturing || self == .infused || self == .discarded }

    public var displayName: String {
        switch self {
        case .notStarted: "not yet collected or manufactured"
        case .atCollectionSite: "at the collection center"
        case .inTransitToManufacturing: "in transit to manufacturing"
        case .atManufacturingSite: "at the manufacturing site"
        case .inManufacturing: "taken into manufacturing"
        case .inTransitToCenter: "in transit to the treatment center"
        case .atCenter: "at the treatment center"
        case .infused: "infused"
        case .discarded: "discarded"
        }
    }
}

/// What a bag's custody log adds up to. Built by replaying the log (``CustodyStateMachine/replay``);
/// never edited by hand.
public struct CustodyBagState: Codable, Sendable, Hashable {
    public var bag: CustodyBag
    public var phase: CustodyPhase = .notStarted
    public var thermalCondition: CustodyThermalCondition = .fresh
    /// Number of events applied; the index the next event will have.
    public var eventCount = 0
    public var lastEventInstant: Date?
    /// The site of the last event.
    public var currentSite: String?
    public var lot: String?
    public var lastReleaseResult: ReleaseDisposition?
    public var qaDisposition: CustodyQADisposition?
    /// Whether a data-logger reading has been recorded since the last shipment left.
    public var dataLoggerReadingSinceShipment = false
    public var storageLocation: String?
    public var receivedAtCenterAt: Date?
    public var dispensedAt: Date?
    public var thawedAt: Date?
    public var bedsideVerifiedAt: Date?
    public var infusedAt: Date?
    public var discardReason: String?
    /// Every deviation opened on the bag, open and closed, in order.
    public var deviations: [CustodyDeviation] = []

    public init(bag: CustodyBag) { self.bag = bag }

    public var openDeviations: [CustodyDeviation] { deviations.filter(\.isOpen) }
    /// A bag with an open deviation is quarantined.
    public var isQuarantined: Bool { deviations.contains(where: \.isOpen) }
    /// Released (normally or exceptionally) by QA.
    public var isReleasedByQA: Bool { qaDisposition == .released || qaDisposition == .exceptionalRelease }
}
