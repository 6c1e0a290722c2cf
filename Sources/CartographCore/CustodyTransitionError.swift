import Foundation

/// Why an event cannot be added to a bag's custody log. Each case names the rule it breaks.
public enum CustodyTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The log ended with `closedBy` (infused, discarded, or taken into manufacturing).
    case bagClosed(CustodyEventKind, closedBy: CustodyPhase)
    case wrongBagKind(CustodyEventKind, bag: CustodyBagKind)
    case roleNotPermitted(CustodyEventKind, role: Role)
    case missingField(CustodyEventKind, field: String)
    case unknownTimeZone(String)
    case eventBeforePreviousEvent(CustodyEventKind, instant: Date, previous: Date)
    case signatureRequired(CustodyEventKind, meaning: SignatureMeaning)
    case reasonRequired(CustodyEventKind)
    /// The first event of an apheresis log is `collected`, of a final product log `manufactured`.
    case logNotStarted(CustodyEventKind, expectedFirst: CustodyEventKind)
    case notAllowed(CustodyEventKind, from: CustodyPhase)
    case bagInQuarantine(CustodyEventKind, openDeviations: [Int])
    case temperatureNotANumber
    case cannotRewarmCryopreserved
    case cannotPackThawed
    case receiptWithoutDataLoggerReading(CustodyEventKind)
    case lotAlreadyDispositioned(CustodyEventKind, CustodyQADisposition)
    case releaseRequiresConformingResult(last: ReleaseDisposition?)
    case exceptionalReleaseRequiresOutOfSpecification(last: ReleaseDisposition?)
    case shippedBeforeQARelease(current: CustodyQADisposition?)
    case notReceivedAtCenter(CustodyEventKind, phase: CustodyPhase)
    case alreadyThawed(at: Date)
    case alreadyDispensed(at: Date)
    case bedsideMismatch([BedsideVerificationField: String])
    case infusionWithoutBedsideVerification
    case infusionBeforeThaw
    case deviationNotFound(id: Int)
    case deviationAlreadyClosed(id: Int)
    case onlyQAClosesDeviations(role: Role)

    public var description: String {
        switch self {
        case let .bagClosed(kind, phase):
            return "\(kind.displayName) cannot be recorded: the bag's log is closed (\(phase.displayName))"
        case let .wrongBagKind(kind, bag):
            let kinds = kind.bagKinds.map(\.displayName).sorted().joined(separator: ", ")
            return "\(kind.displayName) does not apply to a bag of kind \(bag.displayName) (only: \(kinds))"
        case let .roleNotPermitted(kind, role):
            let allowed = kind.permittedRoles.map(\.displayName).sorted().joined(separator: ", ")
            return "\(role.displayName) may not record \(kind.displayName); allowed: \(allowed)"
        case let .missingField(kind, field):
            return "\(kind.displayName) needs \(field)"
        case let .unknownTimeZone(identifier):
            return "unknown time-zone identifier \"\(identifier)\" (expected an IANA name such as Asia/Shanghai)"
        case let .eventBeforePreviousEvent(kind, instant, previous):
            return "\(kind.displayName) at \(CustodyCanonicalJSON.timestamp(instant)) is before the previous event at \(CustodyCanonicalJSON.timestamp(previous))"
        case let .signatureRequired(kind, meaning):
            return "\(kind.displayName) needs an electronic signature with the meaning \"\(meaning.displayName)\""
        case let .reasonRequired(kind):
            return "\(kind.displayName) needs a reason"
        case let .logNotStarted(kind, first):
            return "\(kind.displayName) cannot be the first event of this bag's log; it starts with \(first.displayName)"
        case let .notAllowed(kind, phase):
            return "\(kind.displayName) is not possible while the bag is \(phase.displayName)"
        case let .bagInQuarantine(kind, ids):
            let list = ids.map(String.init).joined(separator: ", ")
            return "\(kind.displayName) is not possible: the bag is quarantined (open deviation \(list)); it may only be released from quarantine by QA or discarded"
        case .temperatureNotANumber:
            return "the temperature reading is not a number"
        case .cannotRewarmCryopreserved:
            return "a cryopreserved bag cannot be packed as fresh: frozen cells are only ever thawed for infusion"
        case .cannotPackThawed:
            return "a thawed bag cannot be packed for shipment"
        case let .receiptWithoutDataLoggerReading(kind):
            return "\(kind.displayName) needs a data-logger temperature reading recorded since the bag was shipped"
        case let .lotAlreadyDispositioned(kind, disposition):
            return "\(kind.displayName) is not possible: QA has already dispositioned the lot (\(disposition.rawValue))"
        case let .releaseRequiresConformingResult(last):
            return "QA release needs a conforming release result; the last result is \(last?.rawValue ?? "missing")"
        case let .exceptionalReleaseRequiresOutOfSpecification(last):
            return "exceptional release applies only to an out-of-specification lot; the last release result is \(last?.rawValue ?? "missing")"
        case let .shippedBeforeQARelease(current):
            return "the final product cannot be shipped before QA releases it (QA disposition: \(current?.rawValue ?? "none"))"
        case let .notReceivedAtCenter(kind, phase):
            return "\(kind.displayName) is not possible: the bag was never received at the treatment center (it is \(phase.displayName))"
        case let .alreadyThawed(at):
            return "the bag was already thawed at \(CustodyCanonicalJSON.timestamp(at)); a bag is thawed once"
        case let .alreadyDispensed(at):
            return "the bag was already dispensed at \(CustodyCanonicalJSON.timestamp(at))"
        case let .bedsideMismatch(reasons):
            let text = reasons.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue): \($0.value)" }
            return "bedside verification did not match; infusion is blocked (\(text.joined(separator: "; ")))"
        case .infusionWithoutBedsideVerification:
            return "the bag cannot be infused: it was never verified at the bedside"
        case .infusionBeforeThaw:
            return "the bag cannot be infused: it has not been thawed"
        case let .deviationNotFound(id):
            return "no deviation \(id) on this bag"
        case let .deviationAlreadyClosed(id):
            return "deviation \(id) is already closed"
        case let .onlyQAClosesDeviations(role):
            return "only Quality assurance may close a deviation, not \(role.displayName)"
        }
    }

    /// The same problem as a field error, for API and form answers.
    public var fieldError: FieldError {
        switch self {
        case .roleNotPermitted, .onlyQAClosesDeviations: FieldError("actor.role", description)
        case let .missingField(_, field): FieldError(field, description)
        case .unknownTimeZone: FieldError("timeZoneIdentifier", description)
        case .eventBeforePreviousEvent: FieldError("instant", description)
        case .signatureRequired: FieldError("signatureReference", description)
        case .reasonRequired: FieldError("details.reason", description)
        case .temperatureNotANumber: FieldError("details.celsius", description)
        case .deviationNotFound, .deviationAlreadyClosed: FieldError("details.deviationID", description)
        case .bedsideMismatch: FieldError("details.outcome", description)
        default: FieldError("kind", description)
        }
    }
}
