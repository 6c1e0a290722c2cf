import CartographCore
/// Depressed level of consciousness, ASTCT 2019 ICANS domain.
public enum ICANSConsciousness: String, Sendable, Equatable, Codable, CaseIterable {
    /// Fully awake: no depressed consciousness (grade 0 in this domain).
    case awake
    case awakensSpontaneously
    case awakensToVoice
    case awakensToTactileStimulus
    /// Unarousable or needing vigorous or repetitive tactile stimuli to arouse; stupor or coma.
    case unarousable
}

/// Seizure findings, ASTCT 2019 ICANS domain.
public enum ICANSSeizure: String, Sendable, Equatable, Codable, CaseIterable {
    case none
    /// Any clinical seizure, focal or generalized, that resolves rapidly.
    case rapidlyResolving
    /// Non-convulsive seizures on EEG that resolve with intervention.
    case nonconvulsiveResolvedWithIntervention
    /// Life-threatening prolonged seizure (> 5 min).
    case prolonged
    /// Repetitive clinical or electrical seizures without return to baseline in between.
    case repetitiveWithoutReturnToBaseline
}

/// Cerebral edema on neuroimaging, ASTCT 2019 ICANS raised-ICP domain.
public enum ICANSCerebralEdema: String, Sendable, Equatable, Codable, CaseIterable {
    case none, focal, diffuse
}

/// One neurological assessment graded for ICANS (adults, ASTCT 2019).
///
/// The JSON form is the `grade icans` contract. `iceScore` must be present (a number 0...10, or
/// null when the ICE assessment could not be performed), so a forgotten ICE is never read as a
/// normal one; every other field defaults as shown in `init`.
public struct ICANSAssessment: Sendable, Equatable, Codable {
    /// ICE score 0...10, or `nil` when it could not be performed.
    public var iceScore: Int?
    public var consciousness: ICANSConsciousness
    public var seizure: ICANSSeizure
    /// Deep focal motor weakness such as hemiparesis or paraparesis.
    public var deepFocalMotorWeakness: Bool
    /// Decerebrate or decorticate posturing.
    public var posturing: Bool
    public var cranialNerveVIPalsy: Bool
    public var papilledema: Bool
    public var cushingsTriad: Bool
    public var cerebralEdema: ICANSCerebralEdema
    /// The findings are attributable to another cause, so they are not ICANS.
    public var attributableToOtherCause: Bool
    public var deathDueToICANS: Bool

    public init(
        iceScore: Int?,
        consciousness: ICANSConsciousness = .awake,
        seizure: ICANSSeizure = .none,
        deepFocalMotorWeakness: Bool = false,
        posturing: Bool = false,
        cranialNerveVIPalsy: Bool = false,
        papilledema: Bool = false,
        cushingsTriad: Bool = false,
        cerebralEdema: ICANSCerebralEdema = .none,
        attributableToOtherCause: Bool = false,
        deathDueToICANS: Bool = false
    ) {
        self.iceScore = iceScore
        self.consciousness = consciousness
        self.seizure = seizure
        self.deepFocalMotorWeakness = deepFocalMotorWeakness
        self.posturing = posturing
        self.cranialNerveVIPalsy = cranialNerveVIPalsy
        self.papilledema = papilledema
        self.cushingsTriad = cushingsTriad
        self.cerebralEdema = cerebralEdema
        self.attributableToOtherCause = attributableToOtherCause
        self.deathDueToICANS = deathDueToICANS
    }

    /// Checks the ICE range; throws a `ClinicalInputError` naming the field.
    public func validate() throws {
        if let ice = iceScore, !(0...10).contains(ice) {
            throw ClinicalInputError(field: "iceScore", message: "\(ice) is out of range 0...10")
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case iceScore, consciousness, seizure, deepFocalMotorWeakness, posturing, cranialNerveVIPalsy
        case papilledema, cushingsTriad, cerebralEdema, attributableToOtherCause, deathDueToICANS
    }

    static var shape: StrictJSONShape { StrictJSONShape(allowed: CodingKeys.allCases.map(\.stringValue)) }

    public init(from decoder: any Decoder) throws {
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        guard json.contains("iceScore") else {
            throw ClinicalInputError(field: "iceScore", message: "required: an integer 0...10, or null when the ICE assessment cannot be performed")
        }
        self.init(
            iceScore: try json.integer("iceScore", in: 0...10, nullable: true),
            consciousness: try json.enumeration("consciousness", default: .awake),
            seizure: try json.enumeration("seizure", default: .none),
            deepFocalMotorWeakness: try json.bool("deepFocalMotorWeakness", default: false),
            posturing: try json.bool("posturing", default: false),
            cranialNerveVIPalsy: try json.bool("cranialNerveVIPalsy", default: false),
            papilledema: try json.bool("papilledema", default: false),
            cushingsTriad: try json.bool("cushingsTriad", default: false),
            cerebralEdema: try json.enumeration("cerebralEdema", default: .none),
            attributableToOtherCause: try json.bool("attributableToOtherCause", default: false),
            deathDueToICANS: try json.bool("deathDueToICANS", default: false))
    }

    /// Writes every field, `iceScore` as null when not performed, so the JSON reads back unchanged.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iceScore, forKey: .iceScore)
        try c.encode(consciousness, forKey: .consciousness)
        try c.encode(seizure, forKey: .seizure)
        try c.encode(deepFocalMotorWeakness, forKey: .deepFocalMotorWeakness)
        try c.encode(posturing, forKey: .posturing)
        try c.encode(cranialNerveVIPalsy, forKey: .cranialNerveVIPalsy)
        try c.encode(papilledema, forKey: .papilledema)
        try c.encode(cushingsTriad, forKey: .cushingsTriad)
        try c.encode(cerebralEdema, forKey: .cerebralEdema)
        try c.encode(attributableToOtherCause, forKey: .attributableToOtherCause)
        try c.encode(deathDueToICANS, forKey: .deathDueToICANS)
    }
}
