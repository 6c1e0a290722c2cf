import Fluent
import Foundation

/// Browser sessions that expire on the server: idle for `idle` seconds, or `lifetime` seconds after
/// sign-in, whichever comes first (NIST SP 800-63B §7.1 asks for both limits; the defaults, 30 minutes
/// and 12 hours, are `Settings`'). An expired session reads as absent and its row is deleted; creating a
/// session also deletes every expired row, so the table holds only live sessions.
public struct SignInSessions: Sendable {
    public var idle: TimeInterval
    public var lifetime: TimeInterval

    public init(idle: TimeInterval, lifetime: TimeInterval) { self.idle = idle; self.lifetime = lifetime }

    /// Stores a new session; returns its key (32 random bytes, URL-safe base64).
    public func create(_ values: [String: String], now: Date = Date(), on db: Database) async throws -> String {
        try await SignInSession.query(on: db).filter(\.$expiresAt < now).delete()
        let key = randomURLSafeToken()
        try await SignInSession(id: key, data: try StoredJSON.text(values), createdAt: now,
                                expiresAt: min(now + idle, now + lifetime)).create(on: db)
        return key
    }

    /// The session's values, or nil when there is no such session or it has expired.
    public func read(_ key: String, now: Date = Date(), on db: Database) async throws -> [String: String]? {
        guard let row = try await SignInSession.find(key, on: db) else { return nil }
        guard row.expiresAt > now else {
            try await row.delete(on: db)
            return nil
        }
        return try JSONDecoder().decode([String: String].self, from: Data(row.data.utf8))
    }

    /// Replaces the values and moves the idle limit on, never past the absolute one. Returns the key,
    /// or a new one when the session expired in the meantime.
    public func update(_ key: String, to values: [String: String], now: Date = Date(), on db: Database) async throws -> String {
        guard let row = try await SignInSession.find(key, on: db), row.expiresAt > now else {
            try await delete(key, on: db)
            return try await create(values, now: now, on: db)
        }
        row.data = try StoredJSON.text(values)
        row.expiresAt = min(now + idle, row.createdAt + lifetime)
        try await row.update(on: db)
        return key
    }

    /// Ends every session of a user (a deactivation, a new password, a new or removed second factor),
    /// except `keeping`, the session making the change. A session names its user by ID in its data.
    public static func endAll(of userID: UUID, keeping: String? = nil, on db: Database) async throws {
        var query = SignInSession.query(on: db).filter(\.$data, .custom("LIKE"), "%" + userID.uuidString + "%")
        if let keeping { query = query.filter(\.$id != keeping) }
        try await query.delete()
    }

    public func delete(_ key: String, on db: Database) async throws {
        try await SignInSession.query(on: db).filter(\.$id == key).delete()
    }
}
