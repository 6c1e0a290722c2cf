import CartographCore
import Fluent
import Store
import Vapor

/// A center's accounts, for its administrators (`AccountAdministration` holds the rules):
///
/// - `GET /api/admin/users`: every account of the center;
/// - `POST /api/admin/users` `{email, displayName, role}` → 201 with the account and its one-time
///   password link;
/// - `POST /api/admin/users/{id}/deactivate`, `…/reactivate` → 204;
/// - `POST /api/admin/users/{id}/role` `{role}` → 204;
/// - `POST /api/admin/users/{id}/password-link` → 201 with a new link (earlier ones stop working);
/// - `POST /api/admin/users/{id}/second-factor-reset` → 204: removes a member's second factor (a lost phone);
/// - `POST /api/admin/second-factor-rule` `{required}` → 204: the center's rule for administrators, QA
///   and e-signatures;
/// - `POST /api/password-reset` `{token, newPassword}` → 204, without signing in: sets the password
///   through a link.
enum AdminUserRoutes {
    static func register(public open: RoutesBuilder, protected api: RoutesBuilder) {
        let admin = api.grouped("admin", "users")
        admin.get(use: list)
        admin.post(use: create)
        admin.post(":userID", "deactivate", use: deactivate)
        admin.post(":userID", "reactivate", use: reactivate)
        admin.post(":userID", "role", use: changeRole)
        admin.post(":userID", "password-link", use: passwordLink)
        admin.post(":userID", "second-factor-reset", use: resetSecondFactor)
        api.post("admin", "second-factor-rule", use: secondFactorRule)
        open.post("api", "password-reset", use: reset)
    }

    /// The link as the administrator hands it over: absolute when the public address is configured.
    struct IssuedLink: Content {
        var link: String
        var expiresAt: Date
        init(_ l: AccountAdministration.ResetLink, on req: Request) {
            link = (req.application.settings.publicURL ?? "") + l.path
            expiresAt = l.expiresAt
        }
    }

    struct Created: Content {
        var account: AccountAdministration.AccountView
        var passwordLink: IssuedLink
    }

    static func userID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("userID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("account") }
        return id
    }

    @Sendable static func list(_ req: Request) async throws -> [AccountAdministration.AccountView] {
        try await AccountAdministration.accounts(for: try req.actor, on: req.db)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let input = try StrictJSON.decode(AccountCreationInput.self, from: req)
        let (account, link) = try await AccountAdministration.create(email: input.email, displayName: input.displayName,
                                                                      role: try Role.named(input.role), by: actor, on: req.db)
        req.storage[CarriesOneTimeSecret.self] = true
        return try await Created(account: account, passwordLink: IssuedLink(link, on: req)).encodeResponse(status: .created, for: req)
    }

    @Sendable static func deactivate(_ req: Request) async throws -> HTTPStatus {
        try await AccountAdministration.deactivate(try userID(req), by: try req.actor, on: req.db)
        return .noContent
    }

    @Sendable static func reactivate(_ req: Request) async throws -> HTTPStatus {
        try await AccountAdministration.reactivate(try userID(req), by: try req.actor, on: req.db)
        return .noContent
    }

    @Sendable static func changeRole(_ req: Request) async throws -> HTTPStatus {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let input = try StrictJSON.decode(RoleChangeInput.self, from: req)
        try await AccountAdministration.changeRole(try userID(req), to: try Role.named(input.role), by: actor, on: req.db)
        return .noContent
    }

    @Sendable static func resetSecondFactor(_ req: Request) async throws -> HTTPStatus {
        try await SecondFactor.reset(try userID(req), by: try req.actor, on: req.db)
        return .noContent
    }

    @Sendable static func secondFactorRule(_ req: Request) async throws -> HTTPStatus {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let input = try StrictJSON.decode(SecondFactorRuleInput.self, from: req)
        try await SecondFactor.setRequired(input.required, by: actor, on: req.db)
        return .noContent
    }

    @Sendable static func passwordLink(_ req: Request) async throws -> Response {
        let link = try await AccountAdministration.issueReset(for: try userID(req), by: try req.actor, on: req.db)
        req.storage[CarriesOneTimeSecret.self] = true
        return try await IssuedLink(link, on: req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func reset(_ req: Request) async throws -> HTTPStatus {
        let input = try StrictJSON.decode(PasswordResetInput.self, from: req)
        try await setPassword(token: input.token, new: input.newPassword, confirmation: input.newPassword, for: req)
        return .noContent
    }

    /// Checks the link and the policy, then stores the password. The link is looked up first so the
    /// policy can refuse a password that contains the account's e-mail.
    static func setPassword(token: String, new: String, confirmation: String, for req: Request) async throws {
        guard let user = try await AccountAdministration.resetTarget(token: token, on: req.db) else {
            throw StoreError.invalid([FieldError("token", "this link does not work: it was used, it expired or it was replaced; ask your administrator for a new one")])
        }
        var problems = PasswordPolicy.problems(new, email: user.email, field: "newPassword")
        if new != confirmation { problems.append(FieldError("confirmation", "does not repeat the new password")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        _ = try await AccountAdministration.completeReset(token: token, newHash: try await req.password.async.hash(PasswordPolicy.material(new)),
                                                          on: req.db)
    }
}
extension AccountAdministration.AccountView: Content {}
