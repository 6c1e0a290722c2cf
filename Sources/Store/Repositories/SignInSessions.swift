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

    /// A session as read: its values and limits, so that an update that changes nothing need not
    /// read or write the row again.
    public struct Stored: Sendable, Equatable {
        public var values: [String: String]
        public var createdAt: Date
        public var expiresAt: Date
    }

    /// How far the idle limit must move before it is written: a page read each second would otherwise
    /// write its session row each second. The idle limit is therefore kept to within this much.
    public static let slide: TimeInterval = 60

    /// The session's values, or nil when there is no such session or it has expired.
    public func read(_ key: String, now: Date = Date(), on db: Database) async throws -> [String: String]? {
        try await stored(key, now: now, on: db)?.values
    }

    /// `read` with the session's limits.
    public func stored(_ key: String, now: Date = Date(), on db: Database) async throws -> Stored? {
        guard let row = try await SignInSession.find(key, on: db) else { return nil }
        guard row.expiresAt > now else {
            try await row.delete(on: db)
            return nil
        }
        return Stored(values: try JSONDecoder().decode([String: String].self, from: Data(row.data.utf8)),
                      createdAt: row.createdAt, expiresAt: row.expiresAt)
    }

    /// Replaces the values and moves the idle limit on, never past the absolute one. Returns the key,
    /// or a new one when the session expired in the meantime.
    public func update(_ key: String, to values: [String: String], now: Date = Date(), on db: Database) async throws -> String {
        if let kept = try await update(key, to: values, read: nil, now: now, on: db) { return kept }
        return try await create(values, now: now, on: db)
    }

    /// `update` for a session read as `read` earlier in the same request: nothing is read or written
    /// when the values are the same and the idle limit would move by less than `slide`. Returns nil,
    /// writing nothing, when the session no longer exists (it expired, or it was ended — signed out
    /// elsewhere, or by a new password — while the request ran), so the caller decides what to keep.
    public func update(_ key: String, to values: [String: String], read: Stored?, now: Date = Date(),
                       on db: Database) async throws -> String? {
        if let read, read.values == values, read.expiresAt > now,
           min(now + idle, read.createdAt + lifetime).timeIntervalSince(read.expiresAt) < Self.slide {
            return key
        }
        guard let row = try await SignInSession.find(key, on: db), row.expiresAt > now else {
            try await delete(key, on: db)
            return nil
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
