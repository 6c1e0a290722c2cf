import CartographCore
import Fluent
import Foundation

/// Throttling of failed sign-ins, per account and per network address (NIST SP 800-63B §5.2.2).
///
/// The first `freeFailures` consecutive failures cost nothing; each further one doubles a wait, from
/// 30 seconds up to an hour, during which that account or address is refused before any password is
/// checked. At `accountLockout` consecutive failures the account is locked until an administrator
/// lifts it; the lockout and its lifting are audited. A successful sign-in clears both counts.
public enum SignInThrottle {
    public static let freeFailures = 5
    public static let accountLockout = 10
    public static let firstDelay: TimeInterval = 30
    public static let maximumDelay: TimeInterval = 3600

    static func accountKey(_ email: String) -> String { "account:" + email.trimmingCharacters(in: .whitespaces).lowercased() }
    static func addressKey(_ address: String) -> String { "address:" + address }

    /// The wait after `failures` consecutive failures (0 while they are few).
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        return min(maximumDelay, firstDelay * pow(2, Double(min(failures - freeFailures, 20))))
    }

    /// Why a sign-in for `email` from `address` is refused right now, or nil when it may be tried.
    public static func refusal(email: String, address: String, now: Date = Date(), on db: Database) async throws -> String? {
        if let (a, until) = try await held(accountKey(email), now: now, on: db) {
            if a.failures >= accountLockout {
                return "this account is locked after \(a.failures) failed sign-ins; an administrator can unlock it"
            }
            return "too many failed sign-ins for this account; try again in \(wait(until.timeIntervalSince(now)))"
        }
        if let (_, until) = try await held(addressKey(address), now: now, on: db) {
            return "too many failed sign-ins from this address; try again in \(wait(until.timeIntervalSince(now)))"
        }
        return nil
    }

    /// The count under `key` and the moment its wait ends, while it is still waiting.
    private static func held(_ key: String, now: Date, on db: Database) async throws -> (SignInFailure, Date)? {
        guard let row = try await SignInFailure.find(key, on: db), let until = row.lockedUntil, until > now else { return nil }
        return (row, until)
    }

    /// One more failure under `key`: the next wait follows `delay`, or, from `lockOutAt` failures on,
    /// the count holds until an administrator lifts it.
    private static func count(_ key: String, lockOutAt: Int? = nil, now: Date, on tx: Database) async throws -> SignInFailure {
        let row = try await SignInFailure.find(key, on: tx) ?? SignInFailure(id: key, failures: 0, lastFailureAt: now, lockedUntil: nil)
        row.failures += 1
        row.lastFailureAt = now
        if let lockOutAt, row.failures >= lockOutAt {
            row.lockedUntil = .distantFuture
        } else {
            let wait = delay(afterFailures: row.failures)
            row.lockedUntil = wait > 0 ? now.addingTimeInterval(wait) : nil
        }
        try await row.save(on: tx)
        return row
    }

    /// Counts a failure against the account and the address. `user` is the account when the e-mail
    /// names one: its lockout is audited.
    public static func failed(email: String, address: String, user: User?, now: Date = Date(), on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in
            let account = try await count(accountKey(email), lockOutAt: accountLockout, now: now, on: tx)
            _ = try await count(addressKey(address), now: now, on: tx)
            if account.failures == accountLockout, let user {
                try await AuditTrail.record(on: tx, actor: nil, center: user.$center.id, action: "user.locked", entity: "user",
                                            entityID: try user.requireID().uuidString,
                                            payload: ["email": user.email, "failures": String(account.failures)])
            }
        }
    }

    /// Opening an account with an activation code, throttled per address like sign-in (five free
    /// failures, then waits doubling from 30 s): a code has 60 bits, but every refusal also says
    /// whether an e-mail is taken, and each attempt costs the server work.
    static func activationKey(_ address: String) -> String { "activation:" + address }

    public static func activationRefusal(address: String, now: Date = Date(), on db: Database) async throws -> String? {
        guard let (_, until) = try await held(activationKey(address), now: now, on: db) else { return nil }
        return "too many refused activations from this address; try again in \(wait(until.timeIntervalSince(now)))"
    }

    public static func activationFailed(address: String, now: Date = Date(), on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in _ = try await count(activationKey(address), now: now, on: tx) }
    }

    /// A successful sign-in: both counts start again.
    public static func succeeded(email: String, address: String, on db: Database) async throws {
        try await SignInFailure.query(on: db).filter(\.$id ~~ [accountKey(email), addressKey(address)]).delete()
    }

    /// An administrator of the account's center lifts its lockout (audited).
    public static func lift(email: String, by actor: ActingUser, on db: Database) async throws {
        guard actor.role == .admin else { throw StoreError.forbidden("only an administrator lifts a lockout") }
        try await retryingTransaction(on: db) { tx in
            guard let user = try await AccountRepository.user(email: email, on: tx), user.$center.id == actor.centerID else {
                throw StoreError.notFound("account \(email) in your center")
            }
            try await SignInFailure.query(on: tx).filter(\.$id == accountKey(email)).delete()
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "user.lockoutLifted", entity: "user",
                                        entityID: try user.requireID().uuidString, payload: ["email": user.email])
        }
    }

    static func wait(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s) s" : "\((s + 59) / 60) min"
    }
}
