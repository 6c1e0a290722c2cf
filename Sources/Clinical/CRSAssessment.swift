import CartographCore
import Foundation

/// A vasopressor as recorded on a CRS assessment.
///
/// ASTCT 2019 counts vasopressors to grade hypotension and treats vasopressin specially
/// ("one vasopressor with or without vasopressin" is grade 3; "multiple vasopressors excluding
/// vasopressin" is grade 4). Inotropes such as dobutamine are not vasopressors and are rejected.
public enum CRSVasopressor: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case norepinephrine, vasopressin, phenylephrine, epinephrine, dopamine
}

/// How oxygen is delivered, the ASTCT 2019 proxy for the severity of hypoxia.
public enum CRSOxygenDevice: String, Sendable, Equatable, Codable, CaseIterable {
    case none, blowBy, nasalCannula, highFlowNasalCannula, faceMask, nonRebreatherMask, venturiMask
    case cpap, bipap, mechanicalVentilation
}

/// One bedside CRS assessment: the findings ASTCT 2019 grades from.
///
/// The JSON form is the `grade crs` contract: every field is optional and takes the default shown
/// here, except `temperatureC`, which is required unless fever cannot change the grade (anti-pyretic
/// or anti-cytokine therapy given, fever attributed to another cause, or death due to CRS).
/// Requiring it there stops a missing temperature from silently grading a hypotensive patient 0.
public struct CRSAssessment: Sendable, Equatable, Codable {
    /// Highest temperature in °C for this assessment; `nil` = not measured. Domain 25...45 °C,
    /// which also rejects a Fahrenheit value typed by mistake (101.3).
    public var temperatureC: Double?
    /// Fever explained by another cause (e.g. documented infection), so it does not count as CRS fever.
    public var feverAttributableToOtherCause: Bool
    /// Antipyretics or anti-cytokine therapy (tocilizumab, steroids) given: fever is no longer
    /// required and the grade is driven by hypotension and hypoxia.
    public var antipyreticOrAnticytokineGiven: Bool
    /// Hypotension present. Vasopressors imply hypotension even when this is false.
    public var hypotension: Bool
    /// Vasopressors running; duplicates count once.
    public var vasopressors: [CRSVasopressor]
    public var oxygenDevice: CRSOxygenDevice
    /// Oxygen flow in L/min (domain 0...80), or `nil` when not recorded.
    public var oxygenFlowLitersPerMinute: Double?
    public var deathDueToCRS: Bool

    public init(
        temperatureC: Double?,
        feverAttributableToOtherCause: Bool = false,
        antipyreticOrAnticytokineGiven: Bool = false,
        hypotension: Bool = false,
        vasopressors: [CRSVasopressor] = [],
        oxygenDevice: CRSOxygenDevice = .none,
        oxygenFlowLitersPerMinute: Double? = nil,
        deathDueToCRS: Bool = false
    ) {
        self.temperatureC = temperatureC
        self.feverAttributableToOtherCause = feverAttributableToOtherCause
        self.antipyreticOrAnticytokineGiven = antipyreticOrAnticytokineGiven
        self.hypotension = hypotension
        self.vasopressors = vasopressors
        self.oxygenDevice = oxygenDevice
        self.oxygenFlowLitersPerMinute = oxygenFlowLitersPerMinute
        self.deathDueToCRS = deathDueToCRS
    }

    static let temperatureDomain: ClosedRange<Double> = 25...45
    static let flowDomain: ClosedRange<Double> = 0...80

    /// Checks ranges and the cross-field rules; throws a `ClinicalInputError` naming the field.
    public func validate() throws {
        if let t = temperatureC, !(t.isFinite && Self.temperatureDomain.contains(t)) {
            throw ClinicalInputError(field: "temperatureC", message: "\(t.clinicalText) is out of range 25...45 (°C)")
        }
        if let flow = oxygenFlowLitersPerMinute {
            guard flow.isFinite, Self.flowDomain.contains(flow) else {
                throw ClinicalInputError(field: "oxygenFlowLitersPerMinute", message: "\(flow.clinicalText) is out of range 0...80")
            }
            if oxygenDevice == .none {
                throw ClinicalInputError(
                    field: "oxygenFlowLitersPerMinute", message: "a flow is given but oxygenDevice is none")
            }
        }
        let feverCannotMatter = antipyreticOrAnticytokineGiven || feverAttributableToOtherCause || deathDueToCRS
        if temperatureC == nil && !feverCannotMatter {
            throw ClinicalInputError(
                field: "temperatureC",
                message: "required: fever >= 38.0 °C must be assessed unless antipyreticOrAnticytokineGiven, "
                    + "feverAttributableToOtherCause or deathDueToCRS is true")
        }
    }

    private static let fields = [
        "temperatureC", "feverAttributableToOtherCause", "antipyreticOrAnticytokineGiven", "hypotension",
        "vasopressors", "oxygenDevice", "oxygenFlowLitersPerMinute", "deathDueToCRS",
    ]

    static var shape: StrictJSONShape { StrictJSONShape(allowed: fields) }

    public init(from decoder: any Decoder) throws {
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        let names = try json.stringArray("vasopressors")
        var pressors: [CRSVasopressor] = []
        for (index, name) in names.enumerated() {
            pressors.append(try CRSVasopressor.parse(name, field: "vasopressors[\(index)]"))
        }
        self.init(
            temperatureC: try json.number("temperatureC", in: Self.temperatureDomain, nullable: true),
            feverAttributableToOtherCause: try json.bool("feverAttributableToOtherCause", default: false),
            antipyreticOrAnticytokineGiven: try json.bool("antipyreticOrAnticytokineGiven", default: false),
            hypotension: try json.bool("hypotension", default: false),
            vasopressors: pressors,
            oxygenDevice: try json.enumeration("oxygenDevice", default: .none),
            oxygenFlowLitersPerMinute: try json.number("oxygenFlowLitersPerMinute", in: Self.flowDomain, nullable: true),
            deathDueToCRS: try json.bool("deathDueToCRS", default: false))
        try validate()
    }
}
