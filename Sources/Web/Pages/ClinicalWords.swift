import Clinical

/// The words a form or page shows for the engines' coded values: units as clinicians write them
/// (`µg/kg/min`), devices and findings in plain words, in the request's language. The raw values stay
/// what is stored and what the API speaks; only pages use these.
enum ClinicalWords {
    /// The engines' reasons (English sentences composed in the Clinical target) in the page's
    /// language, each found through the catalogues' templates, joined as the language joins a list.
    static func reasons(_ list: [String]) -> String {
        list.map { tr(source: $0) }.joined(separator: tr("; "))
    }

    static func unit(_ u: SafetyVasopressorDoseUnit) -> String {
        switch u {
        case .microgramsPerKilogramPerMinute: "µg/kg/min"
        case .microgramsPerMinute: "µg/min"
        case .unitsPerMinute: tr("units/min")
        }
    }

    static func oxygen(_ d: CRSOxygenDevice) -> String {
        switch d {
        case .none: tr("none (room air)")
        case .blowBy: tr("blow-by")
        case .nasalCannula: tr("nasal cannula (low flow)")
        case .highFlowNasalCannula: tr("high-flow nasal cannula")
        case .faceMask: tr("face mask")
        case .nonRebreatherMask: tr("non-rebreather mask")
        case .venturiMask: tr("Venturi mask")
        case .cpap: "CPAP"
        case .bipap: "BiPAP"
        case .mechanicalVentilation: tr("mechanical ventilation")
        }
    }

    static func consciousness(_ c: ICANSConsciousness) -> String {
        switch c {
        case .awake: tr("awake")
        case .awakensSpontaneously: tr("awakens spontaneously")
        case .awakensToVoice: tr("awakens to voice")
        case .awakensToTactileStimulus: tr("awakens only to tactile stimulus")
        case .unarousable: tr("unarousable, or needs vigorous or repeated stimuli")
        }
    }

    static func seizure(_ s: ICANSSeizure) -> String {
        switch s {
        case .none: tr("none")
        case .rapidlyResolving: tr("clinical seizure, focal or generalised, resolving rapidly")
        case .nonconvulsiveResolvedWithIntervention: tr("non-convulsive seizures on EEG, resolving with intervention")
        case .prolonged: tr("life-threatening prolonged seizure (> 5 min)")
        case .repetitiveWithoutReturnToBaseline: tr("repetitive seizures without return to baseline in between")
        }
    }

    static func edema(_ e: ICANSCerebralEdema) -> String {
        switch e {
        case .none: tr("none")
        case .focal: tr("focal or local oedema on imaging")
        case .diffuse: tr("diffuse cerebral oedema on imaging")
        }
    }

    static func vasopressor(_ v: CRSVasopressor) -> String { tr(source: v.rawValue) }
}
