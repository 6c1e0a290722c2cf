import Foundation
import CartographCore

/// Therapy that changes how CRS is graded once given (ASTCT 2019: after antipyretics or anti-cytokine
/// therapy fever is no longer required).
public enum SafetyInterventionKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case tocilizumab, corticosteroid, anakinra, antipyretic

    /// Words for reasons and alerts.
    public var displayName: String {
        switch self {
        case .tocilizumab: "tocilizumab"
        case .corticosteroid: "corticosteroids"
        case .anakinra: "anakinra"
        case .antipyretic: "antipyretic"
        }
    }
}

/// One dose of a CRS/ICANS intervention, as the medication record holds it.
public struct SafetyIntervention: Sendable, Equatable, Hashable, Codable {
    public var kind: SafetyInterventionKind
    /// When it was given; only doses given at or before an assessment's time affect that assessment.
    public var givenAt: Date

    public init(kind: SafetyInterventionKind, givenAt: Date) {
        self.kind = kind
        self.givenAt = givenAt
    }
}

/// Units a vasopressor infusion rate is charted in.
public enum SafetyVasopressorDoseUnit: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case microgramsPerKilogramPerMinute, microgramsPerMinute, unitsPerMinute

    /// Plausibility limits, typo guards rather than dosing advice: they catch a rate typed in the
    /// wrong unit (0.1 µg/kg/min typed as 100) without ever rejecting a real chart entry.
    public var plausibleRange: ClosedRange<Double> {
        switch self {
        case .microgramsPerKilogramPerMinute: 0...10
        case .microgramsPerMinute: 0...1_000
        case .unitsPerMinute: 0...1
        }
    }
}

/// A running vasopressor with its rate. The ASTCT grade counts drugs, not doses; the dose is kept
/// for the record and for the alert text.
public struct SafetyVasopressorDose: Sendable, Equatable, Hashable, Codable {
    public var drug: CRSVasopressor
    /// Current rate, > 0, in `unit`.
    public var dose: Double
    public var unit: SafetyVasopressorDoseUnit

    public init(drug: CRSVasopressor, dose: Double, unit: SafetyVasopressorDoseUnit) {
        self.drug = drug
        self.dose = dose
        self.unit = unit
    }
}

/// The five items of the ICE screen as the nurse scores them (ASTCT 2019 ICE table).
public struct SafetyICEItems: Sendable, Equatable, Hashable, Codable {
    /// Year, month, city, hospital: 0...4.
    public var orientation: Int
    /// Three objects named: 0...3.
    public var naming: Int
    /// Follows simple commands: 0...1.
    public var followsCommands: Int
    /// Writes a standard sentence: 0...1.
    public var writing: Int
    /// Counts backwards from 100 by ten: 0...1.
    public var attention: Int

    public init(orientation: Int, naming: Int, followsCommands: Int, writing: Int, attention: Int) {
        self.orientation = orientation
        self.naming = naming
        self.followsCommands = followsCommands
        self.writing = writing
        self.attention = attention
    }

    /// Each item with its field name and maximum, in the order of the ICE table.
    var itemsWithLimits: [(field: String, value: Int, maximum: Int)] {
        [("orientation", orientation, 4), ("naming", naming, 3), ("followsCommands", followsCommands, 1),
         ("writing", writing, 1), ("attention", attention, 1)]
    }
}

/// One bedside assessment at one instant: vital signs, oxygen, the ICE screen and the neurological
/// findings a nurse records. Grades are never typed: `SafetyAssessmentGrading.grade(_:)` computes them
/// with the ASTCT 2019 engines (`CRSGrading`, `ICANSGrading`).
///
/// Every field but `studyDay`, `recordedAt` and `temperatureC` has a default meaning "not present".
public struct SafetyAssessment: Sendable, Equatable, Codable {
    /// Study day of `recordedAt` in the center's time zone (Day 0 = infusion). Domain -60...3650.
    public var studyDay: Int
    /// When the assessment was made.
    public var recordedAt: Date

    // CRS findings.
    /// Highest temperature in °C since the previous assessment; `nil` = not measured. Domain 30...45.
    public var temperatureC: Double?
    /// Systolic blood pressure, mmHg (40...260); `nil` = not measured.
    public var systolicMmHg: Double?
    /// Diastolic blood pressure, mmHg (20...200, below systolic); `nil` = not measured.
    public var diastolicMmHg: Double?
    /// Hypotension as judged at the bedside. ASTCT 2019 gives no numeric definition (it depends on
    /// age and baseline), so the grade follows this flag, never the numbers.
    public var hypotension: Bool
    public var vasopressors: [SafetyVasopressorDose]
    public var oxygenDevice: CRSOxygenDevice
    /// Oxygen flow, L/min (0...80); only with a device.
    public var oxygenFlowLitersPerMinute: Double?
    /// The fever has another documented cause (e.g. infection), so it is not CRS fever.
    public var feverAttributableToOtherCause: Bool
    public var deathDueToCRS: Bool

    // ICANS findings.
    /// The five ICE items; `nil` = ICE not assessed (not performed or not possible).
    public var ice: SafetyICEItems?
    public var consciousness: ICANSConsciousness
    public var seizure: ICANSSeizure
    /// Motor finding: deep focal weakness such as hemiparesis or paraparesis.
    public var deepFocalMotorWeakness: Bool
    /// Cerebral edema on neuroimaging (focal/local or diffuse).
    public var cerebralEdema: ICANSCerebralEdema
    /// Decerebrate or decorticate posturing.
    public var posturing: Bool
    public var cranialNerveVIPalsy: Bool
    public var papilledema: Bool
    public var cushingsTriad: Bool
    /// The neurological findings have another cause, so they are not ICANS.
    public var neurologicFindingsAttributableToOtherCause: Bool
    public var deathDueToICANS: Bool

    /// The patient's intervention history as the medication record holds it (any order, may include
    /// doses given after this assessment: those are ignored when grading it).
    public var interventions: [SafetyIntervention]

    public init(
        studyDay: Int, recordedAt: Date, temperatureC: Double?,
        systolicMmHg: Double? = nil, diastolicMmHg: Double? = nil, hypotension: Bool = false,
        vasopressors: [SafetyVasopressorDose] = [], oxygenDevice: CRSOxygenDevice = .none,
        oxygenFlowLitersPerMinute: Double? = nil, feverAttributableToOtherCause: Bool = false,
        deathDueToCRS: Bool = false, ice: SafetyICEItems? = nil, consciousness: ICANSConsciousness = .awake,
        seizure: ICANSSeizure = .none, deepFocalMotorWeakness: Bool = false,
        cerebralEdema: ICANSCerebralEdema = .none, posturing: Bool = false, cranialNerveVIPalsy: Bool = false,
        papilledema: Bool = false, cushingsTriad: Bool = false,
        neurologicFindingsAttributableToOtherCause: Bool = false, deathDueToICANS: Bool = false,
        interventions: [SafetyIntervention] = []
    ) {
        self.studyDay = studyDay
        self.recordedAt = recordedAt
        self.temperatureC = temperatureC
        self.systolicMmHg = systolicMmHg
        self.diastolicMmHg = diastolicMmHg
        self.hypotension = hypotension
        self.vasopressors = vasopressors
        self.oxygenDevice = oxygenDevice
        self.oxygenFlowLitersPerMinute = oxygenFlowLitersPerMinute
        self.feverAttributableToOtherCause = feverAttributableToOtherCause
        self.deathDueToCRS = deathDueToCRS
        self.ice = ice
        self.consciousness = consciousness
        self.seizure = seizure
        self.deepFocalMotorWeakness = deepFocalMotorWeakness
        self.cerebralEdema = cerebralEdema
        self.posturing = posturing
        self.cranialNerveVIPalsy = cranialNerveVIPalsy
        self.papilledema = papilledema
        self.cushingsTriad = cushingsTriad
        self.neurologicFindingsAttributableToOtherCause = neurologicFindingsAttributableToOtherCause
        self.deathDueToICANS = deathDueToICANS
        self.interventions = interventions
    }
}
