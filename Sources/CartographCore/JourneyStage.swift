/// Where a therapy stands: one of the treatment process's six steps (after screening), or an off-ramp.
///
/// The six steps follow seed 003: leukapheresis, manufacturing, lymphodepletion, infusion,
/// short-term monitoring (to Day 28) and long-term monitoring.
public enum JourneyStage: String, Codable, Sendable, CaseIterable, Hashable {
    case screening
    case collection
    case manufacturing
    case lymphodepletion
    /// Lymphodepletion finished; waiting for the infusion inside its window.
    case infusion
    case shortTermMonitoring
    case longTermFollowUp
    // Off-ramps.
    case notEligible
    /// Every collection attempt the profile allows has failed: no product can be made.
    case collectionFailed
    case manufacturingFailed
    case outOfSpecification
    case notInfused
    case followUpEnded

    public var isOffRamp: Bool {
        [.notEligible, .collectionFailed, .manufacturingFailed, .outOfSpecification, .notInfused, .followUpEnded].contains(self)
    }

    /// The step number of the treatment process (1–6), nil for screening and off-ramps.
    public var stepNumber: Int? {
        switch self {
        case .collection: 1
        case .manufacturing: 2
        case .lymphodepletion: 3
        case .infusion: 4
        case .shortTermMonitoring: 5
        case .longTermFollowUp: 6
        default: nil
        }
    }

    public var displayName: String {
        switch self {
        case .screening: "Screening"
        case .collection: "Leukapheresis"
        case .manufacturing: "Manufacturing"
        case .lymphodepletion: "Lymphodepletion"
        case .infusion: "Infusion"
        case .shortTermMonitoring: "Monitoring (Day 0–28)"
        case .longTermFollowUp: "Long-term follow-up"
        case .notEligible: "Not eligible"
        case .collectionFailed: "Collection failed"
        case .manufacturingFailed: "Manufacturing failed"
        case .outOfSpecification: "Out of specification"
        case .notInfused: "Not infused"
        case .followUpEnded: "Follow-up ended"
        }
    }
}
