import Clinical

/// The words a form or page shows for the engines' coded values: units as clinicians write them
/// (`µg/kg/min`), devices and findings in plain English. The raw values stay what is stored and what
/// the API speaks; only pages use these.
enum ClinicalWords {
    static func unit(_ u: SafetyVasopressorDoseUnit) -> String {
        switch u {
        case .microgramsPerKilogramPerMinute: "µg/kg/min"
        case .microgramsPerMinute: "µg/min"
        case .unitsPerMinute: "units/min"
        }
    }

    static func oxygen(_ d: CRSOxygenDevice) -> String {
        switch d {
        case .none: "none (room air)"
        case .blowBy: "blow-by"
        case .nasalCannula: "nasal cannula (low flow)"
        case .highFlowNasalCannula: "high-flow nasal cannula"
        case .faceMask: "face mask"
        case .nonRebreatherMask: "non-rebreather mask"
        case .venturiMask: "Venturi mask"
        case .cpap: "CPAP"
        case .bipap: "BiPAP"
        case .mechanicalVentilation: "mechanical ventilation"
        }
    }

    static func consciousness(_ c: ICANSConsciousness) -> String {
        switch c {
        case .awake: "awake"
        case .awakensSpontaneously: "awakens spontaneously"
        case .awakensToVoice: "awakens to voice"
        case .awakensToTactileStimulus: "awakens only to tactile stimulus"
        case .unarousable: "unarousable, or needs vigorous or repeated stimuli"
        }
    }

    static func seizure(_ s: ICANSSeizure) -> String {
        switch s {
        case .none: "none"
        case .rapidlyResolving: "clinical seizure, focal or generalised, resolving rapidly"
        case .nonconvulsiveResolvedWithIntervention: "non-convulsive seizures on EEG, resolving with intervention"
        case .prolonged: "life-threatening prolonged seizure (> 5 min)"
        case .repetitiveWithoutReturnToBaseline: "repetitive seizures without return to baseline in between"
        }
    }

    static func edema(_ e: ICANSCerebralEdema) -> String {
        switch e {
        case .none: "none"
        case .focal: "focal or local oedema on imaging"
        case .diffuse: "diffuse cerebral oedema on imaging"
        }
    }

    static func vasopressor(_ v: CRSVasopressor) -> String { v.rawValue }
}
