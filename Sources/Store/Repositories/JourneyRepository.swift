import CartographCore
import Fluent
import Foundation

public enum JourneyRepository {
    /// The therapy's events in order.
    public static func events(of therapyID: UUID, on db: Database) async throws -> [JourneyEvent] {
        // Plain columns: every journey write replays the events before it, so no model per row.
        try await PatientStatuses.journeyEvents(of: [therapyID], on: plainSQL(db, for: "the journey"))[therapyID] ?? []
    }

    static func event(_ r: JourneyEventRecord) throws -> JourneyEvent {
        guard let kind = JourneyEventKind(rawValue: r.kind), let date = CalendarDate(r.date) else {
            throw StoreError.conflict("stored journey event \(r.sequence) is unreadable")
        }
        return JourneyEvent(kind, on: date, reason: r.reason)
    }

    /// Appends an event after checking it against the state machine, inside one transaction with its
    /// audit record; returns the new state. An event the machine refuses changes nothing.
    public static func record(_ event: JourneyEvent, therapyID: UUID, by actor: ActingUser, today: CalendarDate,
                              on db: Database) async throws -> JourneyState {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record journey events") }
        if event.kind == .collectionScheduled {
            if event.date > today.adding(days: 365) {
                throw StoreError.invalid([FieldError("date", "\(event.date) is more than a year ahead")])
            }
        } else if event.date > today {
            throw StoreError.invalid([FieldError("date", "\(event.date) is in the future; only a collection can be scheduled ahead")])
        }
        return try await retryingTransaction(on: db) { tx in
            try await append(event, therapyID: therapyID, by: actor, on: tx)
        }
    }

    /// The body of `record`, for callers already inside a transaction.
    static func append(_ event: JourneyEvent, therapyID: UUID, by actor: ActingUser, on tx: Database) async throws -> JourneyState {
        guard let therapy = try await Therapy.query(on: tx).filter(\.$id == therapyID)
            .filter(\.$centerID == actor.centerID).first() else { throw StoreError.notFound("therapy") }
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product \(therapy.productID)") }
        if event.kind == .infused, profile.requiresBedsideVerification {
            try await CustodyGate.requireBedsideVerification(therapyID: therapyID, on: tx)
        }
        let past = try await events(of: therapyID, on: tx)
        var state = try JourneyStateMachine.replay(past, profile: profile)
        do { try JourneyStateMachine.apply(event, to: &state, profile: profile) } catch {
            throw StoreError.invalid([error.fieldError])
        }
        try await JourneyEventRecord(therapyID: therapyID, sequence: past.count + 1, kind: event.kind.rawValue,
                                     date: event.date.description, reason: event.reason, recordedBy: actor.userID).create(on: tx)
        therapy.stage = state.stage.rawValue
        try await PatientStatuses.recordsChanged(therapyID: therapyID, stage: state.stage, on: tx)
        try await SlotRepository.journeyEventRecorded(event, state: state, therapy: therapy, by: actor, on: tx)
        try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "journey.\(event.kind.rawValue)",
                                    entity: "therapy", entityID: therapyID.uuidString, payload: event)
        return state
    }

    /// The chain of custody moves the journey in the same transaction, so the patient page never says
    /// "manufacturing in progress" for a lot QA has released: cells taken into manufacturing record
    /// "manufacturing started", QA's release records "released", an out-of-specification release
    /// result records "out of specification", and QA's exceptional release of that lot records
    /// "exceptional release". A journey already past that point (a coordinator recorded it first), or
    /// one the state machine would not move, is left as it is: custody is never blocked by it.
    static func productDecided(_ details: CustodyEventDetails, lot: String?, therapyID: UUID, on date: CalendarDate,
                               by actor: ActingUser, on tx: Database) async throws {
        let planned: (JourneyEventKind, JourneyStage, String)
        switch details {
        case .inManufacturing: planned = (.manufacturingStarted, .manufacturing, "cells taken into manufacturing")
        case .qaDisposition(.released): planned = (.released, .manufacturing, "QA released lot \(lot ?? "?")")
        case .releaseResult(.outOfSpecification): planned = (.outOfSpecification, .manufacturing, "release testing of lot \(lot ?? "?") out of specification")
        case .qaDisposition(.exceptionalRelease): planned = (.exceptionalRelease, .outOfSpecification, "QA exceptional release of lot \(lot ?? "?")")
        default: return
        }
        guard let therapy = try await Therapy.find(therapyID, on: tx), let profile = ProductCatalogue.profile(id: therapy.productID) else { return }
        let state = try JourneyStateMachine.replay(try await events(of: therapyID, on: tx), profile: profile)
        guard state.stage == planned.1 else { return }
        let event = JourneyEvent(planned.0, on: max(date, state.lastEventDate ?? date), reason: planned.2)
        var probe = state
        guard (try? JourneyStateMachine.apply(event, to: &probe, profile: profile)) != nil else { return }
        let journeyActor = ActingUser(userID: actor.userID, centerID: therapy.centerID, role: actor.role)
        _ = try await append(event, therapyID: therapyID, by: journeyActor, on: tx)
    }
}
