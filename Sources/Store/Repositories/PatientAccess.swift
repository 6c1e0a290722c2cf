import CartographCore
import Fluent
import Foundation
import SQLKit

/// Accounts for patients and the caregivers they name.
///
/// A coordinator (or another clinical role) issues a printed one-time activation code for one patient
/// of their center; the holder opens an account with it, sets a password and from then on sees that
/// patient's own pages only. Codes live seven days and work once; only their SHA-256 digest is stored;
/// issuing, activating and every page a patient account views are audited.
public enum PatientAccess {
    public static let codeLifetime: TimeInterval = 7 * 24 * 3600

    /// Who will hold the account.
    public enum Holder: String, Codable, Sendable, CaseIterable {
        case patient, caregiver
    }

    /// A code as printed for its holder: shown once, never stored.
    public struct IssuedCode: Codable, Sendable, Hashable {
        public var code: String
        public var holder: Holder
        public var holderName: String
        public var patientCode: String
        public var expiresAt: Date
    }

    /// An account or an unused code of one patient, as the center's staff see it.
    public struct AccessView: Codable, Sendable, Hashable {
        public var holder: Holder
        public var holderName: String
        /// `active`, `deactivated`, `code issued` or `code expired`.
        public var status: String
        public var since: Date
    }

    /// Symbols a person can read off paper and type without confusion (no 0/O, 1/I).
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// The code as typed: upper case, without the spaces and dashes it is printed with.
    public static func normalised(_ typed: String) -> String {
        String(typed.uppercased().filter { $0 != "-" && $0 != " " })
    }

    /// Issues a code for `holder` of the patient: 12 symbols of 32 (60 bits), printed `XXXX-XXXX-XXXX`.
    public static func issue(patientID: UUID, holder: Holder, holderName: String, by actor: ActingUser, now: Date = Date(),
                             on db: Database) async throws -> IssuedCode {
        guard actor.role.recordsJourney else {
            throw StoreError.forbidden("the \(actor.role.displayName) role cannot issue patient activation codes")
        }
        let name = holderName.trimmingCharacters(in: .whitespacesAndNewlines)
        var c = FieldErrorCollector()
        c.require(!name.isEmpty, "holderName", "required: the name printed on the code sheet")
        // Counted in code points, not characters: combining marks would otherwise pile up unseen.
        c.require(name.unicodeScalars.count <= 120, "holderName", "at most 120 characters")
        c.require(!name.unicodeScalars.contains { [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) },
                  "holderName", "must not contain control, invisible or line-breaking characters")
        c.require(name.isEmpty || name.unicodeScalars.contains { $0.properties.isAlphabetic }, "holderName", "must contain a letter")
        if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        guard patient.origin == "real" else { throw StoreError.conflict("a virtual patient has no one to hand a code to") }
        var generator = SystemRandomNumberGenerator()
        let symbols = String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
        let printed = [0, 4, 8].map { String(Array(symbols)[$0..<$0 + 4]) }.joined(separator: "-")
        let expires = now.addingTimeInterval(codeLifetime)
        try await retryingTransaction(on: db) { tx in
            let row = ActivationCode()
            row.patientID = patientID; row.centerID = actor.centerID; row.codeDigest = AccountRepository.digest(symbols)
            row.holder = holder.rawValue; row.holderName = name; row.issuedBy = actor.userID
            row.createdAt = now; row.expiresAt = expires
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "patientAccess.codeIssued",
                                        entity: "patient", entityID: patientID.uuidString,
                                        payload: ["holder": holder.rawValue, "holderName": name,
                                                  "expiresAt": ISO8601DateFormatter().string(from: expires)])
        }
        return IssuedCode(code: printed, holder: holder, holderName: name, patientCode: patient.code, expiresAt: expires)
    }

    /// Whether the typed code opens an account now: known, unused, unexpired. A cheap look-up made
    /// before any password is hashed.
    public static func usable(code typed: String, now: Date = Date(), on db: Database) async throws -> Bool {
        try await open(code: typed, now: now, on: db) != nil
    }

    /// The code's row while it can open an account (well formed, known, unused, unexpired), else nil.
    static func open(code typed: String, now: Date, on db: Database) async throws -> ActivationCode? {
        let code = normalised(typed)
        guard code.count == 12, code.allSatisfy({ alphabet.contains($0) }),
              let row = try await ActivationCode.query(on: db).filter(\.$codeDigest == AccountRepository.digest(code)).first(),
              row.usedAt == nil, row.expiresAt > now else { return nil }
        return row
    }

    public static let codeRefused = "this code does not work: it may be mistyped, used already or expired; ask the treatment center for a new one"

    /// Opens the account: the code must be known, unused and unexpired (one message for all three, so
    /// the answer tells a guesser nothing), the e-mail new. The caller checked the password policy and
    /// hashed it. Two requests racing with one code: only one opens an account.
    public static func activate(code typed: String, email: String, passwordHash: String, now: Date = Date(),
                                on db: Database) async throws -> User {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await retryingTransaction(on: db) { tx in
            guard let row = try await open(code: typed, now: now, on: tx) else { throw StoreError.invalid([FieldError("code", codeRefused)]) }
            if let problem = AccountAdministration.emailProblem(address) { throw StoreError.invalid([FieldError("email", problem)]) }
            if try await User.query(on: tx).filter(\.$email == address).first() != nil {
                throw StoreError.invalid([FieldError("email", "an account with \(address) already exists; sign in with it, or use another address")])
            }
            guard let sql = tx as? SQLDatabase else { throw StoreError.conflict("activation needs an SQL database") }
            let claimed = try await sql.update(ActivationCode.schema).set("used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(try row.requireID()))
                .where("used_at", .is, SQLLiteral.null)
                .returning("id").all()
            guard claimed.count == 1 else { throw StoreError.invalid([FieldError("code", codeRefused)]) }
            let user = User(centerID: row.centerID, email: address, displayName: row.holderName, role: .patient, passwordHash: passwordHash)
            user.patientID = row.patientID
            user.relationship = row.holder
            try await user.create(on: tx)
            row.userID = try user.requireID()
            row.usedAt = now
            try await row.update(on: tx)
            try await AuditTrail.record(on: tx, actor: user.id, center: row.centerID, action: "patientAccess.activated",
                                        entity: "patient", entityID: row.patientID.uuidString,
                                        payload: ["holder": row.holder, "holderName": row.holderName, "email": address])
            return user
        }
    }

    /// Records that a patient account viewed one of its pages.
    public static func recordView(_ page: String, by actor: ActingUser, on db: Database) async throws {
        guard actor.role == .patient, let patientID = actor.patientID else { return }
        try await db.transaction { tx in
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "patientAccess.viewed",
                                        entity: "patient", entityID: patientID.uuidString, payload: ["page": page])
        }
    }

    /// The patient's accounts and unused codes, newest first, for the center's staff.
    public static func access(ofPatient patientID: UUID, for actor: ActingUser, now: Date = Date(), on db: Database) async throws -> [AccessView] {
        guard actor.role.recordsJourney else { return [] }
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let accounts = try await User.query(on: db).filter(\.$patientID == patientID).all().map {
            AccessView(holder: Holder(rawValue: $0.relationship ?? "") ?? .patient, holderName: $0.displayName,
                       status: $0.isActive ? "active" : "deactivated", since: $0.createdAt ?? now)
        }
        let codes = try await ActivationCode.query(on: db).filter(\.$patientID == patientID).filter(\.$usedAt == nil).all().map {
            AccessView(holder: Holder(rawValue: $0.holder) ?? .patient, holderName: $0.holderName,
                       status: $0.expiresAt > now ? "code issued" : "code expired", since: $0.createdAt)
        }
        return (accounts + codes).sorted { $0.since > $1.since }
    }
}
