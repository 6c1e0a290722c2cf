import CartographCore
import Fluent
import Store
import Vapor

/// Pages of the chain of custody: the trail per therapy and QA's deviation queue with signing.
enum CustodyPageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("patients", ":patientID", "custody", use: trail)
        pages.post("patients", ":patientID", "bedside-check", use: bedsideCheck)
        pages.get("deviations", use: queue)
        pages.post("deviations", ":deviationID", "close", use: close)
        pages.get("bags", ":bagID", "certificate", use: certificate)
        pages.get("release-queue", use: releaseQueue)
        pages.get("slots", use: slots)
        pages.get("manufacturing", use: manufacturingBoard)
        pages.post("bags", ":bagID", "qa-disposition", use: decide)
    }

    @Sendable static func trail(_ req: Request) async throws -> Response {
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        let trail = try await CustodyRepository.trail(therapyID: try therapy.requireID(), for: actor, on: req.db)
        return PageRoutes.html(CustodyPage(viewer: try await PageRoutes.viewer(req), patientID: id.uuidString, trail: trail).render())
    }

    /// The nurse's bedside check from the custody page: a match redirects to the page with the signed
    /// event; a refusal (mismatch, wrong password) comes back on the page with each field's error (422).
    @Sendable static func bedsideCheck(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapyID = try await PatientRepository.therapy(ofPatient: id, on: req.db).requireID()
        do {
            let signer = try await CustodyAPI.signerName(req, password: form["password"], code: form["code"], meaning: .bedsideVerification)
            _ = try await BedsideRepository.check(
                BedsideScan(bagChainOfIdentity: form["bagChainOfIdentity"] ?? "", bagDIN: form["bagDIN"] ?? "",
                            wristbandChainOfIdentity: form["wristbandChainOfIdentity"] ?? ""),
                therapyID: therapyID, signerName: signer, by: actor, on: req.db)
            return req.redirect(to: "/patients/\(id)/custody")
        } catch StoreError.invalid(let errors) {
            let trail = try await CustodyRepository.trail(therapyID: therapyID, for: actor, on: req.db)
            var input = form.dictionary
            input["password"] = nil
            input["code"] = nil
            input[CSRF.field] = nil
            let page = CustodyPage(viewer: try await PageRoutes.viewer(req), patientID: id.uuidString, trail: trail,
                                   bedsideForm: FormState(input: input, errors: errors))
            return PageRoutes.html(page.render(), status: .unprocessableEntity)
        }
    }

    @Sendable static func queue(_ req: Request) async throws -> Response {
        let list = try await CustodyRepository.openDeviations(for: try req.actor, on: req.db)
        return PageRoutes.html(DeviationQueuePage(viewer: try await PageRoutes.viewer(req), deviations: list, zone: try await SafetyPageRoutes.zone(req)).render())
    }

    @Sendable static func close(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        guard let id = req.parameters.get("deviationID", as: UUID.self) else { throw StoreError.notFound("deviation") }
        let actor = try req.actor
        guard actor.role == .qa else { throw StoreError.forbidden(CustodyTransitionError.onlyQAClosesDeviations(role: actor.role).description) }
        do {
            let signer = try await CustodyAPI.signerName(req, password: form["password"], code: form["code"], meaning: .deviationClosure)
            _ = try await DeviationRepository.close(id, reason: form["reason"] ?? "", signerName: signer, by: actor, on: req.db)
            return req.redirect(to: "/deviations")
        } catch StoreError.invalid(let errors) {
            let list = try await CustodyRepository.openDeviations(for: actor, on: req.db)
            return PageRoutes.html(DeviationQueuePage(viewer: try await PageRoutes.viewer(req), deviations: list, errors: errors, zone: try await SafetyPageRoutes.zone(req)).render(),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable static func certificate(_ req: Request) async throws -> Response {
        let file = try await ReleaseRepository.file(try CustodyAPI.bagID(req), for: try req.actor, on: req.db)
        return PageRoutes.html(CertificateOfAnalysisPage(viewer: try await PageRoutes.viewer(req), file: file).render())
    }

    @Sendable static func releaseQueue(_ req: Request) async throws -> Response {
        let files = try await ReleaseRepository.queue(for: try req.actor, on: req.db)
        return PageRoutes.html(ReleaseQueuePage(viewer: try await PageRoutes.viewer(req), files: files).render())
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let actor = try req.actor
        guard actor.role == .qa else { throw StoreError.forbidden(tr("only Quality assurance decides on a lot")) }
        let bagID = try CustodyAPI.bagID(req)
        do {
            guard let disposition = CustodyQADisposition(rawValue: form["disposition"] ?? "") else {
                throw StoreError.invalid([FieldError("disposition", tr("choose a decision"))])
            }
            let signer = try await CustodyAPI.signerName(req, password: form["password"], code: form["code"], meaning: disposition.signatureMeaning)
            _ = try await ReleaseRepository.decide(disposition, bagID: bagID, signerName: signer, by: actor, on: req.db)
            return req.redirect(to: "/bags/\(bagID)/certificate")
        } catch StoreError.invalid(let errors) {
            let files = try await ReleaseRepository.queue(for: actor, on: req.db)
            return PageRoutes.html(ReleaseQueuePage(viewer: try await PageRoutes.viewer(req), files: files, errors: errors).render(),
                                   status: .unprocessableEntity)
        }
    }

    @Sendable static func slots(_ req: Request) async throws -> Response {
        let (from, weeks) = try await SlotAPI.window(req)
        let sites = try await SlotRepository.overview(from: from, weeks: weeks, for: try req.actor.centerID, on: req.db)
        return PageRoutes.html(SlotCalendarPage(viewer: try await PageRoutes.viewer(req), sites: sites).render())
    }

    @Sendable static func manufacturingBoard(_ req: Request) async throws -> Response {
        let board = try await ManufacturingBoard.load(for: try req.actor, today: try await req.today(), on: req.db)
        return PageRoutes.html(ManufacturingBoardPage(viewer: try await PageRoutes.viewer(req), board: board).render())
    }
}
