import CartographCore
import Fluent
import Store
import Vapor

/// Server-rendered pages. Forms post back here; errors come back on the same form beside their fields.
enum PageRoutes {
    static func register(public open: RoutesBuilder, protected pages: RoutesBuilder) {
        open.get("signin", use: signInForm)
        open.post("signin", use: signIn)
        SecondFactorSignIn.register(open)
        pages.post("signout", use: signOut)
        AccountPageRoutes.register(pages)
        AdminUserPageRoutes.register(public: open, protected: pages)
        pages.get(use: dashboard)
        pages.get("patients", use: patientList)
        pages.get("patients", "new", use: enrolmentForm)
        pages.post("patients", "new", use: enrol)
        pages.get("patients", ":patientID", use: patient)
        pages.post("patients", ":patientID", "events", use: recordEvent)
        pages.post("patients", ":patientID", "dose", use: recordDose)
        pages.get("patients", ":patientID", "screening", use: screeningForm)
        pages.post("patients", ":patientID", "screening", use: screen)
        OutcomePageRoutes.register(pages)
    }

    static func html(_ body: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: body))
    }

    static func viewer(_ req: Request) async throws -> Viewer {
        let user = try req.user
        let center = try await Center.find(user.$center.id, on: req.db)
        return Viewer(displayName: user.displayName, role: user.role, centerName: center?.name ?? "", csrf: CSRF.token(for: req),
                      signaturesNeedCode: center?.requireSecondFactor ?? false, path: safeNext(req.url.path))
    }

    /// Only a same-origin path, so a crafted `next` can neither send a user to another site after
    /// sign-in nor add a header: one leading slash, then only the characters a path and query may hold
    /// unencoded (RFC 3986 `pchar`, `/`, `?`, `%`). Control characters, spaces, tabs (which browsers drop,
    /// turning `/\t/evil` into `//evil`) and backslashes are refused, as is anything else, and the
    /// answer is then the dashboard.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.count <= 2048, raw.hasPrefix("/"), !raw.hasPrefix("//") else { return "/" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%")
        guard raw.allSatisfy({ allowed.contains($0) }) else { return "/" }
        // A percent-encoded slash, backslash or control character could still be decoded into one.
        let lowered = raw.lowercased()
        for bad in ["%2f", "%5c", "%0", "%1", "%7f", "%09", "%20", "%2e"] where lowered.contains(bad) { return "/" }
        // `.` and `..` segments would let a browser climb out of the path given (`/me/../patients`).
        let path = raw.split(separator: "?", maxSplits: 1).first ?? ""
        if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == "." || $0 == ".." }) { return "/" }
        return raw
    }

    @Sendable static func signInForm(_ req: Request) async throws -> Response {
        let (token, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies)
        let response = html(SignInPage(next: safeNext(req.query[String.self, at: "next"]), csrf: token).render())
        response.cookies[CSRF.signInCookie] = cookie
        return response
    }

    @Sendable static func signIn(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verifySignIn(req, submitted: form[CSRF.field])
        let email = form["email"] ?? ""
        var refusal = tr("Email or password is wrong."), status = HTTPStatus.unauthorized
        do {
            let user = try await SignInGate.verify(email: email, password: form["password"] ?? "", for: req)
            // A new session ID at sign-in, so an ID planted before sign-in (session fixation) is worthless.
            try await req.renewSession()
            if user.hasSecondFactor {
                // Half signed in: the session names who passed the password, and when; only the code
                // page reads it (SecondFactorSignIn).
                req.session.data[SecondFactorSignIn.pendingUser] = try user.requireID().uuidString
                req.session.data[SecondFactorSignIn.pendingSince] = String(Int(Date().timeIntervalSince1970))
                req.session.data[SecondFactorSignIn.pendingNext] = safeNext(form["next"])
                let response = req.redirect(to: "/signin/code")
                response.cookies[CSRF.signInCookie] = CSRF.expiredSignInCookie()
                return response
            }
            req.auth.login(user)
            req.session.authenticate(user)
            let response = req.redirect(to: safeNext(form["next"]))
            response.cookies[CSRF.signInCookie] = CSRF.expiredSignInCookie()
            return response
        } catch SignInGate.Refusal.throttled(let message) {
            refusal = sentence(source: message)
            status = .tooManyRequests
        } catch SignInGate.Refusal.wrongEmailOrPassword {}
        let (token, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies)
        let page = SignInPage(email: email, next: safeNext(form["next"]), csrf: token, error: refusal)
        let response = html(page.render(), status: status)
        response.cookies[CSRF.signInCookie] = cookie
        return response
    }

    @Sendable static func signOut(_ req: Request) async throws -> Response {
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/signin")
    }

    @Sendable static func dashboard(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let page = DashboardPage(viewer: try await viewer(req),
                                 dashboard: try await ProgramDashboard.load(for: actor, today: try await req.today(), limit: DashboardPage.shownRows, on: req.db))
        return html(page.render())
    }

    @Sendable static func patientList(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let today = try await req.today()
        do {
            let query = try PatientListParameters.parse(req)
            let page = try await PatientDirectory.page(query, for: actor, today: today, on: req.db)
            return html(PatientListPage(viewer: try await viewer(req), query: query, page: page).render())
        } catch StoreError.invalid(let errors) {
            let page = try await PatientDirectory.page(PatientListQuery(), for: actor, today: today, on: req.db)
            return html(PatientListPage(viewer: try await viewer(req), query: PatientListQuery(), page: page, errors: errors).render(),
                        status: .unprocessableEntity)
        }
    }

    /// Forms only a role that records the journey can submit are refused on opening, not on saving.
    static func requireJourneyRecorder(_ req: Request, to what: String) throws {
        let role = try req.user.role
        guard role.recordsJourney else { throw StoreError.forbidden(tr("the \(tr(source: role.displayName)) role cannot \(tr(source: what))")) }
    }

    @Sendable static func enrolmentForm(_ req: Request) async throws -> Response {
        try requireJourneyRecorder(req, to: "enrol patients")
        return html(EnrolmentPage(viewer: try await viewer(req), input: [:], errors: [], today: try await req.today()).render())
    }

    @Sendable static func enrol(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let today = try await req.today()
        var c = FieldErrorCollector()
        func date(_ name: String) -> CalendarDate? {
            guard let d = CalendarDate(form[name] ?? "") else { c.add(name, tr("enter a date (YYYY-MM-DD)")); return nil }
            return d
        }
        let dob = date("dateOfBirth"), enrolled = date("enrolledOn")
        let sex = Enrolment.Sex(rawValue: form["sex"] ?? "")
        if sex == nil { c.add("sex", tr("choose one")) }
        do {
            try c.throwIfAny()
            let enrolment = Enrolment(givenName: form["givenName"] ?? "", familyName: form["familyName"] ?? "", dateOfBirth: dob!,
                                      hospitalNumber: form["hospitalNumber"] ?? "", sex: sex!,
                                      productID: form["productId"] ?? ProductCatalogue.default.id, enrolledOn: enrolled!)
            let (patient, _) = try await PatientRepository.enrol(enrolment, by: try req.actor, today: today,
                                                                 duplicateReason: form["duplicateReason"], on: req.db)
            return req.redirect(to: "/patients/\(try patient.requireID())")
        } catch let e as ValidationFailure {
            return html(EnrolmentPage(viewer: try await viewer(req), input: form.dictionary, errors: e.errors, today: today).render(), status: .unprocessableEntity)
        } catch StoreError.invalid(let errors) {
            return html(EnrolmentPage(viewer: try await viewer(req), input: form.dictionary, errors: errors, today: today).render(), status: .unprocessableEntity)
        }
    }

    @Sendable static func patient(_ req: Request) async throws -> Response {
        try await OutcomePageRoutes.patientPage(req, id: try APIRoutes.patientID(req))
    }

    @Sendable static func recordEvent(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let today = try await req.today()
        do {
            var c = FieldErrorCollector()
            let kind = JourneyEventKind(rawValue: form["kind"] ?? "")
            if kind == nil || kind == .screenedEligible || kind == .screenedNotEligible { c.add("kind", tr("choose an event")) }
            let date = CalendarDate(form["date"] ?? "")
            if date == nil { c.add("date", tr("enter a date (YYYY-MM-DD)")) }
            try c.throwIfAny()
            _ = try await PatientRepository.patient(id, for: actor, on: req.db)
            let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
            let reason = form["reason"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try await JourneyRepository.record(JourneyEvent(kind!, on: date!, reason: reason), therapyID: try therapy.requireID(),
                                                   by: actor, today: today, on: req.db)
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await patientWithErrors(req, id: id, today: today, event: e.errors, input: form.dictionary)
        } catch StoreError.invalid(let errors) {
            return try await patientWithErrors(req, id: id, today: today, event: errors, input: form.dictionary)
        }
    }

    @Sendable static func recordDose(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let today = try await req.today()
        do {
            var c = FieldErrorCollector()
            func number(_ name: String) -> Double? {
                guard let raw = form[name], !raw.isEmpty else { return nil }
                guard let v = Double(raw) else { c.add(name, tr("\"\(raw)\" is not a number")); return nil }
                return v
            }
            let weight = number("weightKg")
            if weight == nil, c.errors.isEmpty { c.add("weightKg", tr("is required")) }
            let input = DoseInput(weightKg: weight ?? 0, viableCellsPerMilliliter: number("viableCellsPerMilliliter"),
                                  carPositiveFraction: number("carPositiveFraction"), bagVolumeMilliliters: number("bagVolumeMilliliters"))
            try c.throwIfAny()
            _ = try await PatientRepository.patient(id, for: actor, on: req.db)
            let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
            _ = try await DoseRepository.record(weightKilograms: input.weightKg, product: try input.product(),
                                                therapyID: try therapy.requireID(), by: actor, on: req.db)
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await patientWithErrors(req, id: id, today: today, dose: e.errors, input: form.dictionary)
        } catch StoreError.invalid(let errors) {
            return try await patientWithErrors(req, id: id, today: today, dose: errors, input: form.dictionary)
        }
    }

    static func patientWithErrors(_ req: Request, id: UUID, today: CalendarDate, event: [FieldError] = [], dose: [FieldError] = [],
                                  input: [String: String]) async throws -> Response {
        let file = try await PatientFile.load(patientID: id, for: try req.actor, today: today, on: req.db)
        let v = try await viewer(req)
        let outcomes = try await PatientOutcomeSections.load(patientID: id, for: try req.actor, today: today, csrf: v.csrf, on: req.db)
        let page = PatientPage(viewer: v, file: file, today: today, eventErrors: event, doseErrors: dose,
                               eventInput: event.isEmpty ? [:] : input, doseInput: dose.isEmpty ? [:] : input, outcomes: outcomes)
        return html(page.render(), status: .unprocessableEntity)
    }

    @Sendable static func screeningForm(_ req: Request) async throws -> Response {
        try requireJourneyRecorder(req, to: "record a screening")
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict(tr("unknown product")) }
        let page = ScreeningPage(viewer: try await viewer(req), patientID: id.uuidString, patientCode: patient.code, profile: profile,
                                 input: FormBody(), errors: [], today: try await req.today(), dateOfBirth: try await dateOfBirth(req, id))
        return html(page.render())
    }

    @Sendable static func screen(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let today = try await req.today()
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        do {
            let (data, screenedOn) = try ScreeningPage.parse(form)
            _ = try await ScreeningRepository.save(data, screenedOn: screenedOn ?? today, therapyID: try therapy.requireID(),
                                                   by: actor, today: today, checkTypedAge: true, on: req.db)
            return req.redirect(to: "/patients/\(id)")
        } catch let e as ValidationFailure {
            return try await screeningWithErrors(req, id: id, code: patient.code, productID: therapy.productID, form: form, errors: e.errors, today: today)
        } catch StoreError.invalid(let errors) {
            return try await screeningWithErrors(req, id: id, code: patient.code, productID: therapy.productID, form: form, errors: errors, today: today)
        } catch StoreError.conflict(let why) {
            return try await screeningWithErrors(req, id: id, code: patient.code, productID: therapy.productID, form: form,
                                                 errors: [FieldError("screening", why)], today: today)
        }
    }

    static func screeningWithErrors(_ req: Request, id: UUID, code: String, productID: String, form: FormBody, errors: [FieldError],
                                    today: CalendarDate) async throws -> Response {
        let page = ScreeningPage(viewer: try await viewer(req), patientID: id.uuidString, patientCode: code,
                                 profile: ProductCatalogue.profile(id: productID) ?? ProductCatalogue.default,
                                 input: form, errors: errors, today: today, dateOfBirth: try await dateOfBirth(req, id))
        return html(page.render(), status: .unprocessableEntity)
    }

    static func dateOfBirth(_ req: Request, _ patientID: UUID) async throws -> CalendarDate? {
        try await PatientRepository.identity(ofPatient: patientID, for: try req.actor, on: req.db).flatMap { CalendarDate($0.dateOfBirth) }
    }
}
