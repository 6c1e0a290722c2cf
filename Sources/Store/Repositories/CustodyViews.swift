import CartographCore
import Foundation

/// One custody event as the trail shows it: what, who, when (UTC and the site's local time), where, and
/// the signature when the step was signed.
public struct CustodyEventView: Codable, Sendable, Hashable {
    public var sequence: Int
    public var kind: CustodyEventKind
    public var details: CustodyEventDetails
    /// One line for the timeline (`Shipped to manufacturing — courier WorldCourier, shipper SH-1`).
    public var summary: String
    public var actorID: UUID
    public var actorRole: Role
    public var instant: Date
    /// `2026-03-01 17:30` at the site.
    public var localTime: String
    public var timeZone: String
    public var site: String
    public var signature: SignatureView?
}

/// A deviation as lists and the QA queue show it.
public struct DeviationView: Codable, Sendable, Hashable {
    public var id: UUID
    public var therapyID: UUID
    public var bagID: UUID?
    public var number: Int
    public var kind: String
    public var summary: String
    public var openedBy: UUID
    public var openedAt: Date
    public var isOpen: Bool
    public var closedBy: UUID?
    public var closedAt: Date?
    public var closureReason: String?
    public var closureSignature: SignatureView?
}

/// A bag with its log replayed: where it is, in what condition, and every event.
public struct CustodyBagView: Codable, Sendable, Hashable {
    public var id: UUID
    public var therapyID: UUID
    public var kind: CustodyBagKind
    public var din: String
    /// The DIN's keyboard-entry check character (MOD 37-2).
    public var dinCheckCharacter: String
    public var chainOfIdentity: String
    public var phase: CustodyPhase
    public var thermalCondition: CustodyThermalCondition
    public var isQuarantined: Bool
    public var lot: String?
    public var qaDisposition: CustodyQADisposition?
    public var bedsideVerifiedAt: Date?
    /// The product's custody rules the log is checked against (limits for charts and forms).
    public var rules: CustodyRules
    public var events: [CustodyEventView]
    public var deviations: [DeviationView]
}

/// A therapy's whole chain of custody. Carries no patient identity (name, birth date, hospital
/// number) and no patient code: the manufacturing side reads it by chain-of-identity ID alone.
public struct CustodyTrail: Codable, Sendable, Hashable {
    public var therapyID: UUID
    public var chainOfIdentity: String?
    public var bags: [CustodyBagView]
    /// Deviations of the therapy, bag-bound and bedside ones, oldest first.
    public var deviations: [DeviationView]
}

enum CustodySummaryText {
    static func line(_ d: CustodyEventDetails) -> String {
        let name = d.kind.displayName
        switch d {
        case .packed(let condition): return "\(name) (\(condition.rawValue))"
        case let .shipped(courier, shipper), let .shippedToCenter(courier, shipper): return "\(name) — courier \(courier), shipper \(shipper)"
        case let .temperatureReading(celsius, logger):
            return "\(name): \(String(format: "%.1f", celsius)) °C (\(logger ? "data logger" : "manual reading"))"
        case .manufactured(let lot): return "\(name) — lot \(lot)"
        case .releaseResult(let r): return "\(name): \(r.displayName)"
        case .qaDisposition(let q): return "\(name): \(q.displayName)"
        case .stored(let location): return "\(name) at \(location)"
        case .bedsideVerified(let outcome): return "\(name): \(outcome.isMatch ? "match" : "mismatch")"
        case .discarded(let reason), .quarantined(let reason): return "\(name) — \(reason)"
        case let .quarantineReleased(id, reason): return "\(name) (deviation \(id)) — \(reason)"
        default: return name
        }
    }

    static func local(_ instant: Date, zone: String) -> String {
        let tz = TimeZone(identifier: zone) ?? .gmt
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
