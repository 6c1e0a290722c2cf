/// A response category of the IMWG uniform response criteria.
///
/// Source: Kumar S et al., *International Myeloma Working Group consensus criteria for response and
/// minimal residual disease assessment in multiple myeloma*, Lancet Oncol 2016;17:e328–e346 (standard
/// response table), which keeps the categories of Durie BGM et al., Leukemia 2006;20:1467 and
/// Rajkumar SV et al., Blood 2011;117:4691 and adds minimal response (MR) for all patients.
///
/// The raw values are the spellings of the `cartograph response` JSON contract. `NE` (not evaluable) is
/// not an IMWG category: the engine uses it for an assessment at which nothing that bears on the
/// patient's disease was measured.
public enum IMWGCategory: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case stringentCompleteResponse = "sCR"
    case completeResponse = "CR"
    case veryGoodPartialResponse = "VGPR"
    case partialResponse = "PR"
    case minimalResponse = "MR"
    case stableDisease = "SD"
    case progressiveDisease = "PD"
    case notEvaluable = "NE"

    /// Depth of a non-progression category: SD 0, MR 1, PR 2, VGPR 3, CR 4, sCR 5.
    ///
    /// `nil` for PD and NE, which are not points on the depth scale. "At least PR" is
    /// `depth.map { $0 >= IMWGCategory.partialResponse.depth! }`.
    public var depth: Int? {
        switch self {
        case .stableDisease: 0
        case .minimalResponse: 1
        case .partialResponse: 2
        case .veryGoodPartialResponse: 3
        case .completeResponse: 4
        case .stringentCompleteResponse: 5
        case .progressiveDisease, .notEvaluable: nil
        }
    }

    /// The non-progression category of a given depth (inverse of `depth`).
    ///
    /// - Precondition: `depth` in 0...5.
    public init(depth: Int) {
        switch depth {
        case ...0: self = .stableDisease
        case 1: self = .minimalResponse
        case 2: self = .partialResponse
        case 3: self = .veryGoodPartialResponse
        case 4: self = .completeResponse
        default: self = .stringentCompleteResponse
        }
    }

    /// True for PR or deeper: what trials count as an objective response (ORR).
    public var isObjectiveResponse: Bool { (depth ?? -1) >= 2 }

    /// True for CR or sCR.
    public var isCompleteResponse: Bool { (depth ?? -1) >= 4 }
}
