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
        c.require(normalised.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil, "email", "\"\(email)\" is not an email address")
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

    /// Issues a bearer token; returns the token itself (shown once) and stores only its digest.
    public static func issueToken(for user: User, lifetime: TimeInterval = 30 * 24 * 3600, on db: Database) async throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try await APIToken(userID: try user.requireID(), tokenDigest: digest(token), expiresAt: Date().addingTimeInterval(lifetime)).create(on: db)
        return token
    }

    /// The user a bearer token belongs to, if the token exists and has not expired.
    public static func user(forToken token: String, on db: Database) async throws -> User? {
        guard let t = try await APIToken.query(on: db).filter(\.$tokenDigest == digest(token)).with(\.$user).first(),
              t.expiresAt > Date() else { return nil }
        return t.user
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
