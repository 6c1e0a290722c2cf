import CartographCore
import Crypto
import Fluent
import Foundation

public enum AccountRepository {
    /// Creates an account. The password hash is computed by the caller (bcrypt lives in Vapor's
    /// module), so this target stays free of the web framework.
    public static func createUser(centerCode: String, email: String, displayName: String, role: Role,
                                  passwordHash: String, actor: UUID?, on db: Database) async throws -> User {
        var c = FieldErrorCollector()
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        if let problem = AccountAdministration.emailProblem(normalised) { c.require(false, "email", problem) }
        do { try c.throwIfAny() } catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
        return try await retryingTransaction(on: db) { tx in
            guard let center = try await Center.query(on: tx).filter(\.$code == centerCode).first() else {
                throw StoreError.invalid([FieldError("center", "no center with code \"\(centerCode)\"")])
            }
            if try await User.query(on: tx).filter(\.$email == normalised).first() != nil {
                throw StoreError.invalid([FieldError("email", "an account with \(normalised) already exists")])
            }
            let user = User(centerID: try center.requireID(), email: normalised, displayName: displayName, role: role,
                            passwordHash: passwordHash)
            try await user.create(on: tx)
            struct Payload: Encodable { let email: String; let role: String; let center: String }
            try await AuditTrail.record(on: tx, actor: actor, center: center.id, action: "user.created", entity: "user",
                                        entityID: try user.requireID().uuidString,
                                        payload: Payload(email: normalised, role: role.rawValue, center: centerCode))
            return user
        }
    }

    /// Creates a center unless one with the code exists; returns it either way.
    public static func ensureCenter(code: String, name: String, timeZone: String, on db: Database) async throws -> Center {
        if let existing = try await Center.query(on: db).filter(\.$code == code).first() { return existing }
        guard TimeZone(identifier: timeZone) != nil else {
            throw StoreError.invalid([FieldError("timeZone", "unknown time zone \"\(timeZone)\"")])
        }
        let center = Center(code: code, name: name, timeZone: timeZone)
        try await center.create(on: db)
        return center
    }

    public static func user(email: String, on db: Database) async throws -> User? {
        try await User.query(on: db).filter(\.$email == email.trimmingCharacters(in: .whitespaces).lowercased()).first()
    }

    /// How long a token lives unless asked otherwise, and at most.
    public static let defaultTokenDays = 7
    public static let tokenDays = 1...90

    /// Issues a bearer token; returns the token itself (shown once) and stores only its digest.
    public static func issueToken(for user: User, name: String? = nil, days: Int = defaultTokenDays, now: Date = Date(),
                                  on db: Database) async throws -> String {
        var c = FieldErrorCollector()
        c.require(tokenDays.contains(days), "days", "a token lives \(tokenDays.lowerBound)–\(tokenDays.upperBound) days, not \(days)")
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        c.require((trimmed ?? "").count <= 80, "name", "at most 80 characters")
        c.require(!(trimmed ?? "").unicodeScalars.contains { $0.properties.generalCategory == .control }, "name", "must not contain control characters")
        if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
        let token = randomURLSafeToken()
        try await retryingTransaction(on: db) { tx in
            let row = APIToken(userID: try user.requireID(), tokenDigest: digest(token), expiresAt: now.addingTimeInterval(Double(days) * 86_400),
                               name: trimmed?.isEmpty == false ? trimmed : nil)
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: try user.requireID(), center: user.$center.id, action: "token.issued", entity: "apiToken",
                                        entityID: try row.requireID().uuidString, payload: ["name": row.name ?? "", "days": String(days)])
        }
        return token
    }

    /// One of a user's tokens as its owner sees it: never the token itself.
    public struct TokenView: Codable, Sendable, Hashable {
        public var id: UUID
        public var name: String?
        public var createdAt: Date?
        public var expiresAt: Date
    }

    /// The user's tokens that have not expired, newest first.
    public static func tokens(of userID: UUID, now: Date = Date(), on db: Database) async throws -> [TokenView] {
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$expiresAt > now).sort(\.$createdAt, .descending).all()
            .map { TokenView(id: try $0.requireID(), name: $0.name, createdAt: $0.createdAt, expiresAt: $0.expiresAt) }
    }

    /// Revokes one of the user's own tokens (audited); another user's token is "not found".
    public static func revokeToken(_ id: UUID, of user: User, on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in
            guard let row = try await APIToken.query(on: tx).filter(\.$id == id).filter(\.$user.$id == (try user.requireID())).first() else {
                throw StoreError.notFound("token")
            }
            try await row.delete(on: tx)
            try await AuditTrail.record(on: tx, actor: try user.requireID(), center: user.$center.id, action: "token.revoked", entity: "apiToken",
                                        entityID: id.uuidString, payload: ["name": row.name ?? ""])
        }
    }

    /// Replaces the user's password hash (the caller checked the current password and the policy);
    /// every API token of the user is revoked with it. Audited.
    public static func changePassword(of user: User, newHash: String, keepingSession: String? = nil, on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in
            guard let row = try await User.find(try user.requireID(), on: tx) else { throw StoreError.notFound("account") }
            row.passwordHash = newHash
            try await row.update(on: tx)
            let revoked = try await APIToken.query(on: tx).filter(\.$user.$id == (try user.requireID())).count()
            try await APIToken.query(on: tx).filter(\.$user.$id == (try user.requireID())).delete()
            // Every other session ends with the old password.
            try await SignInSessions.endAll(of: try user.requireID(), keeping: keepingSession, on: tx)
            try await AuditTrail.record(on: tx, actor: try user.requireID(), center: user.$center.id, action: "user.passwordChanged", entity: "user",
                                        entityID: try user.requireID().uuidString, payload: ["tokensRevoked": String(revoked)])
        }
    }

    /// The user a bearer token belongs to, if the token exists, has not expired and the account is active.
    public static func user(forToken token: String, on db: Database) async throws -> User? {
        guard let t = try await APIToken.query(on: db).filter(\.$tokenDigest == digest(token)).with(\.$user).first(),
              t.expiresAt > Date(), t.user.isActive else { return nil }
        return t.user
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
