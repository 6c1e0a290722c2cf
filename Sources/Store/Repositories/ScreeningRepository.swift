import CartographCore
import Fluent
import Foundation

public enum ScreeningRepository {
    /// Saves a screening and the verdict the eligibility engine computes from it. When the verdict is
    /// decisive and the journey is waiting for one, the matching journey event is appended in the same
    /// transaction, so nobody types "eligible" by hand.
    ///
    /// The age is never typed: it is computed from the date of birth on the screening day
    /// (`Enrolment.age`). With `checkTypedAge` (forms and the API), an age given that differs is refused
    /// naming `ageYears`; generated courses have theirs replaced by the computed one.
    public static func save(_ input: ScreeningData, screenedOn: CalendarDate, therapyID: UUID, by actor: ActingUser,
                            today: CalendarDate, checkTypedAge: Bool = false, on db: Database) async throws -> EligibilityVerdict {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record screening") }
        do { try input.validate() } catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
        if screenedOn > today { throw StoreError.invalid([FieldError("screenedOn", "\(screenedOn) is in the future")]) }
        return try await retryingTransaction(on: db) { tx in
            var data = input
            guard let therapy = try await Therapy.query(on: tx).filter(\.$id == therapyID)
                .filter(\.$centerID == actor.centerID).first() else { throw StoreError.notFound("therapy") }
            guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
            if let identity = try await PatientIdentity.query(on: tx).filter(\.$patient.$id == therapy.$patient.id).first(),
               let born = CalendarDate(identity.dateOfBirth) {
                guard screenedOn > born else {
                    throw StoreError.invalid([FieldError("screenedOn", "\(screenedOn) is not after the date of birth \(born)")])
                }
                let age = Enrolment.age(born: born, on: screenedOn)
                if checkTypedAge, let typed = data.ageYears, typed != age {
                    throw StoreError.invalid([FieldError("ageYears", "\(typed) does not match the date of birth \(born): the patient is \(age) on "
                                                         + "\(screenedOn); leave the age empty, it is computed")])
                }
                data.ageYears = age
            }
            let verdict = EligibilityScreening.screen(data, against: profile)
            // The verdict and the pathway never disagree: before collection a decisive verdict moves the
            // journey (a not-eligible one ends it); after collection a not-eligible verdict is refused,
            // because ending the pathway then is a decision ("not infused", with its reason), not a form.
            let stage = try JourneyStateMachine.replay(try await JourneyRepository.events(of: therapyID, on: tx), profile: profile).stage
            let beforeCollection: Set<JourneyStage> = [.screening, .notEligible, .collection]
            if verdict.overall == .notEligible, !beforeCollection.contains(stage) {
                let reasons = verdict.criteria.filter { $0.status == .notMet }.map(\.reason).joined(separator: "; ")
                throw StoreError.conflict("the screening finds the patient not eligible (\(reasons)), but the therapy is at \(stage.displayName): "
                                          + "a screening cannot end the pathway after collection; record \"Not infused\" with the reason instead")
            }
            try await ScreeningRecord(therapyID: therapyID, screenedOn: screenedOn.description,
                                      data: try StoredJSON.text(data),
                                      overall: verdict.overall.rawValue,
                                      verdict: try StoredJSON.text(verdict),
                                      recordedBy: actor.userID).create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "screening.saved",
                                        entity: "therapy", entityID: therapyID.uuidString, payload: verdict)
            // The cohort report reads the latest screening's subgroups.
            try await PatientStatuses.recordsChanged(therapyID: therapyID, on: tx)
            if beforeCollection.contains(stage) {
                switch verdict.overall {
                case .eligible:
                    // Also while waiting for collection: a re-screening is recorded on the journey.
                    _ = try await JourneyRepository.append(JourneyEvent(.screenedEligible, on: screenedOn), therapyID: therapyID, by: actor, on: tx)
                case .notEligible:
                    let reasons = verdict.criteria.filter { $0.status == .notMet }.map(\.reason).joined(separator: "; ")
                    _ = try await JourneyRepository.append(JourneyEvent(.screenedNotEligible, on: screenedOn, reason: reasons),
                                                           therapyID: therapyID, by: actor, on: tx)
                case .incomplete:
                    break
                }
            }
            return verdict
        }
    }

    /// The latest screening of a therapy with its stored verdict.
    public static func latest(of therapyID: UUID, on db: Database) async throws -> (data: ScreeningData, verdict: EligibilityVerdict, on: String)? {
        guard let r = try await ScreeningRecord.query(on: db).filter(\.$therapy.$id == therapyID)
            .sort(\.$recordedAt, .descending).first() else { return nil }
        let d = JSONDecoder()
        return (try d.decode(ScreeningData.self, from: Data(r.data.utf8)), try d.decode(EligibilityVerdict.self, from: Data(r.verdict.utf8)), r.screenedOn)
    }
}
