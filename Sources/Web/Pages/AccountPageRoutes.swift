import CartographCore
import Fluent
import Store
import Vapor

/// `/account`: change one's own password, see and revoke one's API tokens.
enum AccountPageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("account", use: show)
        pages.post("account", "password", use: changePassword)
        pages.post("account", "tokens", ":tokenID", "revoke", use: revoke)
        pages.post("account", "second-factor", "begin", use: beginSecondFactor)
        pages.post("account", "second-factor", "confirm", use: confirmSecondFactor)
        pages.post("account", "second-factor", "remove", use: removeSecondFactor)
    }

    static func page(_ req: Request, errors: [FieldError] = [], notice: String? = nil,
                     setup: (secret: String, uri: String)? = nil) async throws -> AccountPage {
        // Read afresh: the second factor may have changed in this request.
        let user = try await User.find(try req.user.requireID(), on: req.db) ?? (try req.user)
        var model = AccountPage(email: user.email, tokens: try await AccountRepository.tokens(of: try user.requireID(), on: req.db),
                                errors: errors, notice: notice)
        model.hasSecondFactor = user.hasSecondFactor
        model.secondFactorRequired = try await SecondFactor.requiredAtSignIn(user, on: req.db)
        if let setup { model.pendingSetup = setup } else if let pending = user.totpPendingSecret, !user.hasSecondFactor, !errors.isEmpty,
                  let bytes = Base32.decode(pending) {
            model.pendingSetup = (pending, TimeBasedOneTimePassword.uri(secret: bytes, account: user.email, issuer: SecondFactor.issuer))
        }
        return model
    }

    static func render(_ req: Request, _ model: AccountPage, status: HTTPStatus = .ok) async throws -> Response {
        PageRoutes.html(model.render(viewer: try await PageRoutes.viewer(req)), status: status)
    }

    @Sendable static func beginSecondFactor(_ req: Request) async throws -> Response {
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        let setup: (secret: String, uri: String)
        do { setup = try await SecondFactor.begin(for: try req.user, on: req.db) } catch StoreError.conflict(let why) {
            return try await render(req, try await page(req, errors: [FieldError("secondFactor", why)]), status: .conflict)
        }
        return try await render(req, try await page(req, setup: setup))
    }

    @Sendable static func confirmSecondFactor(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        do {
            try await SecondFactor.confirm(for: try req.user, code: form["code"] ?? "", keepingSession: req.session.id?.string, on: req.db)
        } catch StoreError.invalid(let errors) {
            return try await render(req, try await page(req, errors: errors), status: .unprocessableEntity)
        }
        return try await render(req, try await page(req, notice: tr("Two-step sign-in is on. Keep the app: you need a code at every sign-in.")))
    }

    @Sendable static func removeSecondFactor(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let user = try req.user
        do {
            _ = try await SignInGate.verify(email: user.email, password: form["removePassword"] ?? "", for: req)
        } catch SignInGate.Refusal.wrongEmailOrPassword {
            return try await render(req, try await page(req, errors: [FieldError("removePassword", tr("is not your password"))]), status: .unprocessableEntity)
        } catch SignInGate.Refusal.throttled(let message) {
            throw Abort(.tooManyRequests, reason: message)
        }
        guard try await SignInGate.verifyCode(form["removeCode"] ?? "", for: user, on: req) else {
            return try await render(req, try await page(req, errors: [FieldError("removeCode", tr("does not match, or was already used"))]), status: .unprocessableEntity)
        }
        do { try await SecondFactor.disable(for: user, on: req.db) } catch StoreError.conflict(let why) {
            return try await render(req, try await page(req, errors: [FieldError("removeCode", why)]), status: .conflict)
        }
        return try await render(req, try await page(req, notice: tr("Two-step sign-in is off.")))
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        PageRoutes.html(try await page(req).render(viewer: try await PageRoutes.viewer(req)))
    }

    @Sendable static func changePassword(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        do {
            try await AccountRoutes.change(current: form["currentPassword"] ?? "", new: form["newPassword"] ?? "",
                                           confirmation: form["confirmation"] ?? "", for: req)
        } catch StoreError.invalid(let errors) {
            return PageRoutes.html(try await page(req, errors: errors).render(viewer: try await PageRoutes.viewer(req)), status: .unprocessableEntity)
        }
        return PageRoutes.html(try await page(req, notice: tr("Your password is changed; your API tokens are revoked."))
            .render(viewer: try await PageRoutes.viewer(req)))
    }

    @Sendable static func revoke(_ req: Request) async throws -> Response {
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("token") }
        try await AccountRepository.revokeToken(id, of: try req.user, on: req.db)
        return req.redirect(to: "/account")
    }
}
