/// What a signed-in person does in the program. Permissions follow from the role, never per user.
public enum Role: String, Codable, Sendable, CaseIterable, Hashable {
    case coordinator, physician, nurse, manufacturing, qa, statistician, admin
    /// A patient, or a caregiver they named, holding an account linked to that one patient. Reaches
    /// only the patient's own pages; every other route refuses it, whatever its other checks say.
    case patient

    /// The roles of the center's and the manufacturer's staff: what an administrator assigns.
    public static let staff: [Role] = allCases.filter { $0 != .patient }

    public var isStaff: Bool { self != .patient }

    public var displayName: String {
        switch self {
        case .coordinator: "Coordinator"
        case .physician: "Physician"
        case .nurse: "Nurse"
        case .manufacturing: "Manufacturing"
        case .qa: "Quality assurance"
        case .statistician: "Statistician"
        case .admin: "Administrator"
        case .patient: "Patient or caregiver"
        }
    }

    /// Name, date of birth and hospital number. The manufacturing side works from the chain-of-identity
    /// ID only (DESIGN.md), and statisticians work on de-identified data.
    public var seesIdentity: Bool {
        switch self {
        case .coordinator, .physician, .nurse, .admin: true
        // Their own: the account is linked to one patient and reaches nothing else.
        case .patient: true
        case .manufacturing, .qa, .statistician: false
        }
    }

    /// May enrol patients and record screening and journey events.
    public var recordsJourney: Bool {
        switch self {
        case .coordinator, .physician, .nurse, .admin: true
        case .manufacturing, .qa, .statistician, .patient: false
        }
    }
}
