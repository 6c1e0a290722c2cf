import Foundation

/// The isotype of the myeloma's monoclonal protein.
public enum VirtualPatientIsotype: String, Sendable, Equatable, Codable, CaseIterable {
    case igG, igA
    /// Light-chain-only (Bence Jones) myeloma: no serum M-protein, response followed by FLC.
    case lightChainOnly
}

/// One virtual FUMANBA-1 patient's baseline characteristics (before lymphodepletion).
///
/// Distributions (drawn by `VirtualPatientCovariates.draw`):
/// - age: normal, mean 57, SD 7.5, truncated to 39–70 years — FUMANBA-1 median 58 (range 39–70),
///   Li C et al., ASH 2022 abstract / JAMA Oncol 2024 (103 patients).
/// - male 53.4% (same source); weight: normal 63 ± 10 kg truncated to 40–100 (*assumption*, Chinese
///   adults).
/// - prior lines: 3 + geometric(p = 0.45), capped at 23 — median 4 (range 3–23), same source.
/// - prior BCMA CAR-T 11%, extramedullary disease 12.8% (seed 000, 36-month cut).
/// - high-risk cytogenetics (del(17p), t(4;14), t(14;16)) 35% (*assumption*: typical of BCMA CAR-T
///   trials; FUMANBA-1's own figure under its broader definition was not used).
/// - isotype IgG 57%, IgA 23%, light-chain-only 20%; κ 62% (*assumption* scaled from Kyle RA et al.,
///   Mayo Clin Proc 2003;78:21, 1,027 patients: IgG 52%, IgA 21%, light chain 16%).
/// - marrow plasma cells: log-normal, median 25%, ω 0.7, clamped to 3–90% (*assumption*).
/// - serum M-protein (IgG/IgA): 1.0 + log-normal(median 1.8, ω 0.6) g/dL, ≤ 10 — measurable disease
///   was an entry criterion (≥ 1 g/dL, NCT05698303-style criteria; IMWG 2016).
/// - tumour-derived involved FLC: light-chain-only 150 + log-normal(700, ω 1.0) mg/L (≥ 100 mg/L
///   with an abnormal ratio is measurable); intact-immunoglobulin log-normal(60, ω 1.0) mg/L.
/// - polyclonal background FLC κ log-normal(12, 0.35) mg/L and κ/λ log-normal(0.8, 0.2)
///   (*assumption*, centred in the normal ranges κ 3.3–19.4, λ 5.7–26.3 mg/L, ratio 0.26–1.65,
///   Katzmann JA et al., Clin Chem 2002;48:1437; the ratio is kept narrow so the polyclonal ratio is
///   normal and an abnormal ratio means tumour).
/// - 24-h urine M-protein: light-chain-only log-normal(500, 1.0), others log-normal(40, 1.0) mg/24 h.
/// - extramedullary tumour (if EMD): log-normal(30, 0.8) Gcells; SPD 12 cm² × (T/30)^(2/3)
///   (*assumption*: area scales as volume^(2/3)).
public struct VirtualPatientCovariates: Sendable, Equatable, Codable {
    public var ageYears: Double
    public var male: Bool
    public var weightKilograms: Double
    public var priorLines: Int
    public var priorBCMACART: Bool
    public var extramedullaryDisease: Bool
    public var highRiskCytogenetics: Bool
    public var isotype: VirtualPatientIsotype
    public var kappa: Bool
    /// Marrow plasma cells at baseline, % (the tumour burden driver).
    public var marrowPlasmaCellPercent: Double
    /// Serum M-protein at baseline, g/dL (0 for light-chain-only).
    public var serumMProtein: Double
    /// Tumour-derived part of the involved FLC at baseline, mg/L.
    public var tumourFreeLightChain: Double
    /// Polyclonal κ and λ FLC, mg/L.
    public var backgroundKappa: Double
    public var backgroundLambda: Double
    /// Urine M-protein at baseline, mg/24 h.
    public var urineMProtein: Double
    /// Extramedullary tumour, Gcells (0 without EMD).
    public var extramedullaryTumour: Double
    /// Sum of products of diameters of the plasmacytomas at baseline, cm² (0 without EMD).
    public var plasmacytomaSPD: Double

    /// Draws a patient (stream `.covariates`). `priorLines` overrides the drawn number (scenario knob).
    public static func draw(seed: UInt64, index: Int, priorLines override: Int? = nil) -> VirtualPatientCovariates {
        var r = VirtualPatientRandom(seed: seed, index: index, stream: .covariates)
        let age = r.truncatedNormal(mean: 57, sd: 7.5, in: 39...70)
        let male = r.chance(0.534)
        let weight = r.truncatedNormal(mean: 63, sd: 10, in: 40...100)
        var lines = 3
        while lines < 23 && !r.chance(0.45) { lines += 1 }
        let priorCART = r.chance(0.11)
        let emd = r.chance(0.128)
        let highRisk = r.chance(0.35)
        let u = r.uniform()
        let isotype: VirtualPatientIsotype = u < 0.57 ? .igG : u < 0.80 ? .igA : .lightChainOnly
        let kappa = r.chance(0.62)
        let marrow = min(max(r.logNormal(median: 25, omega: 0.7), 3), 90)
        let lightChain = isotype == .lightChainOnly
        let serum = lightChain ? 0 : min(1.0 + r.logNormal(median: 1.8, omega: 0.6), 10)
        let flc = lightChain ? min(150 + r.logNormal(median: 700, omega: 1.0), 20_000)
                             : min(r.logNormal(median: 60, omega: 1.0), 5_000)
        let bk = r.logNormal(median: 12, omega: 0.35)
        // λ from κ through a narrow normal κ/λ ratio, so the polyclonal ratio itself is normal.
        let bl = bk / r.logNormal(median: 0.8, omega: 0.2)
        let urine = lightChain ? min(r.logNormal(median: 500, omega: 1.0), 10_000)
                               : min(r.logNormal(median: 40, omega: 1.0), 2_000)
        let emdTumour = r.logNormal(median: 30, omega: 0.8)
        return VirtualPatientCovariates(
            ageYears: age, male: male, weightKilograms: weight, priorLines: override ?? lines,
            priorBCMACART: priorCART, extramedullaryDisease: emd, highRiskCytogenetics: highRisk,
            isotype: isotype, kappa: kappa, marrowPlasmaCellPercent: marrow, serumMProtein: serum,
            tumourFreeLightChain: flc, backgroundKappa: bk, backgroundLambda: bl, urineMProtein: urine,
            extramedullaryTumour: emd ? emdTumour : 0,
            plasmacytomaSPD: emd ? 12 * pow(emdTumour / 30, 2.0 / 3.0) : 0)
    }
}
