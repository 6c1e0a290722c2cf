import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Vapor

/// Long-term follow-up: a patient's visits, events and status, and the center's worklist.
enum FollowUpRoutes {
    static func register(_ api: RoutesBuilder) {
        api.get("follow-up", use: worklist)
        api.get("patients", ":patientID", "follow-up", use: patientFollowUp)
        api.post("patients", ":patientID", "follow-up", "visits", use: recordVisit)
        api.post("patients", ":patientID", "follow-up", "events", use: recordEvent)
    }

    /// A patient's follow-up: the tracker's status (nil before the infusion) and the stored records.
    struct PatientFollowUp: Content {
        var status: FollowUpPatientStatus?
        var visits: [StoredFollowUpVisit]
        var events: [StoredFollowUpEvent]
    }

    @Sendable static func worklist(_ req: Request) async throws -> [CenterFollowUpItem] {
        try await FollowUpRepository.worklist(for: try req.actor, today: try await req.today(), on: req.db)
    }

    @Sendable static func patientFollowUp(_ req: Request) async throws -> PatientFollowUp {
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let (visits, events) = try await FollowUpRepository.records(patientID: id, for: actor, on: req.db)
        return PatientFollowUp(status: try await FollowUpRepository.status(patientID: id, for: actor, today: try await req.today(), on: req.db),
                               visits: visits, events: events)
    }

    @Sendable static func recordVisit(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(FollowUpVisitInput.self, from: req)
        let stored = try await FollowUpRepository.recordVisit(
            FollowUpVisitEntry(date: input.date, contact: input.contact?.value ?? .clinic, note: input.note),
            patientID: try APIRoutes.patientID(req), by: try req.actor, today: try await req.today(), on: req.db)
        return try await stored.encodeResponse(status: .created, for: req)
    }

    @Sendable static func recordEvent(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(FollowUpEventInput.self, from: req)
        let stored = try await FollowUpRepository.recordEvent(try input.entry(), patientID: try APIRoutes.patientID(req),
                                                              by: try req.actor, today: try await req.today(), on: req.db)
        return try await stored.encodeResponse(status: .created, for: req)
    }
}

/// `POST /api/patients/:id/follow-up/visits`
struct FollowUpVisitInput: StrictInput {
    var date: CalendarDate
    var contact: Choice<FollowUpContact>?
    var note: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case date, contact, note }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.date]
}

/// `POST /api/patients/:id/follow-up/events`
struct FollowUpEventInput: StrictInput {
    var kind: Choice<FollowUpEventKind>
    var date: CalendarDate
    var timepoint: String?
    var deathCause: Choice<DeathCause>?
    var detail: String?
    var transgeneInTumour: Choice<TransgeneInTumour>?
    enum CodingKeys: String, CodingKey, CaseIterable { case kind, date, timepoint, deathCause, detail, transgeneInTumour }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.kind, .date]

    func entry() throws -> FollowUpEventEntry {
        var offset: FollowUpSchedule.Offset?
        if let timepoint {
            guard let t = FollowUpSchedule.Offset(code: timepoint) else {
                throw RequestBodyError(message: "the body has field errors",
                                       fields: [FieldError("timepoint", "\"\(timepoint)\" is not a timepoint such as D100 or M6")])
            }
            offset = t
        }
        return FollowUpEventEntry(kind: kind.value, date: date, timepoint: offset, deathCause: deathCause?.value, detail: detail,
                                  transgeneInTumour: transgeneInTumour?.value)
    }
}

extension StoredFollowUpVisit: Content {}
extension StoredFollowUpEvent: Content {}
extension CenterFollowUpItem: Content {}
