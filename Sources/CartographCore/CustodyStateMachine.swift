import Foundation

/// The custody log of one bag as an explicit state machine (rule set: ``CustodyRules``).
///
/// Apheresis bag: `collected` → (`packed`, `stored`) → `shipped` → `received` → (`stored`) →
/// `inManufacturing` (log ends). Final product: `manufactured` → `releaseResult`… → `qaDisposition` →
/// (`packed`, `stored`) → `shippedToCenter` → `receivedAtCenter` → `stored`, `dispensed`, `thawed`,
/// `bedsideVerified` in the order the ward works → `infused` (log ends). `temperatureReading`,
/// `quarantined` and `discarded` may come at any point of an open log; `discarded` ends it.
///
/// Checks, in order, so the first error is the most telling: log closed; event kind fits the bag;
/// role may record it (``CustodyEventKind/permittedRoles``); user, site and time zone given; instant
/// not before the previous event (same instant is fine); signature present where required
/// (``CustodyEventDetails/requiredSignatureMeaning``); quarantine; then the event's own rule.
///
/// Quarantine: a reading outside the limit for the bag's thermal condition, or a `quarantined`
/// event, opens a ``CustodyDeviation``. While one is open the bag accepts only QA's
/// `quarantineReleased` (which closes one deviation, with a reason), `discarded`, and two
/// observations that must never be refused: further temperature readings and further quarantines.
public enum CustodyStateMachine {
    /// Applies one event to `state` and returns the new state; `state` itself is not changed.
    /// - Throws: ``CustodyTransitionError`` naming the rule the event breaks.
    public static func apply(_ event: CustodyEvent, to state: CustodyBagState,
                             rules: CustodyRules) throws(CustodyTransitionError) -> CustodyBagState {
        let kind = event.kind
        if state.phase.isTerminal { throw .bagClosed(kind, closedBy: state.phase) }
        guard kind.bagKinds.contains(state.bag.kind) else { throw .wrongBagKind(kind, bag: state.bag.kind) }
        guard kind.permittedRoles.contains(event.actor.role) else { throw .roleNotPermitted(kind, role: event.actor.role) }
        try requireText(event.actor.userID, kind, "actor.userID")
        try requireText(event.site, kind, "site")
        guard TimeZone(identifier: event.timeZoneIdentifier) != nil else { throw .unknownTimeZone(event.timeZoneIdentifier) }
        if let previous = state.lastEventInstant, event.instant < previous {
            throw .eventBeforePreviousEvent(kind, instant: event.instant, previous: previous)
        }
        if let meaning = event.details.requiredSignatureMeaning, isBlank(event.signatureReference) {
            throw .signatureRequired(kind, meaning: meaning)
        }
        let observationsAndExits: Set<CustodyEventKind> = [.temperatureReading, .quarantined, .quarantineReleased, .discarded]
        if state.isQuarantined, !observationsAndExits.contains(kind) {
            throw .bagInQuarantine(kind, openDeviations: state.openDeviations.map(\.id))
        }
        if state.phase == .notStarted, kind != .collected, kind != .manufactured {
            throw .logNotStarted(kind, expectedFirst: state.bag.kind == .apheresis ? .collected : .manufactured)
        }

        var s = state
        try step(event, &s, rules)
        s.eventCount += 1
        s.lastEventInstant = event.instant
        s.currentSite = event.site
        return s
    }

    /// Replays a stored log from the start.
    public static func replay(_ events: [CustodyEvent], bag: CustodyBag,
                              rules: CustodyRules) throws(CustodyTransitionError) -> CustodyBagState {
        var state = CustodyBagState(bag: bag)
        for event in events { state = try apply(event, to: state, rules: rules) }
        return state
    }

    /// The event's own rule; `s` is a scratch copy.
    static func step(_ event: CustodyEvent, _ s: inout CustodyBagState,
                     _ rules: CustodyRules) throws(CustodyTransitionError) {
        let kind = event.kind
        switch event.details {
        case .collected:
            guard s.phase == .notStarted else { throw .notAllowed(kind, from: s.phase) }
            s.phase = .atCollectionSite
            s.thermalCondition = .fresh
        case .manufactured(let lot):
            guard s.phase == .notStarted else { throw .notAllowed(kind, from: s.phase) }
            try requireText(lot, kind, "details.lot")
            s.phase = .atManufacturingSite
            s.thermalCondition = .cryopreserved
            s.lot = lot
        case .packed(let condition):
            guard s.phase == .atCollectionSite || s.phase == .atManufacturingSite else { throw .notAllowed(kind, from: s.phase) }
            if condition == .thawed || s.thermalCondition == .thawed { throw .cannotPackThawed }
            if s.thermalCondition == .cryopreserved, condition == .fresh { throw .cannotRewarmCryopreserved }
            s.thermalCondition = condition
        case let .shipped(courier, shipperID), let .shippedToCenter(courier, shipperID):
            try requireText(courier, kind, "details.courier")
            try requireText(shipperID, kind, "details.shipperID")
            if kind == .shipped {
                guard s.phase == .atCollectionSite else { throw .notAllowed(kind, from: s.phase) }
                s.phase = .inTransitToManufacturing
            } else {
                guard s.phase == .atManufacturingSite else { throw .notAllowed(kind, from: s.phase) }
                guard s.isReleasedByQA else { throw .shippedBeforeQARelease(current: s.qaDisposition) }
                s.phase = .inTransitToCenter
            }
            s.dataLoggerReadingSinceShipment = false
            s.storageLocation = nil
        case let .temperatureReading(celsius, fromDataLogger):
            guard !celsius.isNaN else { throw .temperatureNotANumber }
            if fromDataLogger { s.dataLoggerReadingSinceShipment = true }
            if !rules.isWithinLimit(celsius, for: s.thermalCondition) {
                open(.temperatureExcursion(celsius: celsius, condition: s.thermalCondition,
                                           limit: rules.limitText(for: s.thermalCondition), fromDataLogger: fromDataLogger),
                     by: event, rules: rules, in: &s)
            }
        case .received, .receivedAtCenter:
            let from: CustodyPhase = kind == .received ? .inTransitToManufacturing : .inTransitToCenter
            guard s.phase == from else { throw .notAllowed(kind, from: s.phase) }
            if rules.receiptRequiresDataLoggerReading, !s.dataLoggerReadingSinceShipment {
                throw .receiptWithoutDataLoggerReading(kind)
            }
            if kind == .received {
                s.phase = .atManufacturingSite
            } else {
                s.phase = .atCenter
                s.receivedAtCenterAt = event.instant
            }
        case .stored(let location):
            try requireText(location, kind, "details.location")
            guard [.atCollectionSite, .atManufacturingSite, .atCenter].contains(s.phase) else { throw .notAllowed(kind, from: s.phase) }
            s.storageLocation = location
        case .inManufacturing:
            guard s.phase == .atManufacturingSite else { throw .notAllowed(kind, from: s.phase) }
            s.phase = .inManufacturing
        case .releaseResult(let disposition):
            guard s.phase == .atManufacturingSite else { throw .notAllowed(kind, from: s.phase) }
            if let done = s.qaDisposition { throw .lotAlreadyDispositioned(kind, done) }
            s.lastReleaseResult = disposition
        case .qaDisposition(let disposition):
            guard s.phase == .atManufacturingSite else { throw .notAllowed(kind, from: s.phase) }
            if let done = s.qaDisposition { throw .lotAlreadyDispositioned(kind, done) }
            switch disposition {
            case .released where s.lastReleaseResult != .conforming:
                throw .releaseRequiresConformingResult(last: s.lastReleaseResult)
            case .exceptionalRelease where s.lastReleaseResult != .outOfSpecification:
                throw .exceptionalReleaseRequiresOutOfSpecification(last: s.lastReleaseResult)
            default: break
            }
            s.qaDisposition = disposition
        case .dispensed:
            guard s.phase == .atCenter else { throw .notReceivedAtCenter(kind, phase: s.phase) }
            if let at = s.dispensedAt { throw .alreadyDispensed(at: at) }
            s.dispensedAt = event.instant
        case .thawed:
            if let at = s.thawedAt { throw .alreadyThawed(at: at) }
            guard s.phase == .atCenter else { throw .notReceivedAtCenter(kind, phase: s.phase) }
            s.thawedAt = event.instant
            s.thermalCondition = .thawed
        case .bedsideVerified(let outcome):
            guard s.phase == .atCenter else { throw .notReceivedAtCenter(kind, phase: s.phase) }
            if case .mismatch(let reasons) = outcome { throw .bedsideMismatch(reasons) }
            s.bedsideVerifiedAt = event.instant
        case .infused:
            guard s.phase == .atCenter else { throw .notReceivedAtCenter(kind, phase: s.phase) }
            guard s.bedsideVerifiedAt != nil else { throw .infusionWithoutBedsideVerification }
            guard s.thawedAt != nil else { throw .infusionBeforeThaw }
            s.phase = .infused
            s.infusedAt = event.instant
        case .discarded(let reason):
            guard !isBlank(reason) else { throw .reasonRequired(kind) }
            s.phase = .discarded
            s.discardReason = reason
        case .quarantined(let reason):
            guard !isBlank(reason) else { throw .reasonRequired(kind) }
            open(.manualQuarantine(reason: reason), by: event, rules: rules, in: &s)
        case let .quarantineReleased(id, reason):
            guard let index = s.deviations.firstIndex(where: { $0.id == id }) else { throw .deviationNotFound(id: id) }
            s.deviations[index] = try s.deviations[index].closed(by: event.actor, at: event.instant, reason: reason,
                                                                 signatureReference: event.signatureReference)
        }
    }

    static func open(_ cause: CustodyDeviation.Cause, by event: CustodyEvent, rules: CustodyRules,
                     in s: inout CustodyBagState) {
        s.deviations.append(CustodyDeviation(id: s.deviations.count + 1, cause: cause, openedBy: event.actor,
                                             openedAt: event.instant, openedByEventIndex: s.eventCount,
                                             rulesVersion: rules.version, closure: nil))
    }

    static func isBlank(_ text: String?) -> Bool {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    static func requireText(_ text: String, _ kind: CustodyEventKind, _ field: String) throws(CustodyTransitionError) {
        if isBlank(text) { throw .missingField(kind, field: field) }
    }
}
