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
    }

    static func page(_ req: Request, errors: [FieldError] = [], notice: String? = nil) async throws -> AccountPage {
        let user = try req.user
        return AccountPage(email: user.email, tokens: try await AccountRepository.tokens(of: try user.requireID(), on: req.db),
                           errors: errors, notice: notice)
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
        return PageRoutes.html(try await page(req, notice: "Your password is changed; your API tokens are revoked.")
            .render(viewer: try await PageRoutes.viewer(req)))
    }

    @Sendable static func revoke(_ req: Request) async throws -> Response {
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("token") }
        try await AccountRepository.revokeToken(id, of: try req.user, on: req.db)
        return req.redirect(to: "/account")
    }
}
