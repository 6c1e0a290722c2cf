import CartographCore
import Clinical
import Fluent
import Store
import Vapor

/// `POST /api/patients/{id}/assessments`: what the nurse observed. Grades are computed, never sent.
struct AssessmentInput: StrictInput {
    struct Vasopressor: StrictNested {
        var drug: Choice<CRSVasopressor>
        var dose: Double
        var unit: Choice<SafetyVasopressorDoseUnit>
        enum CodingKeys: String, CodingKey, CaseIterable { case drug, dose, unit }
        typealias Keys = CodingKeys
    }
    struct ICE: StrictNested {
        var orientation: Int; var naming: Int; var followsCommands: Int; var writing: Int; var attention: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case orientation, naming, followsCommands, writing, attention }
        typealias Keys = CodingKeys
    }
    static let nested = ["vasopressors": Vasopressor.allowedKeys, "ice": ICE.allowedKeys]

    var assessedAt: Date?
    var temperatureC: Double?
    var systolicMmHg: Double?
    var diastolicMmHg: Double?
    var hypotension: Bool?
    var vasopressors: [Vasopressor]?
    var oxygenDevice: Choice<CRSOxygenDevice>?
    var oxygenFlowLitersPerMinute: Double?
    var feverAttributableToOtherCause: Bool?
    var deathDueToCRS: Bool?
    var ice: ICE?
    var consciousness: Choice<ICANSConsciousness>?
    var seizure: Choice<ICANSSeizure>?
    var deepFocalMotorWeakness: Bool?
    var cerebralEdema: Choice<ICANSCerebralEdema>?
    var posturing: Bool?
    var cranialNerveVIPalsy: Bool?
    var papilledema: Bool?
    var cushingsTriad: Bool?
    var neurologicFindingsAttributableToOtherCause: Bool?
    var deathDueToICANS: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case assessedAt, temperatureC, systolicMmHg, diastolicMmHg, hypotension, vasopressors, oxygenDevice, oxygenFlowLitersPerMinute,
             feverAttributableToOtherCause, deathDueToCRS, ice, consciousness, seizure, deepFocalMotorWeakness, cerebralEdema, posturing,
             cranialNerveVIPalsy, papilledema, cushingsTriad, neurologicFindingsAttributableToOtherCause, deathDueToICANS
    }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = []

    /// The observations; study day, time and interventions are filled in by the repository.
    var observations: SafetyAssessment {
        SafetyAssessment(
            studyDay: 0, recordedAt: assessedAt ?? Date(), temperatureC: temperatureC, systolicMmHg: systolicMmHg,
            diastolicMmHg: diastolicMmHg, hypotension: hypotension ?? false,
            vasopressors: (vasopressors ?? []).map { SafetyVasopressorDose(drug: $0.drug.value, dose: $0.dose, unit: $0.unit.value) },
            oxygenDevice: oxygenDevice?.value ?? .none, oxygenFlowLitersPerMinute: oxygenFlowLitersPerMinute,
            feverAttributableToOtherCause: feverAttributableToOtherCause ?? false, deathDueToCRS: deathDueToCRS ?? false,
            ice: ice.map { SafetyICEItems(orientation: $0.orientation, naming: $0.naming, followsCommands: $0.followsCommands,
                                          writing: $0.writing, attention: $0.attention) },
            consciousness: consciousness?.value ?? .awake, seizure: seizure?.value ?? ICANSSeizure.none,
            deepFocalMotorWeakness: deepFocalMotorWeakness ?? false, cerebralEdema: cerebralEdema?.value ?? ICANSCerebralEdema.none,
            posturing: posturing ?? false, cranialNerveVIPalsy: cranialNerveVIPalsy ?? false, papilledema: papilledema ?? false,
            cushingsTriad: cushingsTriad ?? false,
            neurologicFindingsAttributableToOtherCause: neurologicFindingsAttributableToOtherCause ?? false,
            deathDueToICANS: deathDueToICANS ?? false)
    }
}

/// `POST /api/patients/{id}/interventions`
struct InterventionInput: StrictInput {
    var kind: Choice<SafetyInterventionKind>
    var drug: String?
    var dose: String?
    var givenAt: Date?
    enum CodingKeys: String, CodingKey, CaseIterable { case kind, drug, dose, givenAt }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.kind]
}

extension SafetyFile: Content {}
extension MonitoringBoard: Content {}
extension GradedAssessmentView: Content {}
extension InterventionView: Content {}
extension AlertView: Content {}

enum SafetyAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("board", use: board)
        api.get("patients", ":patientID", "safety", use: safety)
        api.post("patients", ":patientID", "assessments", use: assess)
        api.post("patients", ":patientID", "interventions", use: intervene)
        api.post("alerts", ":alertID", "acknowledge", use: acknowledge)
    }

    struct AssessmentResult: Content {
        var assessment: GradedAssessmentView
        var alertsRaised: [AlertView]
    }

    static func therapyID(_ req: Request) async throws -> UUID {
        let id = try APIRoutes.patientID(req)
        _ = try await PatientRepository.patient(id, for: try req.actor, on: req.db)
        return try await PatientRepository.therapy(ofPatient: id, on: req.db).requireID()
    }

    @Sendable static func board(_ req: Request) async throws -> MonitoringBoard {
        try await MonitoringBoard.load(for: try req.actor, today: try await req.today(), on: req.db)
    }

    @Sendable static func safety(_ req: Request) async throws -> SafetyFile {
        try await SafetyRepository.file(therapyID: try await therapyID(req), for: try req.actor, today: try await req.today(), on: req.db)
    }

    @Sendable static func assess(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(AssessmentInput.self, from: req, dates: .iso8601)
        let (assessment, alerts) = try await SafetyRepository.recordAssessment(
            input.observations, at: input.assessedAt ?? Date(), therapyID: try await therapyID(req), by: try req.actor, on: req.db)
        return try await AssessmentResult(assessment: assessment, alertsRaised: alerts).encodeResponse(status: .created, for: req)
    }

    @Sendable static func intervene(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(InterventionInput.self, from: req, dates: .iso8601)
        let view = try await SafetyRepository.recordIntervention(
            input.kind.value, drug: input.drug ?? input.kind.value.displayName, dose: input.dose, at: input.givenAt ?? Date(),
            therapyID: try await therapyID(req), by: try req.actor, on: req.db)
        return try await view.encodeResponse(status: .created, for: req)
    }

    @Sendable static func acknowledge(_ req: Request) async throws -> AlertView {
        guard let id = req.parameters.get("alertID", as: UUID.self) else { throw StoreError.notFound("alert") }
        return try await SafetyRepository.acknowledge(alertID: id, by: try req.actor, on: req.db)
    }
}
