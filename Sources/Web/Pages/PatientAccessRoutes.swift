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
        guard let holder = PatientAccess.Holder(rawValue: form["holder"] ?? "") else {
            throw StoreError.invalid([FieldError("holder", "choose the patient or a caregiver")])
        }
        let issued = try await PatientAccess.issue(patientID: id, holder: holder, holderName: form["holderName"] ?? "",
                                                   by: try req.actor, on: req.db)
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
        do {
            var problems = PasswordPolicy.problems(password, email: email, field: "newPassword")
            if password != form["confirmation"] { problems.append(FieldError("confirmation", "does not repeat the password")) }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let user = try await PatientAccess.activate(code: form["code"] ?? "", email: email,
                                                        passwordHash: try await req.password.async.hash(PasswordPolicy.material(password)),
                                                        on: req.db)
            try await req.renewSession()
            req.auth.login(user)
            req.session.authenticate(user)
            let response = req.redirect(to: "/me")
            response.cookies[CSRF.signInCookie] = CSRF.expiredSignInCookie(path: activatePath)
            return response
        } catch StoreError.invalid(let errors) {
            let (csrf, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies, path: activatePath)
            let page = ActivationPage(csrf: csrf, input: ["code": form["code"] ?? "", "email": email], errors: errors)
            let response = PageRoutes.html(page.render(), status: .unprocessableEntity)
            response.cookies[CSRF.signInCookie] = cookie
            return response
        }
    }

    // MARK: - The patient's own pages

    @Sendable static func myJourney(_ req: Request) async throws -> Response {
        let user = try req.user
        let actor = try req.actor
        guard user.role == .patient, let patientID = user.patientID else {
            throw Abort(.notFound, reason: "these pages belong to patient and caregiver accounts")
        }
        let today = try await req.today()
        let file = try await PatientFile.load(patientID: patientID, for: actor, today: today, on: req.db)
        try await PatientAccess.recordView("journey", by: actor, on: req.db)
        let page = MyJourneyPage(viewer: try await PageRoutes.viewer(req), givenName: file.identity?.givenName ?? "",
                                 isCaregiver: user.relationship == PatientAccess.Holder.caregiver.rawValue, file: file, today: today)
        return PageRoutes.html(page.render())
    }
}

extension PatientAccess.IssuedCode: Content {}
