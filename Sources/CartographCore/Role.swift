/// What a signed-in person does in the program. Permissions follow from the role, never per user.
public enum Role: String, Codable, Sendable, CaseIterable, Hashable {
    case coordinator, physician, nurse, manufacturing, qa, statistician, admin

    public var displayName: String {
        switch self {
        case .coordinator: "Coordinator"
        case .physician: "Physician"
        case .nurse: "Nurse"
        case .manufacturing: "Manufacturing"
        case .qa: "Quality assurance"
        case .statistician: "Statistician"
        case .admin: "Administrator"
        }
    }

    /// Name, date of birth and hospital number. The manufacturing side works from the chain-of-identity
    /// ID only (DESIGN.md), and statisticians work on de-identified data.
    public var seesIdentity: Bool {
        switch self {
        case .coordinator, .physician, .nurse, .admin: true
        case .manufacturing, .qa, .statistician: false
        }
    }

    /// May enrol patients and record screening and journey events.
    public var recordsJourney: Bool {
        switch self {
        case .coordinator, .physician, .nurse, .admin: true
        case .manufacturing, .qa, .statistician: false
        }
    }
}
