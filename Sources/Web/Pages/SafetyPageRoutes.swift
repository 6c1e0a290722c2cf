import CartographCore
import Clinical
import Fluent
import Store
import Vapor

/// Pages and form posts of Day 0–28 monitoring.
enum SafetyPageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("board", use: board)
        pages.get("patients", ":patientID", "assessments", "new", use: assessmentForm)
        pages.post("patients", ":patientID", "assessments", "new", use: assess)
        pages.post("patients", ":patientID", "interventions", use: intervene)
        pages.post("alerts", ":alertID", "acknowledge", use: acknowledge)
    }

    static func zone(_ req: Request) async throws -> TimeZone {
        try await Center.find(try req.user.$center.id, on: req.db)?.zone ?? .gmt
    }

    @Sendable static func board(_ req: Request) async throws -> Response {
        let board = try await MonitoringBoard.load(for: try req.actor, today: try await req.today(), on: req.db)
        return PageRoutes.html(BoardPage(viewer: try await PageRoutes.viewer(req), board: board, refreshing: req.query[String.self, at: "refresh"] == "on").render())
    }

    @Sendable static func assessmentForm(_ req: Request) async throws -> Response {
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        // The form only for those who may record, and only once there is something to monitor.
        guard actor.role.recordsJourney else {
            throw StoreError.forbidden(tr("the \(tr(source: actor.role.displayName)) role cannot record bedside assessments"))
        }
        _ = try await SafetyRepository.monitoredTherapy(try await PatientRepository.therapy(ofPatient: id, on: req.db).requireID(),
                                                        actor: actor, on: req.db)
        let page = AssessmentFormPage(viewer: try await PageRoutes.viewer(req), patientID: id.uuidString, patientCode: patient.code,
                                      input: FormBody(), errors: [], now: AssessmentForm.formatLocal(Date(), timeZone: try await zone(req)))
        return PageRoutes.html(page.render())
    }

    @Sendable static func assess(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        let tz = try await zone(req)
        do {
            let (observed, at) = try AssessmentForm.parse(form, timeZone: tz)
            _ = try await SafetyRepository.recordAssessment(observed, at: at, therapyID: try therapy.requireID(), by: actor, on: req.db)
            return req.redirect(to: "/patients/\(id)#safety")
        } catch let e as ValidationFailure {
            return formWithErrors(req, id: id, code: patient.code, form: form, errors: e.errors, viewer: try await PageRoutes.viewer(req), tz: tz)
        } catch StoreError.invalid(let errors) {
            return formWithErrors(req, id: id, code: patient.code, form: form, errors: errors, viewer: try await PageRoutes.viewer(req), tz: tz)
        }
    }

    static func formWithErrors(_ req: Request, id: UUID, code: String, form: FormBody, errors: [FieldError], viewer: Viewer, tz: TimeZone) -> Response {
        let page = AssessmentFormPage(viewer: viewer, patientID: id.uuidString, patientCode: code, input: form, errors: errors,
                                      now: AssessmentForm.formatLocal(Date(), timeZone: tz))
        return PageRoutes.html(page.render(), status: .unprocessableEntity)
    }

    @Sendable static func intervene(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        guard let kind = SafetyInterventionKind(rawValue: form["kind"] ?? "") else {
            throw StoreError.invalid([FieldError("kind", tr("choose an intervention"))])
        }
        let drug = (form["drug"] ?? "").isEmpty ? kind.displayName : form["drug"]!
        _ = try await SafetyRepository.recordIntervention(kind, drug: drug, dose: form["dose"].flatMap { $0.isEmpty ? nil : $0 },
                                                          at: Date(), therapyID: try therapy.requireID(), by: actor, on: req.db)
        return req.redirect(to: "/patients/\(id)#safety")
    }

    @Sendable static func acknowledge(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        guard let id = req.parameters.get("alertID", as: UUID.self) else { throw StoreError.notFound("alert") }
        _ = try await SafetyRepository.acknowledge(alertID: id, by: try req.actor, on: req.db)
        return req.redirect(to: PageRoutes.safeNext(form["back"]))
    }
}
