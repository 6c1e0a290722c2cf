import CartographCore
import Foundation

/// Who is doing something: every repository call takes one, so scoping and audit are never forgotten.
public struct ActingUser: Sendable, Hashable {
    public var userID: UUID
    public var centerID: UUID
    public var role: Role
    /// For the `patient` role, the one patient the account sees: repositories refuse any other.
    public var patientID: UUID?
    public init(userID: UUID, centerID: UUID, role: Role, patientID: UUID? = nil) {
        self.userID = userID; self.centerID = centerID; self.role = role; self.patientID = patientID
    }
}

/// Things a repository refuses, each mapped by the web layer to a status code.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// Not found, or not in the user's center (the two are indistinguishable on purpose).
    case notFound(String)
    case forbidden(String)
    case invalid([FieldError])
    case conflict(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) not found"
        case .forbidden(let why): why
        case .invalid(let errors): errors.map(\.description).joined(separator: "; ")
        case .conflict(let why): why
        }
    }
}
