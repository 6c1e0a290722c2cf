import CartographCore
import Fluent
import Store
import Vapor

/// `/admin/users` for a center's administrators, and `/reset-password`, where a one-time link sets a
/// password without signing in.
enum AdminUserPageRoutes {
    static func register(public open: RoutesBuilder, protected pages: RoutesBuilder) {
        pages.get("admin", "users", use: show)
        pages.post("admin", "users", use: create)
        pages.post("admin", "users", ":userID", "deactivate", use: deactivate)
        pages.post("admin", "users", ":userID", "reactivate", use: reactivate)
        pages.post("admin", "users", ":userID", "role", use: changeRole)
        pages.post("admin", "users", ":userID", "password-link", use: passwordLink)
        pages.post("admin", "users", ":userID", "unlock", use: unlock)
        pages.post("admin", "users", ":userID", "second-factor-reset", use: resetSecondFactor)
        pages.post("admin", "second-factor-rule", use: secondFactorRule)
        open.get("reset-password", use: resetForm)
        open.post("reset-password", use: reset)
    }

    static func page(_ req: Request, status: HTTPStatus = .ok, errors: [FieldError] = [], notice: String? = nil,
                     issued: (email: String, link: String, expiresAt: Date)? = nil,
                     draft: (email: String, displayName: String, role: String)? = nil) async throws -> Response {
        let actor = try req.actor
        let accounts = try await AccountAdministration.accounts(for: actor, on: req.db)
        let center = try await Center.find(actor.centerID, on: req.db)
        var model = AdminUsersPage(centerName: center?.name ?? "", timeZone: center.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt,
                                   accounts: accounts, selfID: actor.userID, issued: issued, notice: notice, errors: errors)
        if let draft { model.draft = draft }
        model.secondFactorRequired = center?.requireSecondFactor ?? false
        model.emergencyPhone = center?.emergencyPhone
        model.stayWithinKilometres = center?.stayWithinKilometres
        return PageRoutes.html(model.render(viewer: try await PageRoutes.viewer(req)), status: status)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try AccountAdministration.requireAdmin(try req.actor)
        return try await page(req)
    }

    /// Runs one change from a row's form: checks the role and the CSRF token, then shows the page again
    /// with what happened, or the refusal.
    static func change(_ req: Request, _ work: (ActingUser, UUID, FormBody) async throws -> String) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        do {
            let notice = try await work(actor, try AdminUserRoutes.userID(req), form)
            return try await page(req, notice: notice)
        } catch StoreError.invalid(let errors) {
            return try await page(req, status: .unprocessableEntity, errors: errors)
        } catch StoreError.conflict(let why) {
            return try await page(req, status: .conflict, errors: [FieldError("account", why)])
        }
    }

    static func email(_ id: UUID, _ req: Request) async throws -> String {
        try await User.find(id, on: req.db)?.email ?? tr("the account")
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let draft = (email: form["email"] ?? "", displayName: form["displayName"] ?? "", role: form["role"] ?? "")
        do {
            let (account, link) = try await AccountAdministration.create(email: draft.email, displayName: draft.displayName,
                                                                          role: try Role.named(draft.role), by: actor, on: req.db)
            return try await page(req, status: .created, notice: tr("Account created for \(account.email)."),
                                  issued: (account.email, AdminUserRoutes.IssuedLink(link, on: req).link, link.expiresAt))
        } catch StoreError.invalid(let errors) {
            return try await page(req, status: .unprocessableEntity, errors: errors, draft: draft)
        }
    }

    @Sendable static func deactivate(_ req: Request) async throws -> Response {
        try await change(req) { actor, id, _ in
            try await AccountAdministration.deactivate(id, by: actor, on: req.db)
            let email = try await email(id, req)
            return tr("\(email) is deactivated: signed out everywhere, API tokens revoked.")
        }
    }

    @Sendable static func reactivate(_ req: Request) async throws -> Response {
        try await change(req) { actor, id, _ in
            try await AccountAdministration.reactivate(id, by: actor, on: req.db)
            let email = try await email(id, req)
            return tr("\(email) can sign in again.")
        }
    }

    @Sendable static func changeRole(_ req: Request) async throws -> Response {
        try await change(req) { actor, id, form in
            let role = try Role.named(form["role"] ?? "")
            try await AccountAdministration.changeRole(id, to: role, by: actor, on: req.db)
            let email = try await email(id, req)
            return tr("\(email) is now \(tr(source: role.displayName)).")
        }
    }

    @Sendable static func unlock(_ req: Request) async throws -> Response {
        try await change(req) { actor, id, _ in
            let email = try await email(id, req)
            try await SignInThrottle.lift(email: email, by: actor, on: req.db)
            return tr("The lockout of \(email) is lifted.")
        }
    }

    @Sendable static func resetSecondFactor(_ req: Request) async throws -> Response {
        try await change(req) { actor, id, _ in
            try await SecondFactor.reset(id, by: actor, on: req.db)
            let email = try await email(id, req)
            return tr("Two-step sign-in of \(email) is reset; they set it up again at their next sign-in.")
        }
    }

    @Sendable static func secondFactorRule(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let required = form["required"] == "true"
        do { try await SecondFactor.setRequired(required, by: actor, on: req.db) } catch StoreError.conflict(let why) {
            return try await page(req, status: .conflict, errors: [FieldError("secondFactor", why)])
        }
        return try await page(req, notice: required
            ? tr("Two-step sign-in is now required for administrators and QA, and every e-signature needs a code.")
            : tr("Two-step sign-in is no longer required."))
    }

    @Sendable static func passwordLink(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        let id = try AdminUserRoutes.userID(req)
        do {
            let link = try await AccountAdministration.issueReset(for: id, by: actor, on: req.db)
            return try await page(req, status: .created, issued: (try await email(id, req), AdminUserRoutes.IssuedLink(link, on: req).link, link.expiresAt))
        } catch StoreError.conflict(let why) {
            return try await page(req, status: .conflict, errors: [FieldError("account", why)])
        }
    }

    static let resetPath = "/reset-password"

    @Sendable static func resetForm(_ req: Request) async throws -> Response {
        let token = req.query[String.self, at: "token"] ?? ""
        let user = try await AccountAdministration.resetTarget(token: token, on: req.db)
        let (csrf, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies, path: resetPath)
        let response = PageRoutes.html(PasswordResetPage(token: token, email: user?.email, csrf: csrf).render(),
                                       status: user == nil ? .notFound : .ok)
        response.cookies[CSRF.signInCookie] = cookie
        return response
    }

    @Sendable static func reset(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verifySignIn(req, submitted: form[CSRF.field])
        let token = form["token"] ?? ""
        do {
            try await AdminUserRoutes.setPassword(token: token, new: form["newPassword"] ?? "", confirmation: form["confirmation"] ?? "", for: req)
        } catch StoreError.invalid(let errors) {
            let user = try await AccountAdministration.resetTarget(token: token, on: req.db)
            let (csrf, cookie) = CSRF.signInToken(secure: req.application.settings.secureCookies, path: resetPath)
            let response = PageRoutes.html(PasswordResetPage(token: token, email: user?.email, csrf: csrf, errors: errors).render(),
                                           status: .unprocessableEntity)
            response.cookies[CSRF.signInCookie] = cookie
            return response
        }
        let response = PageRoutes.html(PasswordResetPage(token: "", email: nil, csrf: "", done: true).render())
        response.cookies[CSRF.signInCookie] = CSRF.expiredSignInCookie(path: resetPath)
        return response
    }
}
