import CartographCore
import Fluent
import Store
import Vapor

extension User: Authenticatable {}
extension User: ModelSessionAuthenticatable {}

extension User {
    /// The user as repositories see them.
    func acting() throws -> ActingUser {
        ActingUser(userID: try requireID(), centerID: $center.id, role: role, patientID: patientID)
    }
}

/// Marks a request authenticated by bearer token, so CSRF checks (which guard cookie sessions) skip it.
struct AuthenticatedByToken: StorageKey { typealias Value = Bool }

/// Accepts `Authorization: Bearer <token>` issued by `POST /api/tokens`.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        if let user = try await AccountRepository.user(forToken: bearer.token, on: request.db) {
            request.auth.login(user)
            request.storage[AuthenticatedByToken.self] = true
        }
    }
}

/// The JSON API's gate: 401 without a valid session or token; for cookie sessions, state-changing calls
/// must also carry the session's CSRF token in `X-CSRF-Token`.
struct APIGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            throw Abort(.unauthorized, reason: "sign in or send a bearer token from POST /api/tokens")
        }
        if try request.user.role == .patient { throw Abort(.forbidden, reason: PatientGate.refusal) }
        if request.storage[AuthenticatedByToken.self] != true, ![.GET, .HEAD].contains(request.method) {
            try CSRF.verify(request, submitted: request.headers.first(name: "X-CSRF-Token"))
        }
        if try await SecondFactor.mustSetUp(try request.user, on: request.db) {
            throw Abort(.forbidden, reason: "your center requires a second factor for your role: set it up on your account page first")
        }
        return try await next.respond(to: request)
    }
}

/// The pages' gate: without a session, go to the sign-in page and come back afterwards.
struct PageGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            // The page asked for, with its query, so a shared link to a filtered list comes back filtered.
            let asked = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            let back = asked.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: "/signin?next=\(back)")
        }
        let path = request.url.path
        if try request.user.role == .patient, !PatientGate.allows(path) {
            if path == "/" { return request.redirect(to: "/me") }
            throw Abort(.forbidden, reason: PatientGate.refusal)
        }
        // Until a required second factor is set up, only the account page (to set it up) and signing out.
        if path != "/account", !path.hasPrefix("/account/"), path != "/signout", try await SecondFactor.mustSetUp(try request.user, on: request.db) {
            return request.redirect(to: "/account#second-factor")
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The signed-in user; only call behind a guard.
    var user: User {
        get throws { try auth.require(User.self) }
    }
    var actor: ActingUser {
        get throws { try user.acting() }
    }
}
