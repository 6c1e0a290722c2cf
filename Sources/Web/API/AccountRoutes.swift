import CartographCore
import Fluent
import Store
import Vapor

/// The signed-in user's own account: `GET /api/tokens` (own tokens, never the token itself),
/// `DELETE /api/tokens/{id}` (revoke one), `POST /api/account/password` (change one's password after
/// re-entering it; every token is revoked with it).
enum AccountRoutes {
    static func register(_ api: RoutesBuilder) {
        api.get("tokens", use: list)
        api.delete("tokens", ":tokenID", use: revoke)
        api.post("account", "password", use: changePassword)
        api.post("accounts", "unlock", use: unlock)
    }

    /// An administrator lifts the sign-in lockout of an account of their center (audited).
    @Sendable static func unlock(_ req: Request) async throws -> HTTPStatus {
        let input = try StrictJSON.decode(UnlockInput.self, from: req)
        try await SignInThrottle.lift(email: input.email, by: try req.actor, on: req.db)
        return .noContent
    }

    @Sendable static func list(_ req: Request) async throws -> [AccountRepository.TokenView] {
        try await AccountRepository.tokens(of: try req.user.requireID(), on: req.db)
    }

    @Sendable static func revoke(_ req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("token") }
        try await AccountRepository.revokeToken(id, of: try req.user, on: req.db)
        return .noContent
    }

    @Sendable static func changePassword(_ req: Request) async throws -> HTTPStatus {
        let input = try StrictJSON.decode(PasswordChangeInput.self, from: req)
        try await change(current: input.currentPassword, new: input.newPassword, confirmation: input.newPassword, for: req)
        return .noContent
    }

    /// Checks the current password through the sign-in gate (so guessing it here is throttled too) and
    /// the new one against the policy, then stores it.
    static func change(current: String, new: String, confirmation: String, for req: Request) async throws {
        let user = try req.user
        do {
            _ = try await SignInGate.verify(email: user.email, password: current, for: req)
        } catch SignInGate.Refusal.throttled(let message) {
            throw Abort(.tooManyRequests, reason: message)
        } catch SignInGate.Refusal.wrongEmailOrPassword {
            throw StoreError.invalid([FieldError("currentPassword", "is not your current password")])
        }
        var problems = PasswordPolicy.problems(new, email: user.email, field: "newPassword")
        if new != confirmation { problems.append(FieldError("confirmation", "does not repeat the new password")) }
        if new == current { problems.append(FieldError("newPassword", "is the same as the current password")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        try await AccountRepository.changePassword(of: user, newHash: try await req.password.async.hash(PasswordPolicy.material(new)),
                                                 keepingSession: req.hasSession ? req.session.id?.string : nil, on: req.db)
    }
}
extension AccountRepository.TokenView: Content {}
