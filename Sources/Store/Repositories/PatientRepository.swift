import CartographCore
import Fluent
import Foundation

/// A patient's identity as shown to roles allowed to see it.
public struct IdentityView: Codable, Sendable, Hashable {
    public var givenName: String
    public var familyName: String
    public var dateOfBirth: String
    public var hospitalNumber: String
}

/// One row of a patient list. `identity` is nil for roles that never see identity.
public struct PatientSummary: Codable, Sendable, Hashable {
    public var id: UUID
    public var code: String
    public var sex: String
    public var enrolledOn: String
    public var productID: String
    public var stage: JourneyStage
    public var origin: String
    public var identity: IdentityView?
}

public enum PatientRepository {
    /// Enrols a patient: clinical record, identity (separate table), one therapy, and the audit record,
    /// all in one transaction. The patient code is the center code and the next number (`C01-0007`).
    ///
    /// A patient of the center with the same hospital number, or the same name and date of birth, is
    /// probably this one enrolled again: the enrolment is refused naming `duplicateReason` and the
    /// patients it matches, unless `duplicateReason` says why it is a different person (at least 10
    /// characters); the reason and the matches then go into the audit record.
    public static func enrol(_ enrolment: Enrolment, by actor: ActingUser, today: CalendarDate,
                             origin: String = "real", duplicateReason: String? = nil,
                             on db: Database) async throws -> (patient: Patient, therapy: Therapy) {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot enrol patients") }
        do { try enrolment.validate(today: today) } catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
        let reason = duplicateReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return try await retryingTransaction(on: db) { tx in
            guard let center = try await Center.find(actor.centerID, on: tx) else { throw StoreError.notFound("center") }
            let matches = try await possibleDuplicates(of: enrolment, center: actor.centerID, on: tx)
            if !matches.isEmpty && reason.count < 10 {
                let named = matches.map { "\($0.code) (\($0.why))" }.joined(separator: ", ")
                throw StoreError.invalid([FieldError("duplicateReason", "this may be a patient already enrolled: \(named). "
                    + "If it is a different person, say why (at least 10 characters) and enrol again")])
            }
            let count = try await Patient.query(on: tx).filter(\.$center.$id == actor.centerID).count()
            let patient = Patient(centerID: actor.centerID, code: String(format: "%@-%04d", center.code, count + 1),
                                  sex: enrolment.sex.rawValue, enrolledOn: enrolment.enrolledOn.description, origin: origin)
            try await patient.create(on: tx)
            let pid = try patient.requireID()
            try await PatientIdentity(patientID: pid, givenName: enrolment.givenName, familyName: enrolment.familyName,
                                      dateOfBirth: enrolment.dateOfBirth.description,
                                      hospitalNumber: enrolment.hospitalNumber).create(on: tx)
            let therapy = Therapy(patientID: pid, centerID: actor.centerID, productID: enrolment.productID,
                                  stage: JourneyStage.screening.rawValue)
            try await therapy.create(on: tx)
            // The audit payload carries no identity: the audit trail is read by QA.
            struct Payload: Encodable { let code: String; let productID: String; let enrolledOn: String; let origin: String }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "patient.enrolled",
                                        entity: "patient", entityID: pid.uuidString,
                                        payload: Payload(code: patient.code, productID: enrolment.productID,
                                                         enrolledOn: enrolment.enrolledOn.description, origin: origin))
            if !matches.isEmpty {
                struct Override: Encodable { let code: String; let matches: [String]; let reason: String }
                try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "patient.duplicateOverridden",
                                            entity: "patient", entityID: pid.uuidString,
                                            payload: Override(code: patient.code, matches: matches.map(\.code), reason: reason))
            }
            return (patient, therapy)
        }
    }

    /// Patients of the center whose identity matches: the same hospital number, or the same given
    /// name, family name and date of birth (case and surrounding spaces ignored).
    static func possibleDuplicates(of e: Enrolment, center: UUID, on db: Database) async throws -> [(code: String, why: String)] {
        let number = IdentityKeys.hospitalNumber(e.hospitalNumber)
        let person = IdentityKeys.person(given: e.givenName, family: e.familyName, dateOfBirth: e.dateOfBirth.description)
        // Two indexed lookups by the normalised keys, then the center.
        let rows = try await PatientIdentity.query(on: db)
            .join(Patient.self, on: \PatientIdentity.$patient.$id == \Patient.$id)
            .filter(Patient.self, \.$center.$id == center)
            .group(.or) { $0.filter(\.$hospitalNumberKey == number).filter(\.$personKey == person) }
            .all()
        var out: [(code: String, why: String)] = []
        for i in rows {
            let code = (try? i.joined(Patient.self).code) ?? "?"
            out.append((code, i.hospitalNumberKey == number ? "same hospital number" : "same name and date of birth"))
        }
        return out.sorted { $0.code < $1.code }
    }

    /// A patient of the user's center; any other patient is "not found", never "forbidden", so
    /// nothing leaks about other centers.
    public static func patient(_ id: UUID, for actor: ActingUser, on db: Database) async throws -> Patient {
        // A patient's or caregiver's account sees its own patient and no other, even within the center.
        if actor.role == .patient, actor.patientID != id { throw StoreError.notFound("patient") }
        guard let p = try await Patient.query(on: db).filter(\.$id == id).filter(\.$center.$id == actor.centerID).first() else {
            throw StoreError.notFound("patient")
        }
        return p
    }

    public static func therapy(ofPatient id: UUID, on db: Database) async throws -> Therapy {
        guard let t = try await Therapy.query(on: db).filter(\.$patient.$id == id).sort(\.$createdAt, .descending).first() else {
            throw StoreError.notFound("therapy")
        }
        return t
    }

    /// The identity, or nil when the role must not see it.
    public static func identity(ofPatient id: UUID, for actor: ActingUser, on db: Database) async throws -> IdentityView? {
        guard actor.role.seesIdentity else { return nil }
        return try await PatientIdentity.query(on: db).filter(\.$patient.$id == id).first().map(view)
    }

    static func view(_ i: PatientIdentity) -> IdentityView {
        IdentityView(givenName: i.givenName, familyName: i.familyName, dateOfBirth: i.dateOfBirth, hospitalNumber: i.hospitalNumber)
    }
}
