import Foundation

/// A deviation opened against a bag: a temperature excursion or a manual quarantine. While any
/// deviation is open the bag is quarantined; only QA closes one, and always with a reason.
public struct CustodyDeviation: Codable, Sendable, Hashable, Identifiable {
    public enum Cause: Codable, Sendable, Hashable {
        /// A reading outside the limit for the bag's thermal condition.
        case temperatureExcursion(celsius: Double, condition: CustodyThermalCondition, limit: String, fromDataLogger: Bool)
        /// Someone quarantined the bag by hand (damaged bag, broken seal, label problem, …).
        case manualQuarantine(reason: String)
    }

    public struct Closure: Codable, Sendable, Hashable {
        public var closedBy: CustodyActor
        public var closedAt: Date
        public var reason: String
        public var signatureReference: String?
    }

    /// Sequence number within the bag's log, from 1.
    public var id: Int
    public var cause: Cause
    public var openedBy: CustodyActor
    public var openedAt: Date
    /// Index (from 0) of the event that opened it in the bag's log.
    public var openedByEventIndex: Int
    /// The custody rule set in force when it was opened.
    public var rulesVersion: String
    public var closure: Closure?

    public var isOpen: Bool { closure == nil }

    /// One line for lists and audit: `Deviation 1: temperature −140 °C (data logger) above ≤ −150 °C`.
    public var summary: String {
        switch cause {
        case let .temperatureExcursion(celsius, condition, limit, logger):
            "Deviation \(id): \(condition.rawValue) bag at \(CustodyText.celsius(celsius)) (\(logger ? "data logger" : "manual reading")), limit \(limit)"
        case let .manualQuarantine(reason):
            "Deviation \(id): quarantined — \(reason)"
        }
    }

    /// Closes this deviation.
    ///
    /// Used by ``CustodyStateMachine`` for `quarantineReleased`, and directly by the lead to close the
    /// deviation of a bag that was discarded (its log is closed, the investigation is not).
    /// - Throws: ``CustodyTransitionError`` when the actor is not QA, the reason is blank, or the
    ///   deviation is already closed.
    public func closed(by actor: CustodyActor, at instant: Date, reason: String,
                       signatureReference: String?) throws(CustodyTransitionError) -> CustodyDeviation {
        guard actor.role == .qa else { throw .onlyQAClosesDeviations(role: actor.role) }
        guard closure == nil else { throw .deviationAlreadyClosed(id: id) }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .reasonRequired(.quarantineReleased) }
        var copy = self
        copy.closure = Closure(closedBy: actor, closedAt: instant, reason: trimmed, signatureReference: signatureReference)
        return copy
    }
}
