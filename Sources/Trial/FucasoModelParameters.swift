import Foundation

/// Population parameters of the mechanistic FUCASO (equecabtagene autoleucel) model: typical values
/// and inter-individual variability (IIV), model version `FUCASO-MECH-2`.
///
/// Units: time in days; cells in units of 10⁹ ("Gcells"); M-protein in g/dL; cytokine in pg/mL;
/// binding rates in the units a surface-plasmon-resonance report uses (kon 1/(M·s), koff 1/s).
///
/// Every value is tagged in its doc comment as one of:
/// - *literature* — the source is named (paper and table or section);
/// - *calibrated* — fitted by `trial-calibrate` to the FUMANBA-1 calibration set
///   (shared/reference/product-and-trial.md); the committed values live in
///   `FucasoCalibratedParameters.swift` and the defaults here are the pre-calibration guesses;
/// - *assumption* — a modelling choice with a stated reason, neither fitted nor measured.
///
/// IIV: each `…IIV` value is the SD ω of a log-normal factor `exp(ω·z − 0)`, `z ~ N(0,1)`, applied to
/// the typical value (so the typical value is the population *median*).
public struct FucasoModelParameters: Sendable, Equatable, Codable {
    public static let modelVersion = "FUCASO-MECH-2"

    // MARK: CAR–BCMA binding (FucasoEngagement)

    /// Association rate of the scFv for BCMA, 1/(M·s). *Assumption*: 1×10⁵, the middle of the usual
    /// scFv range (10⁴–10⁶); no published kon for eque-cel was found.
    public var associationRate: Double = 1e5
    /// Dissociation rate of the eque-cel scFv, 1/s (scenario knob `--dissociation-rate`). *Assumption*:
    /// 5×10⁻³ /s, i.e. KD = 50 nM with `associationRate`: "moderate affinity, fast dissociation, close
    /// to TCR kinetics" (seeds 000, 003) placed between high-affinity antibodies (~10⁻⁴ /s) and TCRs
    /// (10⁻¹–1 /s, Valitutti 1995 cites the TCR's high off-rate).
    public var dissociationRate: Double = 5e-3
    /// CAR molecules per T cell. *Assumption*: 5×10⁴ (lentiviral CARs: 10⁴–10⁵ per cell).
    public var carPerCell: Double = 5e4
    /// BCMA molecules per myeloma cell, population median. *Assumption*: 2,000 (reported BCMA
    /// densities on myeloma cells span roughly 10²–10⁴ per cell).
    public var bcmaPerCell: Double = 2000
    /// IIV of BCMA density. *Assumption*: ω = 0.6.
    public var bcmaPerCellIIV: Double = 0.6
    /// Fraction of a cell's surface inside one immunological synapse. *Assumption*: 0.033
    /// (≈10 µm² of ≈300 µm²).
    public var synapseSurfaceFraction: Double = 0.033
    /// Effective concentration, nM, of one molecule confined to the synapse cleft. *Assumption*:
    /// 1/(N_A × 10 µm² × 15 nm) ≈ 11 nM (cleft volume 1.5×10⁻¹⁶ L).
    public var synapseNanomolarPerMolecule: Double = 11
    /// Minimal dwell, s, for a CAR engagement to trigger (kinetic proofreading, McKeithan T,
    /// PNAS 1995;92:5042). *Assumption*: 2 s.
    public var proofreadingSeconds: Double = 2
    /// Uninterrupted engagement, s, beyond which signalling counts as sustained and drives
    /// exhaustion. *Assumption*: 300 s (minutes-long signalling; chronic stimulation causes
    /// exhaustion, short serial engagements do not — Valitutti S et al., Nature 1995;375:148 for
    /// serial triggering).
    public var sustainedEngagementSeconds: Double = 300
    /// Productive triggering rate, per second per T cell, giving half-maximal stimulation.
    /// *Assumption*: 0.2 /s.
    public var triggeringHalfMaximal: Double = 0.2

    // MARK: CAR-T cells

    /// Maximal tumour kills per engaged effector per day. *Calibrated* (pre-calibration 1).
    public var killRate: Double = 1
    /// Killing capacity of a memory CAR-T cell relative to an effector. *Assumption*: 0.3 (memory
    /// CAR-T cells keep cytotoxicity and carry the surveillance that holds MRD negativity; seed 004
    /// reports persistence correlating with sustained MRD negativity).
    public var memoryKillFraction: Double = 0.3
    /// Half-saturation of killing and stimulation, Gcells (ratio-dependent kinetics, De Boer &
    /// Perelson's saturation in effectors and targets). *Assumption*: 10 Gcells.
    public var engagementHalfSaturation: Double = 10
    /// Antigen-driven proliferation of effectors at full stimulation, 1/day. *Calibrated*
    /// (pre-calibration 3).
    public var expansionRate: Double = 3
    /// Lag between engagement and proliferation (the division programme of an activated T cell),
    /// days. *Calibrated* (pre-calibration 0.5): Kaech & Ahmed, Nat Immunol 2001;2:415.
    public var proliferationLagDays: Double = 0.5
    /// How long the division programme runs on once stimulation falls (time constant of its wind-down),
    /// days. *Calibrated* (pre-calibration 4): a brief antigen contact commits a CD8 T cell to 7–10
    /// divisions over about a week, whatever the antigen does next (Kaech & Ahmed 2001; van Stipdonk MJ
    /// et al., Nat Immunol 2001;2:423).
    public var programmeDurationDays: Double = 4
    /// Antigen-independent (homeostatic) proliferation of effectors at Day 0, 1/day, fading with
    /// `homeostaticDays`: lymphodepletion raises IL-7 and IL-15, which drive infused T cells to divide
    /// (Gattinoni L et al., J Exp Med 2005;202:907). *Calibrated* (pre-calibration 0.5; bounds 0.01–0.7, at most
    /// about one homeostatic division a day).
    public var homeostaticExpansion: Double = 0.5
    /// Time constant of the homeostatic drive, days. *Assumption*: 21 (cytokine levels settle within
    /// weeks of fludarabine/cyclophosphamide).
    public var homeostaticDays: Double = 21
    /// IIV of the expansion rate (product and host T-cell fitness). *Assumption*: 0.25.
    public var expansionRateIIV: Double = 0.25
    /// Ceiling on all CAR-T cells (smooth crowding 1/(1 + CAR/ceiling)), Gcells. *Calibrated* since
    /// `FUCASO-MECH-2` (was an assumption of 200): the fit needs room for the pool to keep growing to
    /// Day 12–14 and puts the ceiling at ≈ 720 Gcells, so pools peak near 4×10¹² cells, about ten times
    /// the body's lymphocytes — a known limitation (docs/trial-model.md, "What the model cannot yet explain").
    public var carCapacity: Double = 200
    /// Effector death, 1/day. *Assumption*: 0.2 (contraction half-life ≈3.5 days, Stein AM et al.,
    /// CPT Pharmacometrics Syst Pharmacol 2019;8:285, contraction phase of tisagenlecleucel).
    public var effectorDeath: Double = 0.2
    /// Effector → memory differentiation, 1/day. *Calibrated* (pre-calibration 0.0011).
    public var memoryFormation: Double = 0.0011
    /// Memory → effector reactivation at full stimulation, 1/day. *Assumption*: 0.5.
    public var memoryReactivation: Double = 0.5
    /// Memory death, 1/day, population median. *Calibrated* (pre-calibration 0.017).
    public var memoryDeath: Double = 0.017
    /// IIV of memory death. *Calibrated* (pre-calibration 2.8; bounds 0.2–3): the long tail of transgene persistence
    /// (VCN detectable in 40% at 24 months, seed 004) needs a wide spread.
    public var memoryDeathIIV: Double = 2.8
    /// Exhaustion imprint on memory: a memory cell's death rate is multiplied by (1 + κ·ξ), ξ the
    /// patient's sustained-engagement drive (`FucasoEngagement.exhaustionDrive`). Chronic CAR
    /// signalling imprints exhaustion programmes that limit persistence (Long AH et al., Nat Med
    /// 2015;21:581, tonic-signalling CARs). *Assumption*: κ = 2. The calibration set holds one product,
    /// so κ cannot be fitted: it alone sets how much the off-rate changes persistence. With κ = 0 the
    /// calibrated model says a slower binder persists *longer* (slower clearance means longer antigen
    /// exposure), the opposite of the seeds' claim.
    public var exhaustionImprint: Double = 2
    /// Upper limit of an individual memory death rate, 1/day. *Assumption*: 1 (the log-normal tail
    /// beyond it means "no memory" either way).
    public var memoryDeathCeiling: Double = 1
    /// Effector → exhausted at full sustained engagement, 1/day. *Calibrated* (pre-calibration 2).
    public var exhaustionRate: Double = 2
    /// Exhausted-cell death, 1/day. *Assumption*: 0.1.
    public var exhaustedDeath: Double = 0.1
    /// Fraction of the infused CAR-T cells that are memory-like. *Assumption*: 0.3.
    public var infusedMemoryFraction: Double = 0.3
    /// Relative expansion per prior line above 4 (T-cell fitness falls with prior therapy).
    /// *Assumption*: −3% per line.
    public var expansionPerPriorLine: Double = -0.03

    // MARK: Anti-drug antibodies

    /// Probability that a patient mounts ADA against a fully human scFv. *Literature*: 19.4%
    /// (20/103, Li C et al., JAMA Oncol 2024, FUMANBA-1).
    public var adaProbabilityHuman: Double = 0.194
    /// Probability of ADA against a murine scFv. *Assumption* (scenario only, not calibrated): 0.5.
    public var adaProbabilityMurine: Double = 0.5
    /// ADA rise per day while CAR-T cells are present (titre on a 0–1 scale). *Assumption*: 1/45.
    public var adaRise: Double = 1.0 / 45
    /// CAR-T (Gcells) at half-maximal ADA stimulation. *Assumption*: 0.05.
    public var adaHalfStimulus: Double = 0.05
    /// ADA decay, 1/day. *Assumption*: 0.005 (titre half-life ≈140 days).
    public var adaDecay: Double = 0.005
    /// Extra CAR-T clearance at full titre, 1/day, human scFv. *Assumption*: 0.01 (FUMANBA-1 reported
    /// ADA without a clear effect on persistence, so a weak effect).
    public var adaClearanceHuman: Double = 0.01
    /// Extra CAR-T clearance at full titre, 1/day, murine scFv. *Assumption*: 0.08 (anti-murine
    /// responses clear CAR-T cells; scenario only).
    public var adaClearanceMurine: Double = 0.08

    // MARK: Tumour

    /// Net growth of myeloma, 1/day, population median. *Calibrated* (pre-calibration 0.012,
    /// doubling ≈58 days in progressing relapsed/refractory disease).
    public var tumourGrowth: Double = 0.012
    /// IIV of tumour growth. *Assumption*: 0.5.
    public var tumourGrowthIIV: Double = 0.5
    /// Growth factor for high-risk cytogenetics. *Assumption*: 1.5.
    public var highRiskGrowthFactor: Double = 1.5
    /// Growth factor of extramedullary disease relative to marrow. *Assumption*: 1.5.
    public var extramedullaryGrowthFactor: Double = 1.5
    /// Effective CAR-T access to extramedullary tumour (fraction of marrow access). *Calibrated*
    /// (pre-calibration 0.065).
    public var extramedullaryAccess: Double = 0.065
    /// Marrow nucleated cells, Gcells (converts tumour to plasma-cell % and MRD fraction).
    /// *Assumption*: 1,000 (10¹²).
    public var marrowNucleatedCells: Double = 1000
    /// Ceiling of marrow tumour, Gcells. *Assumption*: 1,500.
    public var marrowTumourCapacity: Double = 1500
    /// BCMA-negative fraction of the marrow clone at infusion, CAR-T-naive patients, median.
    /// *Calibrated* (pre-calibration 2×10⁻⁹). Biallelic BCMA loss is a documented escape route
    /// (Samur MK et al., Nat Commun 2021;12:868).
    public var antigenNegativeFractionNaive: Double = 2e-9
    /// BCMA-negative fraction after a prior BCMA CAR-T, median. *Calibrated* (pre-calibration 6×10⁻⁴).
    public var antigenNegativeFractionPrior: Double = 6e-4
    /// IIV of the BCMA-negative fraction. *Assumption*: 1.5.
    public var antigenNegativeFractionIIV: Double = 1.5
    /// BCMA density factor after a prior BCMA CAR-T (antigen down-regulation). *Assumption*: 0.5.
    public var priorCARTBCMAFactor: Double = 0.5

    // MARK: Paraprotein

    /// IgG M-protein half-life, days. *Literature*: ≈21 days (Waldmann TA & Strober W, Prog Allergy
    /// 1969;13:1, IgG catabolism; FcRn recycling).
    public var igGHalfLifeDays: Double = 21
    /// Serum M-protein at which IgG catabolism doubles, g/dL: FcRn saturation makes IgG half-life fall
    /// as its concentration rises (Waldmann & Strober 1969, concentration–catabolism relationship).
    /// Clearance is kM·(1 + P/Psat) for IgG. *Assumption*: 2.5 g/dL (half-life ≈10 days at 3 g/dL).
    public var igGSaturation: Double = 2.5
    /// IgA M-protein half-life, days. *Literature*: ≈6 days (Waldmann & Strober 1969).
    public var igAHalfLifeDays: Double = 6
    /// IIV of the M-protein half-life. *Assumption*: 0.2.
    public var mProteinHalfLifeIIV: Double = 0.2

    // MARK: Cytokine (IL-6-like) and CRS / ICANS

    /// Half-life of the lumped IL-6-like inflammatory signal, days. *Assumption*: 0.5 day (CRS fever
    /// settles within about a day once its driver stops).
    public var cytokineHalfLifeDays: Double = 0.5
    /// Baseline cytokine, pg/mL. *Assumption*: 3 (normal IL-6 is a few pg/mL).
    public var cytokineBaseline: Double = 3
    /// Cytokine produced per Gcell of tumour killed, pg/mL. *Assumption*: 2.
    public var cytokinePerKill: Double = 2
    /// Cytokine produced per Gcell-day of CAR-T proliferation, pg/mL. *Assumption*: 4.
    public var cytokinePerExpansion: Double = 4
    /// Cytokine level at which fever starts (CRS grade 1), median, pg/mL. *Calibrated*
    /// (pre-calibration 130) to CRS any grade 93.6% (seed 000).
    public var feverThreshold: Double = 130
    /// IIV of the fever threshold (host sensitivity). *Assumption*: 0.7.
    public var feverThresholdIIV: Double = 0.7
    /// Multiple of the fever threshold at which hypotension / low-flow oxygen appear (grade 2).
    /// *Assumption*: 4.
    public var grade2Multiple: Double = 4
    /// Multiple of the fever threshold needing a vasopressor / high-flow oxygen (grade 3).
    /// *Calibrated* (pre-calibration 22) to CRS ≥ grade 3 in 1 of 109 (seed 000).
    public var grade3Multiple: Double = 22
    /// Multiple for multiple vasopressors / positive pressure (grade 4). *Assumption*: 3 × grade 3.
    public var grade4OverGrade3: Double = 3
    /// Cytokine level at which encephalopathy (ICE deficits) begins, median, pg/mL. *Calibrated*
    /// (pre-calibration 2,800) to ICANS in 2 of 109 (seed 000).
    public var neurotoxicityThreshold: Double = 2800
    /// IIV of the neurotoxicity threshold. *Assumption*: 0.8.
    public var neurotoxicityThresholdIIV: Double = 0.8

    // MARK: Transgene (blood)

    /// Host lymphocytes after recovery, Gcells. *Assumption*: 500 (≈5×10¹¹ body lymphocytes).
    public var hostLymphocytes: Double = 500
    /// Host lymphocytes just after lymphodepletion, Gcells. *Assumption*: 50 (≈90% depletion by
    /// fludarabine/cyclophosphamide).
    public var hostLymphocytesAfterDepletion: Double = 50
    /// Time constant of lymphocyte recovery, days. *Assumption*: 60.
    public var lymphocyteRecoveryDays: Double = 60
    /// Vector copies per CAR-T cell. *Assumption*: 1.5.
    public var vectorCopiesPerCell: Double = 1.5
    /// Diploid cells per µg genomic DNA (6.6 pg DNA per cell). *Literature/physical*: 1.515×10⁵.
    public var cellsPerMicrogramDNA: Double = 1.515e5

    public init() {}

    /// The guesses above, before calibration. The calibrated entries' guesses were set from
    /// exploratory fits of earlier model versions (without the proliferation lag, then without the
    /// exhaustion imprint), so the committed calibration starts near a sensible region and finishes in
    /// under 20 minutes on two cores.
    public static let uncalibrated = FucasoModelParameters()
}
