import Fluent
import Store
import Vapor

/// Vapor's session driver over `SignInSessions`: sessions that expire on the server.
struct SessionStore: AsyncSessionDriver {
    var sessions: SignInSessions

    /// The ID given to a session with nothing in it: never stored. Vapor makes an empty session for any
    /// unknown or expired cookie; storing those would let anyone fill the table by sending made-up cookies.
    static let empty = SessionID(string: "none")

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        if data.snapshot.isEmpty { return Self.empty }
        return SessionID(string: try await sessions.create(data.snapshot, on: request.db))
    }

    /// The session as this request read it, so the update after the response can skip an unchanged row.
    struct ReadKey: StorageKey { typealias Value = SignInSessions.Stored }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        if sessionID == Self.empty { return nil }
        guard let stored = try await sessions.stored(sessionID.string, on: request.db) else { return nil }
        request.storage[ReadKey.self] = stored
        return SessionData(initialData: stored.values)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if sessionID == Self.empty { return try await createSession(data, for: request) }
        if let key = try await sessions.update(sessionID.string, to: data.snapshot, read: request.storage[ReadKey.self], on: request.db) {
            return SessionID(string: key)
        }
        // The session ended while this request ran (signed out elsewhere, a new password, a
        // deactivation): what it carried goes on in a new session, but never the signed-in user, so an
        // ended sign-in is not revived by a request that was already under way.
        var rest = data.snapshot
        for key in rest.keys where key.hasPrefix("_") && key.hasSuffix("Session") { rest[key] = nil }
        return try await createSession(SessionData(initialData: rest), for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await sessions.delete(sessionID.string, on: request.db)
    }
}

extension Request {
    /// Deletes the session the request came with (an ID planted before sign-in — session fixation —
    /// or a half-signed-in one) so what is stored next gets a new ID; drops its CSRF token and `keys`.
    func renewSession(clearing keys: [String] = []) async throws {
        if let old = session.id {
            try await application.sessions.driver.deleteSession(old, for: self).get()
            session.id = nil
        }
        for key in keys + ["csrf"] { session.data[key] = nil }
    }
}

/// Restores the signed-in user from the session, and only that: unlike Vapor's session authenticator it
/// never writes a user into a session, so an API call with a bearer token leaves no session behind.
/// A deactivated account's session stops working at its next request.
struct SessionSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if request.hasSession, let id = request.session.authenticated(User.self), let user = try await User.find(id, on: request.db), user.isActive {
            request.auth.login(user)
        }
        return try await next.respond(to: request)
    }
}
