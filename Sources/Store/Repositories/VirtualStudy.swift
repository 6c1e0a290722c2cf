import CartographCore
import Crypto
import Fluent
import Foundation

/// Where in-silico patients live: a study of their own, kept as a center with its own code, so
/// virtual patients get their own code prefix (`VF1-0001`) and every center-scoped list, count, board,
/// worklist, search, import and API listing of a real center leaves them out by construction. The
/// outcomes report reads them only when asked for the virtual cohort (`CohortRepository`).
///
/// Its records are written by recorder accounts of the study (one per role that writes the course and
/// its custody trail). They carry a random password that is never stored in clear or shown, so nobody
/// can sign in as them; no account of a real center is created for a virtual cohort.
public enum VirtualStudy {
    public static let centerCode = "VF1"
    public static let centerName = "In-silico FUMANBA-1 (virtual cohort)"

    /// The recorders' e-mail addresses (`.invalid` is reserved by RFC 2606 and never delivers).
    public static func email(for role: Role) -> String { "\(role.rawValue)@virtual-study.cartograph.invalid" }

    static let recorderRoles: [Role] = [.coordinator, .nurse, .manufacturing, .qa]

    /// The study's center and its recorders, created on first use.
    /// - Parameter passwordHash: the hash of `unguessableSecret()`, made by the caller's password hasher.
    public static func ensure(timeZone: String = "Asia/Shanghai", passwordHash: String, on db: Database) async throws -> Center {
        let center = try await AccountRepository.ensureCenter(code: centerCode, name: centerName, timeZone: timeZone, on: db)
        for role in recorderRoles where try await AccountRepository.user(email: email(for: role), on: db) == nil {
            _ = try await AccountRepository.createUser(centerCode: centerCode, email: email(for: role),
                                                       displayName: "In-silico \(role.displayName.lowercased()) (recorder)", role: role,
                                                       passwordHash: passwordHash, actor: nil, on: db)
        }
        return center
    }

    /// The study's recorder for a role.
    public static func recorder(_ role: Role, on db: Database) async throws -> User {
        guard let u = try await AccountRepository.user(email: email(for: role), on: db) else {
            throw StoreError.notFound("the virtual study's \(role.rawValue) recorder")
        }
        return u
    }

    /// 256 random bits as text: the recorders' password, hashed once and then forgotten.
    public static func unguessableSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
