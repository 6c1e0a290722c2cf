import CartographCore
import Fluent
import Foundation

/// Who is responsible for a patient's course of therapy: one of the center's active physician
/// accounts, named by a clinical role and printed on the patient's wallet card, so that a doctor
/// elsewhere knows whom to call. Naming, changing and clearing are audited.
public enum TreatingPhysician {
    public struct Choice: Sendable, Equatable, Codable {
        public var id: UUID
        public var name: String
        public init(id: UUID, name: String) { self.id = id; self.name = name }
    }

    /// The center's active physician accounts, by name.
    public static func candidates(for actor: ActingUser, on db: Database) async throws -> [Choice] {
        try await User.query(on: db)
            .filter(\.$center.$id == actor.centerID)
            .filter(\.$roleName == Role.physician.rawValue)
            .filter(\.$deactivatedAt == nil)
            .sort(\.$displayName)
            .all()
            .map { Choice(id: try $0.requireID(), name: $0.displayName) }
    }

    /// The named physician of the patient's current therapy, if any (also for the patient's own account).
    public static func current(ofPatient patientID: UUID, for actor: ActingUser, on db: Database) async throws -> Choice? {
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        guard let id = therapy.treatingPhysicianID, let user = try await User.find(id, on: db) else { return nil }
        return Choice(id: id, name: user.displayName)
    }

    /// Names (or, with nil, clears) the treating physician. Only roles that record the journey may; the
    /// physician must be an active physician account of the same center.
    public static func set(patientID: UUID, physicianID: UUID?, by actor: ActingUser, on db: Database) async throws {
        guard actor.role.recordsJourney else {
            throw StoreError.forbidden("the \(actor.role.displayName) role cannot name the treating physician")
        }
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        if let physicianID {
            let user = try await User.find(physicianID, on: db)
            guard let user, user.$center.id == actor.centerID, user.role == .physician, user.isActive else {
                throw StoreError.invalid([FieldError("physicianID", "choose an active physician of this center")])
            }
        }
        try await db.transaction { tx in
            let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: tx)
            let old = therapy.treatingPhysicianID
            guard old != physicianID else { return }
            therapy.treatingPhysicianID = physicianID
            try await therapy.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "therapy.treatingPhysicianSet",
                                        entity: "therapy", entityID: try therapy.requireID().uuidString,
                                        payload: ["from": old?.uuidString ?? "", "to": physicianID?.uuidString ?? ""])
        }
    }
}
