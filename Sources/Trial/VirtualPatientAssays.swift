import CartographCore
import Clinical
import Foundation

/// How the laboratory measures a virtual patient: assay noise, limits of detection, rounding and
/// units, producing `LabResult`s exactly as a center's import would hold them (rule set
/// `VIRTUAL-ASSAYS-1`). All limits are *assumptions* typical of the methods unless a source is named.
///
/// | analyte | measured | noise (log-SD) | limit |
/// |---|---|---|---|
/// | serum M-protein (SPEP) | model M-protein, g/dL, 2 decimals | 0.08 | < 0.1 g/dL reported 0 (spike not seen) |
/// | serum immunofixation | positive when M-protein ≥ 0.02 g/dL, or tumour FLC ≥ 50 mg/L in light-chain disease | — | — |
/// | urine M-protein (UPEP) | tumour-proportional, mg/24 h, integer | 0.15 | < 20 mg/24 h reported 0 |
/// | urine immunofixation | positive when urine M-protein ≥ 5 mg/24 h | — | — |
/// | κ, λ FLC | polyclonal + tumour part (involved chain), mg/L, 1 decimal | 0.10 | — |
/// | marrow plasma cells | 100·tumour/marrow + 0.2% normal, 1 decimal, ≤ 100 | 0.30 (sampling) | — |
/// | marrow clonality | clonal when the tumour is ≥ 0.1% of nucleated cells | 0.30 | — |
/// | MRD (NGF, EuroFlow) | positive when tumour fraction ≥ sensitivity 10⁻⁵ | 0.50 (sampling) | FUMANBA-1 used NGF at 10⁻⁵ (Li 2024) |
/// | transgene (ddPCR) | `FucasoVirtualPatient.transgeneCopies`, copies/µg, integer | 0.25 | LLOD 5, LLOQ 20 copies/µg; below LLOD reported 0 |
/// | plasmacytoma SPD | model SPD, cm², 1 decimal | 0.10 | < 1 cm² reported 0 (not measurable) |
public enum VirtualPatientAssays {
    public static let ruleSet = "VIRTUAL-ASSAYS-1"
    public static let spepLimit = 0.1
    public static let serumIFELimit = 0.02
    public static let serumIFELightChainLimit = 50.0
    public static let upepLimit = 20.0
    public static let urineIFELimit = 5.0
    public static let normalMarrowPlasmaCellPercent = 0.2
    public static let clonalityLimit = 1e-3
    public static let mrdMethod = MRDMethod.nextGenerationFlow
    public static let mrdSensitivity = 1e-5
    public static let transgeneLLOD = 5.0
    public static let transgeneLLOQ = 20.0
    public static let imagingLimit = 1.0

    static func round(_ v: Double, _ places: Double) -> Double { (v * places).rounded() / places }

    /// The disease panel (SPEP, serum IFE, UPEP, urine IFE, κ, λ) of one sample date.
    public static func diseasePanel(_ patient: FucasoVirtualPatient, _ y: FucasoPatientModel.State, code: String,
                                    on date: CalendarDate, random r: inout VirtualPatientRandom) -> [LabResult] {
        let cov = patient.covariates
        let light = cov.isotype == .lightChainOnly
        let m = max(0, y[FucasoPatientModel.paraprotein])
        let tumourFLC = patient.tumourFreeLightChain(y)
        let urine = patient.urineMProtein(y)
        var spep = m * exp(0.08 * r.normal())
        spep = spep < spepLimit ? 0 : min(round(spep, 100), 20)
        let serumIFE = light ? tumourFLC >= serumIFELightChainLimit : m >= serumIFELimit
        var upep = urine * exp(0.15 * r.normal())
        upep = upep < upepLimit ? 0 : min(upep.rounded(), 100_000)
        let urineIFE = urine >= urineIFELimit
        let involvedBackground = cov.kappa ? cov.backgroundKappa : cov.backgroundLambda
        let uninvolvedBackground = cov.kappa ? cov.backgroundLambda : cov.backgroundKappa
        let involved = min(round((involvedBackground + tumourFLC) * exp(0.10 * r.normal()), 10), 1_000_000)
        let uninvolved = round(uninvolvedBackground * exp(0.10 * r.normal()), 10)
        return [
            LabResult(patientCode: code, sampleDate: date, analyte: .serumMProtein, value: .number(spep)),
            LabResult(patientCode: code, sampleDate: date, analyte: .serumImmunofixation, value: .finding(serumIFE)),
            LabResult(patientCode: code, sampleDate: date, analyte: .urineMProtein, value: .number(upep)),
            LabResult(patientCode: code, sampleDate: date, analyte: .urineImmunofixation, value: .finding(urineIFE)),
            LabResult(patientCode: code, sampleDate: date, analyte: .kappaFreeLightChain,
                      value: .number(cov.kappa ? involved : uninvolved)),
            LabResult(patientCode: code, sampleDate: date, analyte: .lambdaFreeLightChain,
                      value: .number(cov.kappa ? uninvolved : involved)),
        ]
    }

    /// Marrow aspirate: plasma cells, clonality and (after infusion) MRD by NGF at 10⁻⁵.
    public static func marrow(_ patient: FucasoVirtualPatient, _ y: FucasoPatientModel.State, code: String,
                              on date: CalendarDate, withMRD: Bool, random r: inout VirtualPatientRandom) -> [LabResult] {
        let fraction = patient.marrowTumour(y) / patient.parameters.marrowNucleatedCells
        let sampled = fraction * exp(0.30 * r.normal())
        let percent = min(round(100 * sampled + normalMarrowPlasmaCellPercent, 10), 100)
        var out = [
            LabResult(patientCode: code, sampleDate: date, analyte: .marrowPlasmaCells, value: .number(percent)),
            LabResult(patientCode: code, sampleDate: date, analyte: .marrowClonality, value: .finding(sampled >= clonalityLimit)),
        ]
        if withMRD {
            let mrdFraction = fraction * exp(0.50 * r.normal())
            out.append(LabResult(patientCode: code, sampleDate: date, analyte: .mrd,
                                 value: .finding(mrdFraction >= mrdSensitivity),
                                 method: mrdMethod, sensitivity: mrdSensitivity))
        }
        return out
    }

    /// Blood CAR transgene by ddPCR.
    public static func transgene(_ patient: FucasoVirtualPatient, _ y: FucasoPatientModel.State, day: Int, code: String,
                                 on date: CalendarDate, random r: inout VirtualPatientRandom) -> LabResult {
        let level = patient.transgeneCopies(y, day: Double(day)) * exp(0.25 * r.normal())
        let reported = level < transgeneLLOD ? 0 : min(level.rounded(), 10_000_000)
        return LabResult(patientCode: code, sampleDate: date, analyte: .transgeneCopies, value: .number(reported),
                         lowerLimitOfDetection: transgeneLLOD, lowerLimitOfQuantification: transgeneLLOQ)
    }

    /// Plasmacytoma SPD on imaging (extramedullary patients).
    public static func imaging(_ patient: FucasoVirtualPatient, _ y: FucasoPatientModel.State, code: String,
                               on date: CalendarDate, random r: inout VirtualPatientRandom) -> LabResult {
        let spd = patient.plasmacytomaSPD(y) * exp(0.10 * r.normal())
        let reported = spd < imagingLimit ? 0 : min(round(spd, 10), 10_000)
        return LabResult(patientCode: code, sampleDate: date, analyte: .plasmacytomaSPD, value: .number(reported))
    }
}
