import CartographCore
import Fluent
import Foundation

/// Everything the patient page and `GET /api/patients/:id` show, gathered in one place.
public struct PatientFile: Codable, Sendable {
    public var id: UUID
    public var code: String
    public var sex: String
    public var enrolledOn: String
    public var origin: String
    public var identity: IdentityView?
    public var therapyID: UUID
    public var product: ProductProfile
    public var stage: JourneyStage
    public var events: [JourneyEvent]
    public var plan: JourneyPlan
    public var allowedEvents: [JourneyEventKind]
    public var screening: ScreeningData?
    public var eligibility: EligibilityVerdict?
    public var screenedOn: String?
    public var dose: DoseCalculation?
    public var infusionDate: CalendarDate?
    /// Today's study day (Day 0 = infusion), when infused.
    public var studyDay: Int?

    public static func load(patientID: UUID, for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> PatientFile {
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        let tid = try therapy.requireID()
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
        let events = try await JourneyRepository.events(of: tid, on: db)
        let state = try JourneyStateMachine.replay(events, profile: profile)
        let screening = try await ScreeningRepository.latest(of: tid, on: db)
        return PatientFile(
            id: patientID, code: patient.code, sex: patient.sex, enrolledOn: patient.enrolledOn, origin: patient.origin,
            identity: try await PatientRepository.identity(ofPatient: patientID, for: actor, on: db),
            therapyID: tid, product: profile, stage: state.stage(asOf: today, profile: profile), events: events,
            plan: JourneyPlanning.plan(state, profile: profile, today: today),
            allowedEvents: JourneyStateMachine.allowedEvents(after: state, profile: profile)
                .filter { $0 != .screenedEligible && $0 != .screenedNotEligible },
            screening: screening?.data, eligibility: screening?.verdict, screenedOn: screening?.on,
            dose: try await DoseRepository.latest(of: tid, on: db),
            infusionDate: state.infusionDate,
            studyDay: state.infusionDate.map { CartographCore.studyDay(of: today, infusion: $0) })
    }
}
