import Foundation

/// The kinds of custody event, stored by raw value.
public enum CustodyEventKind: String, Codable, Sendable, CaseIterable, Hashable {
    // Apheresis bag.
    case collected, packed, shipped, temperatureReading, received, inManufacturing
    // Final product bag.
    case manufactured, releaseResult, qaDisposition, shippedToCenter, receivedAtCenter, stored,
         dispensed, thawed, bedsideVerified, infused
    // Either bag.
    case discarded, quarantined, quarantineReleased

    public var displayName: String {
        switch self {
        case .collected: "Collected"
        case .packed: "Packed"
        case .shipped: "Shipped to manufacturing"
        case .temperatureReading: "Temperature reading"
        case .received: "Received at manufacturing"
        case .inManufacturing: "Taken into manufacturing"
        case .manufactured: "Manufactured"
        case .releaseResult: "Release testing result"
        case .qaDisposition: "QA disposition"
        case .shippedToCenter: "Shipped to treatment center"
        case .receivedAtCenter: "Received at treatment center"
        case .stored: "Stored"
        case .dispensed: "Dispensed"
        case .thawed: "Thawed"
        case .bedsideVerified: "Bedside verification"
        case .infused: "Infused"
        case .discarded: "Discarded"
        case .quarantined: "Quarantined"
        case .quarantineReleased: "Released from quarantine"
        }
    }
}

/// QA's decision on a lot.
public enum CustodyQADisposition: String, Codable, Sendable, CaseIterable, Hashable {
    case released, rejected, exceptionalRelease
}

/// What an event says beyond who, when and where; one case per kind.
public enum CustodyEventDetails: Codable, Sendable, Hashable {
    case collected
    /// Packed for shipment, in the thermal condition it will travel in. Freezing is declared here:
    /// a fresh collection packed `cryopreserved` has been frozen; the reverse is impossible.
    case packed(condition: CustodyThermalCondition)
    case shipped(courier: String, shipperID: String)
    case temperatureReading(celsius: Double, fromDataLogger: Bool)
    case received
    case inManufacturing
    /// The final product was made (and frozen) under `lot`; its log starts here.
    case manufactured(lot: String)
    /// The outcome of release testing (``ReleaseEvaluation``), recorded on the product's log.
    case releaseResult(ReleaseDisposition)
    case qaDisposition(CustodyQADisposition)
    case shippedToCenter(courier: String, shipperID: String)
    case receivedAtCenter
    /// Put into storage at `location` (freezer and rack, for the next person to find it).
    case stored(location: String)
    case dispensed
    case thawed
    /// The outcome of ``BedsideVerification/verify(_:)``; only `match` can be recorded.
    case bedsideVerified(BedsideVerificationOutcome)
    case infused
    case discarded(reason: String)
    case quarantined(reason: String)
    /// QA closes deviation `deviationID` with `reason`; the bag leaves quarantine when no deviation
    /// remains open.
    case quarantineReleased(deviationID: Int, reason: String)

    public var kind: CustodyEventKind {
        switch self {
        case .collected: .collected
        case .packed: .packed
        case .shipped: .shipped
        case .temperatureReading: .temperatureReading
        case .received: .received
        case .inManufacturing: .inManufacturing
        case .manufactured: .manufactured
        case .releaseResult: .releaseResult
        case .qaDisposition: .qaDisposition
        case .shippedToCenter: .shippedToCenter
        case .receivedAtCenter: .receivedAtCenter
        case .stored: .stored
        case .dispensed: .dispensed
        case .thawed: .thawed
        case .bedsideVerified: .bedsideVerified
        case .infused: .infused
        case .discarded: .discarded
        case .quarantined: .quarantined
        case .quarantineReleased: .quarantineReleased
        }
    }
}

/// Who recorded an event.
public struct CustodyActor: Codable, Sendable, Hashable {
    public var userID: String
    public var role: Role
    public init(userID: String, role: Role) { self.userID = userID; self.role = role }
}

/// One entry in a bag's custody log.
///
/// Time is kept twice on purpose: the UTC instant orders events across sites and time zones, and the
/// site's time-zone identifier (`Asia/Shanghai`) gives the local calendar date a clinician reads
/// (``localDate``), as DESIGN.md asks.
public struct CustodyEvent: Codable, Sendable, Hashable {
    public var actor: CustodyActor
    public var instant: Date
    /// IANA time-zone identifier of the site where the event happened.
    public var timeZoneIdentifier: String
    /// Site or center code (collection center, manufacturing site, treatment center).
    public var site: String
    /// Identifier of the stored electronic signature, when the event is signed.
    public var signatureReference: String?
    public var details: CustodyEventDetails

    public init(_ details: CustodyEventDetails, by actor: CustodyActor, at instant: Date,
                timeZoneIdentifier: String, site: String, signatureReference: String? = nil) {
        self.details = details; self.actor = actor; self.instant = instant
        self.timeZoneIdentifier = timeZoneIdentifier; self.site = site
        self.signatureReference = signatureReference
    }

    public var kind: CustodyEventKind { details.kind }

    /// The calendar date at the site; nil when the time-zone identifier is unknown.
    public var localDate: CalendarDate? {
        TimeZone(identifier: timeZoneIdentifier).map { CalendarDate(instant, in: $0) }
    }
}

extension CustodyQADisposition {
    /// In words, for pages and custody summaries.
    public var displayName: String {
        switch self {
        case .released: "released by QA"
        case .rejected: "rejected by QA"
        case .exceptionalRelease: "exceptional release"
        }
    }
}
