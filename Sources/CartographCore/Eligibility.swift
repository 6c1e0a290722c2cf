/// Classes of prior myeloma therapy that eligibility rules speak of.
public enum DrugClass: String, Codable, Sendable, CaseIterable, Hashable {
    case proteasomeInhibitor
    case immunomodulatoryDrug
    case antiCD38Antibody
    case bcmaCART
    case bcmaBispecific
    case bcmaAntibodyDrugConjugate
    case cd19Directed
    case alkylatingAgent
    case autologousTransplant
    case other

    /// True for any therapy directed at BCMA (CAR-T, bispecific or antibody–drug conjugate).
    public var isBCMADirected: Bool { [.bcmaCART, .bcmaBispecific, .bcmaAntibodyDrugConjugate].contains(self) }

    public var displayName: String {
        switch self {
        case .proteasomeInhibitor: "proteasome inhibitor"
        case .immunomodulatoryDrug: "immunomodulatory drug"
        case .antiCD38Antibody: "anti-CD38 antibody"
        case .bcmaCART: "BCMA CAR-T"
        case .bcmaBispecific: "BCMA bispecific antibody"
        case .bcmaAntibodyDrugConjugate: "BCMA antibody–drug conjugate"
        case .cd19Directed: "CD19-directed therapy"
        case .alkylatingAgent: "alkylating agent"
        case .autologousTransplant: "autologous transplant"
        case .other: "other"
        }
    }
}

/// How the disease behaved after the most recent line of therapy.
public enum LastLineOutcome: String, Codable, Sendable, CaseIterable, Hashable {
    /// Progressed during or after the line (relapsed or refractory).
    case progressiveDisease
    case stableDisease
    case response

    /// In words, as the screening form and the eligibility reasons say it.
    public var displayName: String {
        switch self {
        case .progressiveDisease: "progressive disease (relapsed or refractory)"
        case .stableDisease: "stable disease"
        case .response: "response"
        }
    }
}

/// Laboratory and organ-function values that screening criteria can bound.
public enum ScreeningAnalyte: String, Codable, Sendable, CaseIterable, Hashable {
    case absoluteNeutrophilCount        // per µL
    case platelets                      // per µL
    case hemoglobin                     // g/dL
    case creatinineClearance            // mL/min
    case alanineAminotransferaseULN     // multiples of the upper limit of normal
    case aspartateAminotransferaseULN   // × ULN
    case totalBilirubinULN              // × ULN
    case leftVentricularEjectionFraction // %
    case oxygenSaturation               // % on room air
    case marrowBlastPercent             // % of marrow cells

    public var displayName: String {
        switch self {
        case .absoluteNeutrophilCount: "ANC (/µL)"
        case .platelets: "Platelets (/µL)"
        case .hemoglobin: "Hemoglobin (g/dL)"
        case .creatinineClearance: "Creatinine clearance (mL/min)"
        case .alanineAminotransferaseULN: "ALT (× ULN)"
        case .aspartateAminotransferaseULN: "AST (× ULN)"
        case .totalBilirubinULN: "Total bilirubin (× ULN)"
        case .leftVentricularEjectionFraction: "LVEF (%)"
        case .oxygenSaturation: "SpO₂ on room air (%)"
        case .marrowBlastPercent: "Marrow blasts (%)"
        }
    }

    /// Values outside these bounds cannot be real measurements and are rejected as input errors.
    public var plausibleRange: ClosedRange<Double> {
        switch self {
        case .absoluteNeutrophilCount: 0...100_000
        case .platelets: 0...2_000_000
        case .hemoglobin: 0...25
        case .creatinineClearance: 0...300
        case .alanineAminotransferaseULN, .aspartateAminotransferaseULN, .totalBilirubinULN: 0...100
        case .leftVentricularEjectionFraction, .oxygenSaturation, .marrowBlastPercent: 0...100
        }
    }
}

/// One line of prior therapy.
public struct PriorLine: Codable, Sendable, Hashable {
    public var drugClasses: [DrugClass]
    public init(drugClasses: [DrugClass]) { self.drugClasses = drugClasses }
}

/// What the team found at screening. `nil` means "not yet known": a criterion that needs it is
/// `unknown`, never silently met.
public struct ScreeningData: Codable, Sendable, Hashable {
    public var ageYears: Int?
    public var diagnosis: Disease?
    public var priorLines: [PriorLine]?
    public var lastLineOutcome: LastLineOutcome?
    public var ecog: Int?
    public var labs: [ScreeningAnalyte: Double]
    public var activeInfection: Bool?
    public var extramedullaryDisease: Bool?
    /// High-risk cytogenetics by FISH (del(17p), t(4;14) or t(14;16); IMWG risk, Sonneveld et al.,
    /// Blood 2016;127:2955). Not an eligibility criterion: recorded for subgroup analyses. Older stored
    /// screenings without it read as `nil` (unknown).
    public var highRiskCytogenetics: Bool?

    public init(ageYears: Int? = nil, diagnosis: Disease? = nil, priorLines: [PriorLine]? = nil,
                lastLineOutcome: LastLineOutcome? = nil, ecog: Int? = nil, labs: [ScreeningAnalyte: Double] = [:],
                activeInfection: Bool? = nil, extramedullaryDisease: Bool? = nil, highRiskCytogenetics: Bool? = nil) {
        self.ageYears = ageYears; self.diagnosis = diagnosis; self.priorLines = priorLines
        self.lastLineOutcome = lastLineOutcome; self.ecog = ecog; self.labs = labs
        self.activeInfection = activeInfection; self.extramedullaryDisease = extramedullaryDisease
        self.highRiskCytogenetics = highRiskCytogenetics
    }

    /// A BCMA-directed CAR-T among the prior lines (FUMANBA-1's "prior CAR-T" subgroup).
    public var hadPriorBCMACART: Bool {
        priorLines?.contains { $0.drugClasses.contains(.bcmaCART) } ?? false
    }

    /// Checks that every value given is a possible measurement; reports each bad field.
    public func validate() throws {
        var c = FieldErrorCollector()
        if let a = ageYears { c.require((0...120).contains(a), "ageYears", "must be between 0 and 120, got \(a)") }
        if let e = ecog { c.require((0...5).contains(e), "ecog", "ECOG performance status is 0–5, got \(e)") }
        for (analyte, value) in labs.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            c.require(value.isFinite && analyte.plausibleRange.contains(value), "labs.\(analyte.rawValue)",
                      "\(value) is outside the possible range \(analyte.plausibleRange.lowerBound)…\(analyte.plausibleRange.upperBound)")
        }
        if let lines = priorLines {
            // The virtual population draws 3 to 23 prior lines; 40 leaves room for any real history and
            // still refuses a list no history could hold.
            c.require(lines.count <= 40, "priorLines", "at most 40 prior lines, got \(lines.count)")
            for (i, line) in lines.prefix(40).enumerated() {
                if line.drugClasses.isEmpty { c.add("priorLines[\(i)].drugClasses", "a prior line needs at least one drug class") }
                c.require(line.drugClasses.count <= DrugClass.allCases.count, "priorLines[\(i)].drugClasses",
                          "at most \(DrugClass.allCases.count) drug classes (each once), got \(line.drugClasses.count)")
            }
        }
        try c.throwIfAny()
    }
}

/// A bound on one laboratory value.
public struct LaboratoryLimit: Codable, Sendable, Hashable {
    public var analyte: ScreeningAnalyte
    public var minimum: Double?
    public var maximum: Double?
    public init(_ analyte: ScreeningAnalyte, minimum: Double? = nil, maximum: Double? = nil) {
        self.analyte = analyte; self.minimum = minimum; self.maximum = maximum
    }
}

/// One inclusion or exclusion rule of a product profile.
public enum EligibilityCriterion: Codable, Sendable, Hashable {
    case age(minimum: Int, maximum: Int?)
    case diagnosis([Disease])
    case minimumPriorLines(Int)
    /// Every listed class must appear in at least one prior line.
    case priorDrugClasses([DrugClass])
    case lastLineOutcome([LastLineOutcome])
    case maximumECOG(Int)
    case laboratory(LaboratoryLimit)
    case noActiveInfection
    case extramedullaryDisease(allowed: Bool)
    case priorBCMATherapy(allowed: Bool)

    /// A short stable key, used in stored verdicts and as the form anchor.
    public var key: String {
        switch self {
        case .age: "age"
        case .diagnosis: "diagnosis"
        case .minimumPriorLines: "priorLines"
        case .priorDrugClasses: "priorDrugClasses"
        case .lastLineOutcome: "lastLineOutcome"
        case .maximumECOG: "ecog"
        case .laboratory(let l): "lab.\(l.analyte.rawValue)"
        case .noActiveInfection: "activeInfection"
        case .extramedullaryDisease: "extramedullaryDisease"
        case .priorBCMATherapy: "priorBCMATherapy"
        }
    }

    public var summary: String {
        switch self {
        case .age(let lo, let hi): hi.map { "Age \(lo)–\($0) years" } ?? "Age ≥ \(lo) years"
        case .diagnosis(let ds): "Diagnosis: " + ds.map(\.displayName).joined(separator: " or ")
        case .minimumPriorLines(let n): "At least \(n) prior lines of therapy"
        case .priorDrugClasses(let cs): "Prior exposure to " + cs.map(\.displayName).joined(separator: " and ")
        case .lastLineOutcome(let os): "After the last line: " + os.map(\.rawValue).joined(separator: " or ")
        case .maximumECOG(let m): "ECOG performance status 0–\(m)"
        case .laboratory(let l):
            switch (l.minimum, l.maximum) {
            case let (lo?, hi?): "\(l.analyte.displayName) \(formatted(lo))–\(formatted(hi))"
            case let (lo?, nil): "\(l.analyte.displayName) ≥ \(formatted(lo))"
            case let (nil, hi?): "\(l.analyte.displayName) ≤ \(formatted(hi))"
            case (nil, nil): l.analyte.displayName
            }
        case .noActiveInfection: "No active uncontrolled infection"
        case .extramedullaryDisease(let allowed): allowed ? "Extramedullary disease allowed" : "No extramedullary disease"
        case .priorBCMATherapy(let allowed): allowed ? "Prior BCMA-directed therapy allowed" : "No prior BCMA-directed therapy"
        }
    }
}

func formatted(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
extension ScreeningAnalyte: CodingKeyRepresentable {}
