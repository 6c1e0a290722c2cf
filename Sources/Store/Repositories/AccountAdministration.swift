import CartographCore
import Fluent
import Foundation
import SQLKit

/// The accounts of one center, as its administrators manage them: create, deactivate, reactivate,
/// change role and hand out a one-time link to set a password. Every change is audited; an
/// administrator sees and changes only their own center's accounts (another center's reads as not
/// found) and can neither deactivate nor demote themselves, so a center always keeps an administrator.
///
/// Passwords never pass through an administrator: a new account has none until its owner follows the
/// link they were given (NIST SP 800-63B §6.1.2.3: the subscriber chooses the secret).
public enum AccountAdministration {
    /// How long a password link works (hours).
    public static let resetLifetime: TimeInterval = 24 * 3600

    /// The value stored as the password hash of an account whose owner has not set a password yet: not
    /// a bcrypt hash, so no password verifies against it.
    public static let noPassword = "!"

    /// One account as its center's administrator sees it.
    public struct AccountView: Codable, Sendable, Hashable {
        public var id: UUID
        public var email: String
        public var displayName: String
        public var role: Role
        public var active: Bool
        /// Locked after too many failed sign-ins, until an administrator lifts it.
        public var locked: Bool
        /// False until the owner sets a password through a link.
        public var hasPassword: Bool
        /// Signs in with a one-time code after the password.
        public var hasSecondFactor: Bool
        public var createdAt: Date?
        public var deactivatedAt: Date?
    }

    /// A one-time password link: the token itself, shown once, and when it lapses.
    public struct ResetLink: Codable, Sendable, Hashable {
        public var token: String
        public var expiresAt: Date
        public var path: String { "/reset-password?token=" + token }
    }

    /// Why an e-mail cannot name an account, or nil. Only plain ASCII addresses (letters, digits and
    /// `.!#$%&'*+/=?^_`{|}~-` before the `@`, a dotted host of letters, digits and hyphens after it): a
    /// sign-in name must not hide a NUL, a quote, an invisible character or a look-alike letter that
    /// makes it pass for someone else's.
    public static func emailProblem(_ raw: String) -> String? {
        let email = raw.trimmingCharacters(in: .whitespaces)
        // RFC 5321 §4.5.3.1: a path holds at most 256 octets, so an address at most 254.
        guard email.utf8.count <= 254 else { return "at most 254 characters" }
        guard email.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f }) else {
            return "use plain letters, digits and . _ + - only (no spaces, control, invisible or non-Latin characters)"
        }
        guard email.wholeMatch(of: /[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/) != nil else {
            return "\"\(email.prefix(80))\" is not an email address"
        }
        return nil
    }

    public static func requireAdmin(_ actor: ActingUser) throws {
        guard actor.role == .admin else { throw StoreError.forbidden("only an administrator manages accounts") }
    }

    /// Every account of the administrator's center, by name.
    public static func accounts(for actor: ActingUser, on db: Database) async throws -> [AccountView] {
        try requireAdmin(actor)
        let users = try await User.query(on: db).filter(\.$center.$id == actor.centerID).all()
        let keys = users.map { SignInThrottle.accountKey($0.email) }
        let locked = Set(try await SignInFailure.query(on: db).filter(\.$id ~~ keys)
            .filter(\.$failures >= SignInThrottle.accountLockout).all().compactMap(\.id))
        return try users.map { u in
            AccountView(id: try u.requireID(), email: u.email, displayName: u.displayName, role: u.role, active: u.isActive,
                        locked: locked.contains(SignInThrottle.accountKey(u.email)), hasPassword: u.passwordHash != noPassword, hasSecondFactor: u.hasSecondFactor,
                        createdAt: u.createdAt, deactivatedAt: u.deactivatedAt)
        }.sorted { ($0.displayName.lowercased(), $0.email) < ($1.displayName.lowercased(), $1.email) }
    }

    /// Creates an account in the administrator's center, with no password, and the link its owner
    /// sets one with.
    public static func create(email: String, displayName: String, role: Role, by actor: ActingUser, now: Date = Date(),
                              on db: Database) async throws -> (AccountView, ResetLink) {
        try requireAdmin(actor)
        var c = FieldErrorCollector()
        c.require(role.isStaff, "role", "a patient or caregiver account comes from an activation code issued for that patient")
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        c.require(!name.isEmpty, "displayName", "is required")
        c.require(name.count <= 120, "displayName", "at most 120 characters")
        c.require(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "displayName", "must not contain control characters")
        c.require(email.count <= 254, "email", "at most 254 characters")
        c.require(!name.unicodeScalars.contains { $0.properties.generalCategory == .format }, "displayName",
                  "must not contain invisible formatting characters")
        if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
        guard let center = try await Center.find(actor.centerID, on: db) else { throw StoreError.notFound("center") }
        let user = try await AccountRepository.createUser(centerCode: center.code, email: email, displayName: name, role: role,
                                                          passwordHash: noPassword, actor: actor.userID, on: db)
        let link = try await issueReset(for: try user.requireID(), by: actor, now: now, on: db)
        guard let view = try await accounts(for: actor, on: db).first(where: { $0.id == user.id }) else { throw StoreError.notFound("account") }
        return (view, link)
    }

    /// An account of the actor's center, locked for update within `tx`.
    static func account(_ id: UUID, of actor: ActingUser, on tx: Database) async throws -> User {
        guard let user = try await User.find(id, on: tx), user.$center.id == actor.centerID else {
            throw StoreError.notFound("account")
        }
        return user
    }

    /// Deactivates an account: it can no longer sign in, its sessions stop working at their next
    /// request, and its API tokens and unused password links are revoked. Its history stays.
    public static func deactivate(_ id: UUID, by actor: ActingUser, now: Date = Date(), on db: Database) async throws {
        try requireAdmin(actor)
        guard id != actor.userID else { throw StoreError.conflict("you cannot deactivate your own account") }
        try await retryingTransaction(on: db) { tx in
            // Read again inside the transaction: two administrators deactivating each other at once
            // must not leave the center without one.
            guard let me = try await User.find(actor.userID, on: tx), me.isActive, me.role == .admin else {
                throw StoreError.forbidden("only an active administrator manages accounts")
            }
            let user = try await account(id, of: actor, on: tx)
            guard user.isActive else { throw StoreError.conflict("\(user.email) is already deactivated") }
            user.deactivatedAt = now
            try await user.update(on: tx)
            let tokens = try await APIToken.query(on: tx).filter(\.$user.$id == id).count()
            try await APIToken.query(on: tx).filter(\.$user.$id == id).delete()
            try await PasswordReset.query(on: tx).filter(\.$user.$id == id).filter(\.$usedAt == nil).delete()
            try await SignInSessions.endAll(of: id, on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.deactivated", entity: "user",
                                        entityID: id.uuidString, payload: ["email": user.email, "tokensRevoked": String(tokens)])
        }
    }

    /// Lets a deactivated account sign in again with its old password.
    public static func reactivate(_ id: UUID, by actor: ActingUser, on db: Database) async throws {
        try requireAdmin(actor)
        try await retryingTransaction(on: db) { tx in
            let user = try await account(id, of: actor, on: tx)
            guard !user.isActive else { throw StoreError.conflict("\(user.email) is already active") }
            user.deactivatedAt = nil
            try await user.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.reactivated", entity: "user",
                                        entityID: id.uuidString, payload: ["email": user.email])
        }
    }

    /// Gives an account another role. Its tokens keep working and act with the new role from their
    /// next request, since permissions follow the role (never the token).
    public static func changeRole(_ id: UUID, to role: Role, by actor: ActingUser, on db: Database) async throws {
        try requireAdmin(actor)
        guard id != actor.userID else { throw StoreError.conflict("you cannot change your own role") }
        try await retryingTransaction(on: db) { tx in
            let user = try await account(id, of: actor, on: tx)
            let old = user.role
            // A patient account is bound to its patient; no role change turns it into staff, or staff into one.
            guard old.isStaff, role.isStaff else {
                throw StoreError.conflict("a patient or caregiver account keeps its role; deactivate it instead")
            }
            guard old != role else { throw StoreError.conflict("\(user.email) already has the role \(role.displayName)") }
            user.roleName = role.rawValue
            try await user.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.roleChanged", entity: "user",
                                        entityID: id.uuidString, payload: ["email": user.email, "from": old.rawValue, "to": role.rawValue])
        }
    }

    /// Issues a one-time link (24 hours) to set the account's password; any earlier unused link of the
    /// account stops working. The token is returned once and stored only as its digest.
    public static func issueReset(for id: UUID, by actor: ActingUser, now: Date = Date(), on db: Database) async throws -> ResetLink {
        try requireAdmin(actor)
        // One's own password is changed on the account page, after re-entering the current one.
        guard id != actor.userID else { throw StoreError.conflict("change your own password on your account page") }
        let token = randomURLSafeToken()
        let expires = now.addingTimeInterval(resetLifetime)
        try await retryingTransaction(on: db) { tx in
            let user = try await account(id, of: actor, on: tx)
            guard user.isActive else { throw StoreError.conflict("\(user.email) is deactivated; reactivate the account first") }
            try await PasswordReset.query(on: tx).filter(\.$user.$id == id).filter(\.$usedAt == nil).delete()
            let row = PasswordReset(userID: id, tokenDigest: AccountRepository.digest(token), issuedBy: actor.userID,
                                    createdAt: now, expiresAt: expires)
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.passwordLinkIssued", entity: "user",
                                        entityID: id.uuidString, payload: ["email": user.email, "expiresAt": ISO8601DateFormatter().string(from: expires)])
        }
        return ResetLink(token: token, expiresAt: expires)
    }

    /// The account a link sets the password of, while the link is unused, unexpired and the account
    /// active; nil otherwise (the page says only that the link does not work).
    public static func resetTarget(token: String, now: Date = Date(), on db: Database) async throws -> User? {
        guard token.count <= 100,
              let row = try await PasswordReset.query(on: db).filter(\.$tokenDigest == AccountRepository.digest(token)).with(\.$user).first(),
              row.usedAt == nil, row.expiresAt > now, row.user.isActive else { return nil }
        return row.user
    }

    /// Uses a link: stores the new password hash (the caller checked the policy and hashed it), marks
    /// the link used, revokes the account's API tokens and lifts any sign-in lockout, all at once.
    /// A link used, expired or unknown is refused, and a link works once even when two requests race.
    public static func completeReset(token: String, newHash: String, now: Date = Date(), on db: Database) async throws -> User {
        try await retryingTransaction(on: db) { tx in
            guard let user = try await resetTarget(token: token, now: now, on: tx) else {
                throw StoreError.invalid([FieldError("token", "this link does not work: it was used, it expired or it was replaced; ask your administrator for a new one")])
            }
            // The claim is one conditional UPDATE, so of two requests racing with the same link only one
            // gets its row back.
            guard let sql = tx as? SQLDatabase else { throw StoreError.conflict("password links need an SQL database") }
            let claimed = try await sql.update(PasswordReset.schema).set("used_at", to: SQLBind(now))
                .where("token_digest", .equal, SQLBind(AccountRepository.digest(token)))
                .where("used_at", .is, SQLLiteral.null)
                .returning("id").all()
            guard claimed.count == 1 else { throw StoreError.conflict("this link was used at the same moment by another request") }
            user.passwordHash = newHash
            try await user.update(on: tx)
            let id = try user.requireID()
            try await APIToken.query(on: tx).filter(\.$user.$id == id).delete()
            try await SignInSessions.endAll(of: id, on: tx)
            try await SignInFailure.query(on: tx).filter(\.$id == SignInThrottle.accountKey(user.email)).delete()
            try await AuditTrail.record(on: tx, actor: id, center: user.$center.id, action: "user.passwordSet", entity: "user",
                                        entityID: id.uuidString, payload: ["email": user.email, "through": "one-time link"])
            return user
        }
    }
}
