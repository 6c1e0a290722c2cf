import CartographCore
import Fluent
import Store
import Vapor

/// Patient and caregiver accounts: the code a center issues (page and API), the page that opens an
/// account with it, and the patient's own pages under `/me`.
enum PatientAccessRoutes {
    static let activatePath = "/activate"

    static func register(public open: RoutesBuilder, pages: RoutesBuilder, api: RoutesBuilder) {
        open.get("activate", use: activationForm)
        open.post("activate", use: activate)
        pages.get("me", use: myJourney)
        pages.get("me", "check", use: selfCheckForm)
        pages.get("me", "card", use: myCard)
        pages.get("me", "card.png", use: myCardImage)
        pages.get("patients", ":patientID", "wallet-card", use: staffCard)
        pages.get("patients", ":patientID", "wallet-card.png", use: staffCardImage)
        // Room for a handwriting photo (at most 5 MB) and the form around it.
        pages.on(.POST, "me", "check", body: .collect(maxSize: "6mb"), use: selfCheck)
        pages.get("patients", ":patientID", "self-checks", ":selfCheckID", "photo", use: photo)
        pages.post("admin", "emergency-phone", use: emergencyPhoneFromPage)
        api.post("admin", "emergency-phone", use: emergencyPhoneFromAPI)
        pages.post("admin", "stay-within", use: stayWithinFromPage)
        api.post("admin", "stay-within", use: stayWithinFromAPI)
        pages.post("patients", ":patientID", "activation-codes", use: issueFromPage)
        api.post("patients", ":patientID", "activation-codes", use: issueFromAPI)
    }

    // MARK: - Issuing (staff)

    struct CodeRequest: StrictInput {
        var holder: Choice<PatientAccess.Holder>
        var holderName: String
        enum CodingKeys: String, CodingKey, CaseIterable { case holder, holderName }
        typealias Field = CodingKeys
        static let required: [CodingKeys] = [.holder, .holderName]
    }

    @Sendable static func issueFromAPI(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(CodeRequest.self, from: req)
        let issued = try await PatientAccess.issue(patientID: try APIRoutes.patientID(req), holder: input.holder.value,
                                                   holderName: input.holderName, by: try req.actor, on: req.db)
        // The code is the credential: a retry with the same Idempotency-Key must not read it back.
        req.storage[CarriesOneTimeSecret.self] = true
        return try await issued.encodeResponse(status: .created, for: req)
    }

    @Sendable static func issueFromPage(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let issued: PatientAccess.IssuedCode
        do {
            guard let holder = PatientAccess.Holder(rawValue: form["holder"] ?? "") else {
                throw StoreError.invalid([FieldError("holder", "choose the patient or a caregiver")])
            }
            issued = try await PatientAccess.issue(patientID: id, holder: holder, holderName: form["holderName"] ?? "",
                                                   by: try req.actor, on: req.db)
        } catch StoreError.invalid(let errors) {
            // Back to the patient page, the problem beside the field.
            return try await OutcomePageRoutes.patientPage(req, id: id, status: .unprocessableEntity, accessErrors: errors)
        }
        let center = try await Center.find(try req.actor.centerID, on: req.db)
        let sheet = ActivationCodeSheet(viewer: try await PageRoutes.viewer(req), patientID: id, issued: issued,
                                        activateURL: (req.application.settings.publicURL ?? "") + activatePath,
                                        timeZone: center?.zone ?? .gmt)
        return PageRoutes.html(sheet.render(), status: .created)
    }

    // MARK: - Activating (the holder, not signed in)

    @Sendable static func activationForm(_ req: Request) async throws -> Response {
        let (csrf, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies, path: activatePath)
        let response = PageRoutes.html(ActivationPage(csrf: csrf).render())
        response.cookies[CSRF.signInCookie] = cookie
        return response
    }

    @Sendable static func activate(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verifySignIn(req, submitted: form[CSRF.field])
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["newPassword"] ?? ""
        let code = form["code"] ?? ""
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        func refused(_ errors: [FieldError], status: HTTPStatus = .unprocessableEntity) -> Response {
            let (csrf, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies, path: activatePath)
            let page = ActivationPage(csrf: csrf, input: ["code": String(code.prefix(40)), "email": String(email.prefix(254))], errors: errors)
            let response = PageRoutes.html(page.render(), status: status)
            response.cookies[CSRF.signInCookie] = cookie
            return response
        }
        if let wait = try await SignInThrottle.activationRefusal(address: address, on: req.db) {
            return refused([FieldError("code", wait)], status: .tooManyRequests)
        }
        // The cheap checks first: the code and the e-mail are looked up before any password is hashed,
        // and each refusal of either counts against the address.
        var problems = PasswordPolicy.problems(password, email: email, field: "newPassword")
        if password != form["confirmation"] { problems.append(FieldError("confirmation", "does not repeat the password")) }
        if let problem = AccountAdministration.emailProblem(email) { problems.append(FieldError("email", problem)) }
        guard try await PatientAccess.usable(code: code, on: req.db) else {
            try await SignInThrottle.activationFailed(address: address, on: req.db)
            return refused([FieldError("code", PatientAccess.codeRefused)] + problems)
        }
        if !problems.isEmpty { return refused(problems) }
        do {
            let user = try await PatientAccess.activate(code: code, email: email,
                                                        passwordHash: try await req.password.async.hash(PasswordPolicy.material(password)),
                                                        on: req.db)
            try await req.renewSession()
            req.auth.login(user)
            req.session.authenticate(user)
            let response = req.redirect(to: "/me")
            response.cookies[CSRF.signInCookie] = CSRF.expiredSignInCookie(path: activatePath)
            return response
        } catch StoreError.invalid(let errors) {
            try await SignInThrottle.activationFailed(address: address, on: req.db)
            return refused(errors)
        }
    }

    // MARK: - The patient's own pages

    @Sendable static func myJourney(_ req: Request) async throws -> Response {
        try await journeyPage(req, notice: req.query[String.self, at: "sent"] == "1"
                              ? tr("Sent to your care team. If you feel worse, call the center now.") : nil)
    }

    static func journeyPage(_ req: Request, notice: String? = nil) async throws -> Response {
        let user = try req.user
        let actor = try req.actor
        guard user.role == .patient, let patientID = user.patientID else {
            throw Abort(.notFound, reason: "these pages belong to patient and caregiver accounts")
        }
        let today = try await req.today()
        let file = try await PatientFile.load(patientID: patientID, for: actor, today: today, on: req.db)
        let center = try await Center.find(actor.centerID, on: req.db)
        try await PatientAccess.recordView("journey", by: actor, on: req.db)
        let page = MyJourneyPage(viewer: try await PageRoutes.viewer(req), givenName: file.identity?.givenName ?? "",
                                 isCaregiver: user.relationship == PatientAccess.Holder.caregiver.rawValue, file: file, today: today,
                                 emergencyPhone: center?.emergencyPhone, stayWithinKilometres: center?.stayWithinKilometres,
                                 inMonitoringWindow: SelfChecks.isOpen(onStudyDay: file.studyDay, profile: file.product), notice: notice)
        return PageRoutes.html(page.render())
    }

    static func selfCheckPage(_ req: Request, input: [String: String] = [:], errors: [FieldError] = [],
                              status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor
        guard actor.role == .patient else { throw Abort(.notFound) }
        let today = try await req.today()
        let center = try await Center.find(actor.centerID, on: req.db)
        let window = try await SelfChecks.window(for: actor, today: today, on: req.db)
        let zone = center?.zone ?? .gmt
        let page = SelfCheckPage(viewer: try await PageRoutes.viewer(req),
                                 studyDay: window.map { studyDay(of: today, infusion: $0.infusion) },
                                 lastDay: window?.lastDay ?? ProductCatalogue.default.windows.monitoringEndDay,
                                 emergencyPhone: center?.emergencyPhone,
                                 now: AssessmentForm.formatLocal(Date(), timeZone: zone), input: input, errors: errors)
        return PageRoutes.html(page.render(), status: status)
    }

    @Sendable static func selfCheckForm(_ req: Request) async throws -> Response {
        try await PatientAccess.recordView("selfCheck", by: try req.actor, on: req.db)
        return try await selfCheckPage(req)
    }

    /// The self-check form as sent with a photo (`multipart/form-data`).
    struct SelfCheckUpload: Content {
        var _csrf: String?
        var recordedAt: String?
        var temperatureC: String?
        var note: String?
        var chills: String?
        var dizziness: String?
        var shortOfBreath: String?
        var confusion: String?
        var troubleSpeakingOrWriting: String?
        var handwriting: File?
    }

    @Sendable static func selfCheck(_ req: Request) async throws -> Response {
        // The page sends multipart (for the photo); a plain form post is read the same way.
        var form = FormBody(req)
        var photoData: Data?
        if req.headers.contentType?.type == "multipart" {
            try MultipartLimit.check(req)
            let upload: SelfCheckUpload
            do { upload = try req.content.decode(SelfCheckUpload.self) } catch {
                throw Abort(.badRequest, reason: tr("the self-check form could not be read; try again"))
            }
            form = FormBody(pairs: [("_csrf", upload._csrf), ("recordedAt", upload.recordedAt), ("temperatureC", upload.temperatureC),
                                    ("note", upload.note), ("chills", upload.chills), ("dizziness", upload.dizziness),
                                    ("shortOfBreath", upload.shortOfBreath), ("confusion", upload.confusion),
                                    ("troubleSpeakingOrWriting", upload.troubleSpeakingOrWriting)]
                .compactMap { name, value in value.map { (name, $0) } })
            // A file input left empty arrives as a part with no bytes.
            if let file = upload.handwriting, file.data.readableBytes > 0 { photoData = Data(buffer: file.data) }
        }
        try CSRF.verify(req, submitted: form[CSRF.field])
        let actor = try req.actor
        let center = try await Center.find(actor.centerID, on: req.db)
        var input: [String: String] = [:]
        for key in ["recordedAt", "temperatureC", "note"] + SelfCheckPage.symptoms.map(\.name) { input[key] = form[key] }
        var c = FieldErrorCollector()
        let at = AssessmentForm.parseLocal((form["recordedAt"] ?? "").trimmingCharacters(in: .whitespaces), timeZone: center?.zone ?? .gmt)
        c.require(at != nil, "recordedAt", "give the date and time as YYYY-MM-DDTHH:MM")
        var temperature: Double?
        let rawTemperature = (form["temperatureC"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if !rawTemperature.isEmpty {
            temperature = Double(rawTemperature)
            c.require(temperature != nil && temperature!.isFinite, "temperatureC", "type a number, for example 37.4")
        }
        var photo: HandwritingPhoto?
        if let photoData {
            do { photo = try HandwritingPhoto(reading: photoData) } catch let problem as HandwritingPhoto.Problem {
                c.add("handwriting", problem.description)
            }
        }
        do {
            try c.throwIfAny()
            func on(_ name: String) -> Bool { form[name] == "true" }
            // A box is ticked ("true") or absent; anything else is not taken as "no" on a safety form.
            let unreadable = SelfCheckPage.symptoms.map(\.name).filter { form[$0] != nil && form[$0] != "true" }
            if !unreadable.isEmpty { throw ValidationFailure(unreadable.map { FieldError($0, "tick the box or leave it empty") }) }
            let entry = SelfCheckEntry(recordedAt: at!, temperatureC: temperature, chills: on("chills"), dizziness: on("dizziness"),
                                       shortOfBreath: on("shortOfBreath"), confusion: on("confusion"),
                                       troubleSpeakingOrWriting: on("troubleSpeakingOrWriting"), note: form["note"])
            _ = try await SelfChecks.record(entry, photo: photo, by: actor, today: try await req.today(), on: req.db)
        } catch let failure as ValidationFailure {
            return try await selfCheckPage(req, input: input, errors: failure.errors, status: .unprocessableEntity)
        } catch StoreError.invalid(let errors) {
            return try await selfCheckPage(req, input: input, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: "/me?sent=1")
    }

    /// A handwriting photo, for staff who see the patient's identity (audited). Served as stored (JPEG or
    /// PNG, checked and stripped of metadata when it arrived), never cached.
    @Sendable static func photo(_ req: Request) async throws -> Response {
        guard let checkID = req.parameters.get("selfCheckID", as: UUID.self) else { throw Abort(.notFound) }
        let stored = try await SelfChecks.photo(selfCheckID: checkID, patientID: try APIRoutes.patientID(req), for: try req.actor, on: req.db)
        return Response(status: .ok, headers: ["Content-Type": stored.contentType, "Cache-Control": "no-store",
                                                "Content-Disposition": "inline"], body: .init(data: stored.bytes))
    }

    // MARK: - The wallet card

    static func cardPage(_ req: Request, patientID: UUID, back: String, image: String) async throws -> WalletCardPage {
        let actor = try req.actor
        let file = try await PatientFile.load(patientID: patientID, for: actor, today: try await req.today(), on: req.db)
        let center = try await Center.find(actor.centerID, on: req.db)
        let name = file.identity.map { "\($0.givenName) \($0.familyName)" } ?? file.code
        return WalletCardPage(viewer: try await PageRoutes.viewer(req), patientName: name, product: file.product,
                              infusionDate: file.infusionDate, centerName: center?.name ?? "", emergencyPhone: center?.emergencyPhone,
                              physicianName: try await TreatingPhysician.current(ofPatient: patientID, for: actor, on: req.db)?.name, back: back,
                              imageLink: req.application.settings.chromium == nil || file.infusionDate == nil ? nil : image)
    }

    /// The card as a PNG (`WalletCardImage`), or 404 when this server has no Chromium to draw it.
    static func cardImage(_ req: Request, _ page: WalletCardPage) async throws -> Response {
        guard let chromium = req.application.settings.chromium, let html = page.standalone() else {
            throw Abort(.notFound, reason: tr("the card is not available as a picture here; print it or keep the page"))
        }
        let png = try await WalletCardImage.shared.png(html: html, chromium: chromium)
        return Response(status: .ok, headers: ["Content-Type": "image/png", "Cache-Control": "no-store",
                                                "Content-Disposition": "inline; filename=\"wallet-card.png\""], body: .init(data: png))
    }

    static func ownPatient(_ req: Request) throws -> UUID {
        let actor = try req.actor
        guard actor.role == .patient, let patientID = actor.patientID else { throw Abort(.notFound) }
        return patientID
    }

    /// The card names the patient: the staff roles that see identity print it.
    static func staffPatient(_ req: Request) throws -> UUID {
        let actor = try req.actor
        guard actor.role.seesIdentity, actor.role.isStaff else {
            throw StoreError.forbidden("the \(actor.role.displayName) role does not see patients' names")
        }
        return try APIRoutes.patientID(req)
    }

    @Sendable static func myCard(_ req: Request) async throws -> Response {
        let id = try ownPatient(req)
        try await PatientAccess.recordView("walletCard", by: try req.actor, on: req.db)
        return PageRoutes.html(try await cardPage(req, patientID: id, back: "/me", image: "/me/card.png").render())
    }

    @Sendable static func myCardImage(_ req: Request) async throws -> Response {
        let id = try ownPatient(req)
        try await PatientAccess.recordView("walletCardImage", by: try req.actor, on: req.db)
        return try await cardImage(req, try await cardPage(req, patientID: id, back: "/me", image: ""))
    }

    @Sendable static func staffCard(_ req: Request) async throws -> Response {
        let id = try staffPatient(req)
        return PageRoutes.html(try await cardPage(req, patientID: id, back: "/patients/\(id)", image: "/patients/\(id)/wallet-card.png").render())
    }

    @Sendable static func staffCardImage(_ req: Request) async throws -> Response {
        let id = try staffPatient(req)
        return try await cardImage(req, try await cardPage(req, patientID: id, back: "", image: ""))
    }

    // MARK: - The center's 24-hour number (administrators)

    struct PhoneInput: StrictInput {
        var phone: String
        enum CodingKeys: String, CodingKey, CaseIterable { case phone }
        typealias Field = CodingKeys
        static let required: [CodingKeys] = [.phone]
    }

    @Sendable static func emergencyPhoneFromAPI(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(PhoneInput.self, from: req)
        try await CenterSettings.setEmergencyPhone(input.phone, by: try req.actor, on: req.db)
        return Response(status: .noContent)
    }

    @Sendable static func emergencyPhoneFromPage(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        do {
            try await CenterSettings.setEmergencyPhone(form["phone"] ?? "", by: try req.actor, on: req.db)
        } catch StoreError.invalid(let errors) {
            return try await AdminUserPageRoutes.page(req, status: .unprocessableEntity, errors: errors)
        }
        return try await AdminUserPageRoutes.page(req, notice: tr("The center's 24-hour number is saved; patients see it on every page of theirs."))
    }

    struct StayWithinInput: StrictInput {
        /// Whole kilometres; null (or absent) clears the setting.
        var kilometres: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case kilometres }
        typealias Field = CodingKeys
        static let required: [CodingKeys] = []
    }

    @Sendable static func stayWithinFromAPI(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(StayWithinInput.self, from: req)
        try await CenterSettings.setStayWithin(kilometres: input.kilometres, by: try req.actor, on: req.db)
        return Response(status: .noContent)
    }

    /// The page's form: a blank field clears the setting.
    @Sendable static func stayWithinFromPage(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let raw = form["kilometres"] ?? ""
        do {
            var kilometres: Int?
            if !raw.isEmpty {
                guard raw.count <= 4, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let km = Int(raw) else {
                    throw StoreError.invalid([FieldError("kilometres", "a whole number of kilometres, for example 50")])
                }
                kilometres = km
            }
            try await CenterSettings.setStayWithin(kilometres: kilometres, by: try req.actor, on: req.db)
            return try await AdminUserPageRoutes.page(req, notice: kilometres == nil
                ? tr("Patients are asked to stay within reach of the center; no distance is given.")
                : tr("Patients are asked to stay within \(raw) km of the center during the monitoring window."))
        } catch StoreError.invalid(let errors) {
            return try await AdminUserPageRoutes.page(req, status: .unprocessableEntity, errors: errors)
        }
    }
}

extension PatientAccess.IssuedCode: Content {}
