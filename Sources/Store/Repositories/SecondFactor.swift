import CartographCore
import Fluent
import Foundation

/// A second factor for signing in and for e-signatures (NIST SP 800-63B §5.1.4.1, single-factor OTP
/// device): set up by its owner on the account page, confirmed with a first code, checked at sign-in
/// after the password. A center can require it for its administrators and QA — the roles that manage
/// accounts and release product — and for every e-signature (21 CFR 11.200(a)(1): two distinct
/// identification components). Every change is audited.
public enum SecondFactor {
    /// The roles a center's rule covers at sign-in.
    public static let coveredRoles: Set<Role> = [.admin, .qa]

    public static let issuer = "Cartograph"

    /// Whether the user's center requires a second factor of them at sign-in.
    public static func requiredAtSignIn(_ user: User, on db: Database) async throws -> Bool {
        guard coveredRoles.contains(user.role) else { return false }
        return try await Center.find(user.$center.id, on: db)?.requireSecondFactor ?? false
    }

    /// The center requires a second factor of the user and they have none yet: until they set one up
    /// they may only do that (or sign out).
    public static func mustSetUp(_ user: User, on db: Database) async throws -> Bool {
        guard coveredRoles.contains(user.role), !user.hasSecondFactor else { return false }
        return try await requiredAtSignIn(user, on: db)
    }

    /// Whether the center requires a code with every e-signature.
    public static func requiredForSignatures(centerID: UUID, on db: Database) async throws -> Bool {
        try await Center.find(centerID, on: db)?.requireSecondFactor ?? false
    }

    /// Starts (or restarts) setting up: a new secret to show, stored as pending until a code confirms it.
    public static func begin(for user: User, on db: Database) async throws -> (secret: String, uri: String) {
        let secret = TimeBasedOneTimePassword.newSecret()
        guard let row = try await User.find(try user.requireID(), on: db) else { throw StoreError.notFound("account") }
        // Replacing a factor takes the password and a current code: remove it first.
        guard row.totpSecret == nil else { throw StoreError.conflict("two-step sign-in is already on; turn it off first (password and code) to set up another app") }
        row.totpPendingSecret = Base32.encode(secret)
        try await row.update(on: db)
        return (Base32.encode(secret), TimeBasedOneTimePassword.uri(secret: secret, account: user.email, issuer: issuer))
    }

    /// Confirms the pending secret with a code from the app; it then becomes the account's factor.
    /// Tokens and other sessions issued without a code end: from now on every sign-in needs one.
    public static func confirm(for user: User, code: String, keepingSession: String? = nil, now: Date = Date(), on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in
            guard let row = try await User.find(try user.requireID(), on: tx) else { throw StoreError.notFound("account") }
            guard let pending = row.totpPendingSecret, let secret = Base32.decode(pending) else {
                throw StoreError.invalid([FieldError("code", "start setting up first")])
            }
            guard let counter = TimeBasedOneTimePassword.matchingCounter(code, secret: secret, at: now, usedUpTo: nil) else {
                throw StoreError.invalid([FieldError("code", "does not match: enter the 6 digits the app shows now")])
            }
            row.totpSecret = pending
            row.totpPendingSecret = nil
            row.totpLastCounter = counter
            try await row.update(on: tx)
            try await APIToken.query(on: tx).filter(\.$user.$id == (try row.requireID())).delete()
            try await SignInSessions.endAll(of: try row.requireID(), keeping: keepingSession, on: tx)
            try await AuditTrail.record(on: tx, actor: try row.requireID(), center: row.$center.id, action: "user.secondFactorEnabled",
                                        entity: "user", entityID: try row.requireID().uuidString, payload: ["email": row.email])
        }
    }

    /// Checks a code for the account and uses it up: true once per time step.
    public static func verify(_ code: String, for user: User, now: Date = Date(), on db: Database) async throws -> Bool {
        try await retryingTransaction(on: db) { tx in
            guard let row = try await User.find(try user.requireID(), on: tx), let stored = row.totpSecret, let secret = Base32.decode(stored),
                  let counter = TimeBasedOneTimePassword.matchingCounter(code, secret: secret, at: now, usedUpTo: row.totpLastCounter) else {
                return false
            }
            row.totpLastCounter = counter
            try await row.update(on: tx)
            return true
        }
    }

    /// Removes the account's factor (the caller checked the password and a code). Refused while the
    /// center requires it of the account's role.
    public static func disable(for user: User, on db: Database) async throws {
        if try await requiredAtSignIn(user, on: db) {
            throw StoreError.conflict("your center requires a second factor for \(user.role.displayName); it cannot be removed")
        }
        try await retryingTransaction(on: db) { tx in
            guard let row = try await User.find(try user.requireID(), on: tx) else { throw StoreError.notFound("account") }
            row.totpSecret = nil
            row.totpPendingSecret = nil
            row.totpLastCounter = nil
            try await row.update(on: tx)
            try await AuditTrail.record(on: tx, actor: try row.requireID(), center: row.$center.id, action: "user.secondFactorRemoved",
                                        entity: "user", entityID: try row.requireID().uuidString, payload: ["email": row.email])
        }
    }

    /// An administrator removes a member's factor (a lost phone); the member sets it up again.
    public static func reset(_ id: UUID, by actor: ActingUser, on db: Database) async throws {
        try AccountAdministration.requireAdmin(actor)
        guard id != actor.userID else { throw StoreError.conflict("turn off your own two-step sign-in on your account page (password and code)") }
        try await retryingTransaction(on: db) { tx in
            let row = try await AccountAdministration.account(id, of: actor, on: tx)
            guard row.totpSecret != nil || row.totpPendingSecret != nil else { throw StoreError.conflict("\(row.email) has no second factor") }
            row.totpSecret = nil
            row.totpPendingSecret = nil
            row.totpLastCounter = nil
            try await row.update(on: tx)
            try await SignInSessions.endAll(of: id, on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.secondFactorReset",
                                        entity: "user", entityID: id.uuidString, payload: ["email": row.email])
        }
    }

    /// An administrator sets the center's rule.
    public static func setRequired(_ required: Bool, by actor: ActingUser, on db: Database) async throws {
        try AccountAdministration.requireAdmin(actor)
        try await retryingTransaction(on: db) { tx in
            guard let center = try await Center.find(actor.centerID, on: tx) else { throw StoreError.notFound("center") }
            guard center.requireSecondFactor != required else { return }
            // The administrator turning it on is covered too: they set theirs up first, so the rule
            // never locks out the person who set it.
            if required, try await User.find(actor.userID, on: tx)?.hasSecondFactor != true {
                throw StoreError.conflict("set up two-step sign-in for your own account first (your account page), then require it")
            }
            center.requireSecondFactor = required
            try await center.update(on: tx)
            // Tokens issued without a code to the covered roles stop working; their owners set up the factor first.
            if required {
                let covered = try await User.query(on: tx).filter(\.$center.$id == actor.centerID)
                    .filter(\.$roleName ~~ coveredRoles.map(\.rawValue)).filter(\.$totpSecret == nil).all().map { try $0.requireID() }
                if !covered.isEmpty { try await APIToken.query(on: tx).filter(\.$user.$id ~~ covered).delete() }
            }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "center.secondFactorRule",
                                        entity: "center", entityID: actor.centerID.uuidString, payload: ["required": String(required)])
        }
    }
}
