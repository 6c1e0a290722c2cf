import Fluent
import Store
import Vapor

/// The one way a password is checked, for the sign-in page and `POST /api/tokens` alike: throttled
/// per account and per address (`SignInThrottle`), with the same bcrypt work whether or not the e-mail
/// names an account, so the answer's timing does not tell which e-mails exist.
enum SignInGate {
    enum Refusal: Error {
        /// Throttled or locked: the message says why and for how long.
        case throttled(String)
        case wrongEmailOrPassword
    }

    /// A bcrypt hash of no one's password, at the configured cost, made at start-up.
    struct DecoyHashKey: StorageKey { typealias Value = String }

    static func prepareDecoy(_ app: Application) throws {
        app.storage[DecoyHashKey.self] = try app.password.hash(UUID().uuidString + UUID().uuidString)
    }

    /// Checks a one-time code after the password, throttled like a password: refused while the account
    /// or address waits, counted as a failure when wrong, clearing both counts when right.
    static func verifyCode(_ code: String, for user: User, on req: Request) async throws -> Bool {
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        if let message = try await SignInThrottle.refusal(email: user.email, address: address, on: req.db) {
            throw Refusal.throttled(message)
        }
        guard try await SecondFactor.verify(code, for: user, on: req.db) else {
            try await SignInThrottle.failed(email: user.email, address: address, user: user, on: req.db)
            return false
        }
        try await SignInThrottle.succeeded(email: user.email, address: address, on: req.db)
        return true
    }

    static func verify(email: String, password: String, for req: Request) async throws -> User {
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        if let message = try await SignInThrottle.refusal(email: email, address: address, on: req.db) {
            throw Refusal.throttled(message)
        }
        // A deactivated account, or one whose owner has not set a password yet, costs the same bcrypt
        // work as any other and is refused the same way.
        let user = try await AccountRepository.user(email: email, on: req.db).flatMap { $0.isActive ? $0 : nil }
        let decoy = req.application.storage[DecoyHashKey.self] ?? ""
        let hash = user.map { $0.passwordHash == AccountAdministration.noPassword ? decoy : $0.passwordHash } ?? decoy
        var matches = false
        if PasswordPolicy.verifiable(password), !hash.isEmpty {
            matches = (try? await req.password.async.verify(PasswordPolicy.material(password), created: hash)) ?? false
        }
        guard let user, matches, user.passwordHash != AccountAdministration.noPassword else {
            try await SignInThrottle.failed(email: email, address: address, user: user, on: req.db)
            throw Refusal.wrongEmailOrPassword
        }
        // With a second factor the counts start again only once the code is right too, so a known
        // password cannot be used to reset the throttle on guessing codes.
        if !user.hasSecondFactor { try await SignInThrottle.succeeded(email: email, address: address, on: req.db) }
        return user
    }
}
