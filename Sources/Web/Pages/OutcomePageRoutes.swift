import CartographCore
import Clinical
import Fluent
import Store
import Vapor

/// Pages and forms for results and long-term follow-up. A refused form comes back on the patient page
/// with its errors beside the fields (422); a refused file comes back with its report.
enum OutcomePageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.post("patients", ":patientID", "labs", use: recordLab)
        pages.post("patients", ":patientID", "labs", "correction", use: correctLab)
        pages.post("patients", ":patientID", "follow-up", "visits", use: recordVisit)
        pages.post("patients", ":patientID", "follow-up", "events", use: recordEvent)
        pages.get("labs", "import", use: importForm)
        pages.on(.POST, "labs", "import", body: .collect(maxSize: "8mb"), use: importFile)
        pages.get("follow-up", use: worklist)
    }

    /// The patient page with this user's outcome sections; `adjust` puts a refused form's state in.
    static func patientPage(_ req: Request, id: UUID, status: HTTPStatus = .ok, accessErrors: [FieldError] = [],
                            adjust: (inout PatientOutcomeSections) -> Void = { _ in }) async throws -> Response {
        let actor = try req.actor
        let today = try await req.today()
        let file = try await PatientFile.load(patientID: id, for: actor, today: today, on: req.db)
        let viewer = try await PageRoutes.viewer(req)
        var outcomes = try await PatientOutcomeSections.load(patientID: id, for: actor, today: today, csrf: viewer.csrf, on: req.db)
        adjust(&outcomes)
        let safety = try await SafetyRepository.file(therapyID: file.therapyID, for: actor, today: today, on: req.db)
        var page = PatientPage(viewer: viewer, file: file, today: today, safety: safety, outcomes: outcomes)
        if actor.role.recordsJourney, file.origin == "real" {
            let center = try await Center.find(actor.centerID, on: req.db)
            page.access = PatientAccessSection(viewer: viewer, patientID: id,
                                               access: try await PatientAccess.access(ofPatient: id, for: actor, on: req.db),
                                               timeZone: center?.zone ?? .gmt, errors: accessErrors,
                                               selfChecks: try await SelfChecks.recent(therapyID: file.therapyID, on: req.db),
                                               physicians: try await TreatingPhysician.candidates(for: actor, on: req.db),
                                               treating: try await TreatingPhysician.current(ofPatient: id, for: actor, on: req.db))
        }
        return PageRoutes.html(page.render(), status: status)
    }

    /// Field errors renamed into a form's namespace (`date` → `visit.date`).
    static func prefixed(_ errors: [FieldError], _ prefix: String) -> [FieldError] {
        errors.map { FieldError(prefix + $0.field, $0.message) }
    }

    /// What a lab form post needs: the verified form, the patient (of the user's center), the user and today.
    static func labFormContext(_ req: Request) async throws
        -> (form: FormBody, id: UUID, actor: ActingUser, patient: Patient, today: CalendarDate)
    {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        return (form, id, actor, patient, try await req.today())
    }

    @Sendable static func recordLab(_ req: Request) async throws -> Response {
        let (form, id, actor, patient, today) = try await labFormContext(req)
        var cells = LabEntrySection.cells(form)
        cells[.patient] = patient.code
        let (result, problems) = LabImport.readEntry(cells, latestDate: today)
        do {
            guard let result else { throw StoreError.invalid(problems.map { FieldError("lab.\($0.column.rawValue)", $0.message) }) }
            _ = try await LabRepository.record([result], source: .form, by: actor, today: today, on: req.db)
            return req.redirect(to: "/patients/\(id)")
        } catch StoreError.invalid(let errors) {
            let named = errors.map { e in
                e.field.hasPrefix("results[0].") ? FieldError("lab." + e.field.dropFirst("results[0].".count), e.message) : e
            }
            return try await patientPage(req, id: id, status: .unprocessableEntity) { $0.labForm = FormState(input: form.dictionary, errors: named) }
        }
    }

    /// The correction form: the chosen current result, replaced by the form's value/date/unit or withdrawn.
    @Sendable static func correctLab(_ req: Request) async throws -> Response {
        let (form, id, actor, patient, today) = try await labFormContext(req)
        do {
            let labs = try await LabRepository.results(patientID: id, for: actor, on: req.db)
            guard let chosen = form["correction.result"].flatMap(UUID.init(uuidString:)),
                  let current = labs.first(where: { $0.id == chosen }) else {
                throw ValidationFailure([FieldError("correction.result", tr("choose one of the patient's results"))])
            }
            var replacement: LabResult?
            if form["correction.action"] != "withdraw" {
                var cells = LabCorrectionSection.cells(correcting: current, form: form)
                cells[.patient] = patient.code
                let (result, problems) = LabImport.readEntry(cells, latestDate: today)
                guard let result else {
                    throw ValidationFailure(problems.map { FieldError("correction.\($0.column.rawValue)", $0.message) })
                }
                replacement = result
            }
            do {
                _ = try await LabCorrectionRepository.correct(resultID: chosen, patientID: id, replacement: replacement,
                                                              reason: form["correction.reason"] ?? "", by: actor, today: today, on: req.db)
            } catch StoreError.invalid(let errors) {
                throw ValidationFailure(errors.map { e in
                    FieldError("correction." + (e.field.hasPrefix("replacement.") ? String(e.field.dropFirst("replacement.".count)) : e.field),
                               e.message)
                })
            }
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await patientPage(req, id: id, status: .unprocessableEntity) {
                $0.correctionForm = FormState(input: form.dictionary, errors: e.errors)
            }
        }
    }

    @Sendable static func recordVisit(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        do {
            var c = FieldErrorCollector()
            let date = CalendarDate(form["visit.date"] ?? "")
            if date == nil { c.add("visit.date", tr("enter a date (YYYY-MM-DD)")) }
            let contact = FollowUpContact(rawValue: form["visit.contact"] ?? "clinic")
            if contact == nil { c.add("visit.contact", tr("choose how the patient was reached")) }
            try c.throwIfAny()
            let note = form["visit.note"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: date!, contact: contact!, note: note), patientID: id,
                                                             by: try req.actor, today: try await req.today(), on: req.db)
            } catch StoreError.invalid(let errors) { throw ValidationFailure(prefixed(errors, "visit.")) }
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await patientPage(req, id: id, status: .unprocessableEntity) { $0.visitForm = FormState(input: form.dictionary, errors: e.errors) }
        }
    }

    @Sendable static func recordEvent(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        do {
            var c = FieldErrorCollector()
            func choice<E: RawRepresentable>(_ name: String, _: E.Type) -> E? where E.RawValue == String {
                guard let raw = form["event.\(name)"], !raw.isEmpty else { return nil }
                guard let v = E(rawValue: raw) else { c.add("event.\(name)", tr("unknown value \"\(raw)\"")); return nil }
                return v
            }
            let kind = choice("kind", FollowUpEventKind.self)
            if kind == nil, form["event.kind"]?.isEmpty ?? true { c.add("event.kind", tr("choose an event")) }
            let date = CalendarDate(form["event.date"] ?? "")
            if date == nil { c.add("event.date", tr("enter a date (YYYY-MM-DD)")) }
            var timepoint: FollowUpSchedule.Offset?
            if let raw = form["event.timepoint"], !raw.isEmpty {
                timepoint = FollowUpSchedule.Offset(code: raw)
                if timepoint == nil { c.add("event.timepoint", tr("\"\(raw)\" is not a timepoint such as D100 or M6")) }
            }
            let cause = choice("deathCause", DeathCause.self)
            let transgene = choice("transgeneInTumour", TransgeneInTumour.self)
            try c.throwIfAny()
            let entry = FollowUpEventEntry(kind: kind!, date: date!, timepoint: timepoint, deathCause: cause,
                                           detail: form["event.detail"].flatMap { $0.isEmpty ? nil : $0 }, transgeneInTumour: transgene)
            do {
                _ = try await FollowUpRepository.recordEvent(entry, patientID: id, by: try req.actor, today: try await req.today(), on: req.db)
            } catch StoreError.invalid(let errors) { throw ValidationFailure(prefixed(errors, "event.")) }
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await patientPage(req, id: id, status: .unprocessableEntity) { $0.eventForm = FormState(input: form.dictionary, errors: e.errors) }
        }
    }

    @Sendable static func importForm(_ req: Request) async throws -> Response {
        try PageRoutes.requireJourneyRecorder(req, to: "import laboratory results")
        return PageRoutes.html(LabImportPage(viewer: try await PageRoutes.viewer(req)).render())
    }

    /// The import form: a file (multipart) or pasted text, with the CSRF token in the same body.
    struct ImportForm: Content {
        var _csrf: String?
        var file: File?
        var csv: String?
    }

    @Sendable static func importFile(_ req: Request) async throws -> Response {
        let form: ImportForm
        try MultipartLimit.check(req)
        do { form = try req.content.decode(ImportForm.self) } catch {
            throw Abort(.badRequest, reason: tr("the import form could not be read; choose a file and try again"))
        }
        try CSRF.verify(req, submitted: form._csrf)
        let viewer = try await PageRoutes.viewer(req)
        var data = Data()
        var name: String?
        if let file = form.file, file.data.readableBytes > 0 {
            data = Data(buffer: file.data)
            name = file.filename
        } else if let text = form.csv, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            data = Data(text.utf8)
        }
        if data.isEmpty {
            let report = LabImportReport(dataRows: 0, problems: [LabImportProblem(row: 1, column: nil, message: tr("no file chosen and no text pasted"))])
            return PageRoutes.html(LabImportPage(viewer: viewer, report: report).render(), status: .unprocessableEntity)
        }
        switch try await LabRepository.importCSV(data, by: try req.actor, today: try await req.today(), on: req.db) {
        case let .imported(count, patients):
            return PageRoutes.html(LabImportPage(viewer: viewer, fileName: name, imported: (count, patients)).render())
        case let .rejected(report):
            return PageRoutes.html(LabImportPage(viewer: viewer, report: report, fileName: name).render(), status: .unprocessableEntity)
        }
    }

    @Sendable static func worklist(_ req: Request) async throws -> Response {
        let today = try await req.today()
        let items = try await FollowUpRepository.worklist(for: try req.actor, today: today, on: req.db)
        return PageRoutes.html(FollowUpWorklistPage(viewer: try await PageRoutes.viewer(req), today: today, items: items).render())
    }
}
