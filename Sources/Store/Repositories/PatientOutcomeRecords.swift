import CartographCore
import Clinical
import Fluent
import Foundation

/// What the outcome engines of one patient read (the journey's Day 0 and lymphodepletion, the results
/// as corrected, the corrections, the follow-up records), from one read of each table.
///
/// `revision` is the therapy's records revision read *before* the records, the key under which
/// derived results may be cached (`DerivedResultCache`).
public struct PatientOutcomeRecords: Sendable {
    public var patientID: UUID
    public var patientCode: String
    public var therapyID: UUID
    public var productID: String
    public var revision: Int
    public var journey: [JourneyEvent]
    /// Day 0; `nil` before the infusion.
    public var infusion: CalendarDate?
    public var firstLymphodepletion: CalendarDate?
    /// The current results (corrected ones replaced, withdrawn ones left out), oldest first, then by analyte.
    public var labs: [StoredLabResult]
    /// Every correction, in the order made.
    public var corrections: [StoredLabCorrection]
    public var visits: [StoredFollowUpVisit]
    public var events: [StoredFollowUpEvent]

    /// The therapy whose records these are, scoped to the acting user's center; read first so its
    /// revision is no newer than the records read after it.
    public struct Key: Sendable {
        public var patientID: UUID
        public var patientCode: String
        public var therapyID: UUID
        public var productID: String
        public var revision: Int
    }

    public static func key(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> Key {
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        return Key(patientID: patientID, patientCode: patient.code, therapyID: try therapy.requireID(),
                   productID: therapy.productID, revision: therapy.revision)
    }

    /// The records of `key`'s therapy: one read each of its journey, results, corrections, visits and
    /// follow-up events.
    public static func load(_ key: Key, on db: Database) async throws -> PatientOutcomeRecords {
        let journey = try await JourneyRepository.events(of: key.therapyID, on: db)
        let labs = try await LabRepository.records(ofTherapies: [key.therapyID], on: db)
        let (visits, events) = try await FollowUpRepository.records(ofTherapy: key.therapyID, on: db)
        return PatientOutcomeRecords(
            patientID: key.patientID, patientCode: key.patientCode, therapyID: key.therapyID, productID: key.productID,
            revision: key.revision, journey: journey,
            infusion: journey.first { $0.kind == .infused }?.date,
            firstLymphodepletion: journey.filter { $0.kind == .lymphodepletionDose }.map(\.date).min(),
            labs: try LabRepository.sortedResults(labs.current),
            corrections: try LabCorrectionRepository.history(labs.corrections, originals: labs.stored),
            visits: visits, events: events)
    }
}
