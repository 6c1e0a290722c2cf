import Foundation
import Kinetics

/// One virtual patient's mechanistic model: myeloma (BCMA-positive and BCMA-negative marrow clones,
/// extramedullary disease), CAR-T effector / memory / exhausted cells, anti-drug antibody, serum
/// M-protein and an IL-6-like cytokine (rule set `FucasoModelParameters.modelVersion`).
///
/// Lanes of `State` (units: Gcells = 10⁹ cells, days):
///
/// | lane | symbol | meaning |
/// |---|---|---|
/// | 0 | Tp | BCMA-positive myeloma in marrow, Gcells |
/// | 1 | Tn | BCMA-negative myeloma in marrow (antigen escape), Gcells |
/// | 2 | Te | extramedullary myeloma (BCMA-positive), Gcells |
/// | 3 | E  | CAR-T effectors, Gcells |
/// | 4 | M  | CAR-T memory, Gcells |
/// | 5 | X  | exhausted CAR-T, Gcells |
/// | 6 | A  | anti-drug-antibody titre, 0–1 |
/// | 7 | P  | serum M-protein, g/dL (0 in light-chain-only disease) |
/// | 8 | C  | IL-6-like cytokine, pg/mL |
/// | 9 | L  | proliferation programme: the stimulation S seen through a first-order lag, 0–1 |
///
/// Equations (σ, ξ from `FucasoEngagement` per clone; T* = Tp + ε·Te the engaged targets;
/// D = K + E + T*; growth of marrow clones logistic to a ceiling):
///
///     S     = (σp·Tp + ε·σe·Te) / D                stimulation per effector
///     Ξ     = (ξp·Tp + ε·ξe·Te) / D                sustained engagement per effector
///     K*    = E + φ·M                              killers (memory kills at fraction φ)
///     kill  = k·K*·(σp·Tp + ε·σe·Te) / D           tumour cells killed per day
///     Tp′   = g·(1 − (Tp+Tn)/Tcap)·Tp − k·σp·K*·Tp/D
///     Tn′   = g·(1 − (Tp+Tn)/Tcap)·Tn
///     Te′   = gₑ·Te − k·ε·σe·K*·Te/D
///     E′    = (ρ·L + h₀·e^{−t/τₕ})·E/(1 + CAR/CARcap) + r·S·M − (δE + μ + kX·Ξ + kA·A)·E
///     M′    = μ·E − r·S·M − (δM + kA·A)·M
///     X′    = kX·Ξ·E − (δX + kA·A)·X
///     A′    = α·[ADA responder]·CAR/(CAR + A½)·(1 − A) − δA·A
///     P′    = pM·(Tp + Tn + Te) − kM·(1 + s·P)·P   (s = 1/Psat for IgG, 0 for IgA)
///     C′    = kC·(C₀ − C) + sK·kill + sE·ρ·L·E/(1 + CAR/CARcap)
///     L′    = (S − L)/τL       while S > L (commitment)
///     L′    = (S − L)/τL,off   while S ≤ L (the programme runs on after antigen is gone)
///
/// h₀·e^{−t/τₕ} is the homeostatic (lymphodepletion-driven) proliferation, the one explicit time
/// dependence (smooth, so no stop time is needed). L delays proliferation behind engagement: an
/// activated T cell completes a programme of divisions over days whatever the antigen does next
/// (Kaech SM & Ahmed R, Nat Immunol 2001;2:415; van Stipdonk MJ et al., Nat Immunol 2001;2:423),
/// so CAR-T cells keep expanding for a few days after the tumour is cleared while killing follows
/// engagement at once. Commitment is quick and the programme is long (τL ≪ τL,off): a brief antigen
/// contact commits naive CD8 T cells to 7–10 divisions over about a week (Kaech & Ahmed 2001), so
/// the blood peak of CAR-T cells can come days after the tumour that drove it has been cleared.
///
/// with CAR = E + M + X. Closed forms used by the tests: without CAR-T, Tn (and Tp) grow at
/// g·(1 − T/Tcap) (exponential while T ≪ Tcap); with no drive, C − C₀ decays with half-life
/// ln2/kC; with a constant tumour and s = 0, P → pM·T/kM (with s > 0, the positive root of
/// kM·s·P² + kM·P − pM·T = 0).
///
/// Populations are read as max(0, y) in the rates (see `ODESystem`); `extinguish(_:)` sets a
/// compartment below one cell to zero at the stop times (a clone of < 1 cell is gone).
public struct FucasoPatientModel: ODESystem, Sendable, Equatable {
    public typealias State = SIMD16<Double>
    public static let tp = 0, tn = 1, te = 2, effector = 3, memory = 4, exhausted = 5, ada = 6, paraprotein = 7, cytokine = 8
    public static let programme = 9
    public var dimension: Int { 10 }
    public var isAutonomous: Bool { false }

    // Tumour.
    public var growth: Double
    public var extramedullaryGrowth: Double
    public var marrowCapacity: Double
    // Engagement.
    public var killRate: Double
    public var memoryKillFraction: Double
    public var halfSaturation: Double
    public var stimulationPositive: Double
    public var stimulationExtramedullary: Double
    public var exhaustionPositive: Double
    public var exhaustionExtramedullary: Double
    public var extramedullaryAccess: Double
    // CAR-T.
    public var expansionRate: Double
    /// 1/τL, per day: how fast the programme follows a rising stimulation.
    public var programmeRate: Double
    /// 1/τL,off, per day: how fast the programme winds down when stimulation falls below it.
    public var programmeDecayRate: Double
    public var homeostaticExpansion: Double
    public var homeostaticDays: Double
    public var carCapacity: Double
    public var effectorDeath: Double
    public var memoryFormation: Double
    public var memoryReactivation: Double
    public var memoryDeath: Double
    public var exhaustionRate: Double
    public var exhaustedDeath: Double
    // ADA.
    public var adaRise: Double          // already 0 for a non-responder
    public var adaHalfStimulus: Double
    public var adaDecay: Double
    public var adaClearance: Double
    // Paraprotein and cytokine.
    public var mProteinProduction: Double
    public var mProteinClearance: Double
    /// 1/Psat, per g/dL (0 for IgA and light-chain disease).
    public var mProteinSaturation: Double
    public var cytokineClearance: Double
    public var cytokineBaseline: Double
    public var cytokinePerKill: Double
    public var cytokinePerExpansion: Double

    public init(growth: Double, extramedullaryGrowth: Double, marrowCapacity: Double, killRate: Double,
                memoryKillFraction: Double, halfSaturation: Double, stimulationPositive: Double, stimulationExtramedullary: Double,
                exhaustionPositive: Double, exhaustionExtramedullary: Double, extramedullaryAccess: Double,
                expansionRate: Double, programmeRate: Double, programmeDecayRate: Double, homeostaticExpansion: Double, homeostaticDays: Double, carCapacity: Double, effectorDeath: Double, memoryFormation: Double,
                memoryReactivation: Double, memoryDeath: Double, exhaustionRate: Double, exhaustedDeath: Double,
                adaRise: Double, adaHalfStimulus: Double, adaDecay: Double, adaClearance: Double,
                mProteinProduction: Double, mProteinClearance: Double, mProteinSaturation: Double,
                cytokineClearance: Double,
                cytokineBaseline: Double, cytokinePerKill: Double, cytokinePerExpansion: Double) {
        self.growth = growth; self.extramedullaryGrowth = extramedullaryGrowth; self.marrowCapacity = marrowCapacity
        self.killRate = killRate; self.memoryKillFraction = memoryKillFraction; self.halfSaturation = halfSaturation
        self.stimulationPositive = stimulationPositive; self.stimulationExtramedullary = stimulationExtramedullary
        self.exhaustionPositive = exhaustionPositive; self.exhaustionExtramedullary = exhaustionExtramedullary
        self.extramedullaryAccess = extramedullaryAccess
        self.expansionRate = expansionRate; self.programmeRate = programmeRate; self.programmeDecayRate = programmeDecayRate
        self.homeostaticExpansion = homeostaticExpansion
        self.homeostaticDays = homeostaticDays; self.carCapacity = carCapacity; self.effectorDeath = effectorDeath
        self.memoryFormation = memoryFormation; self.memoryReactivation = memoryReactivation
        self.memoryDeath = memoryDeath; self.exhaustionRate = exhaustionRate; self.exhaustedDeath = exhaustedDeath
        self.adaRise = adaRise; self.adaHalfStimulus = adaHalfStimulus; self.adaDecay = adaDecay
        self.adaClearance = adaClearance
        self.mProteinProduction = mProteinProduction; self.mProteinClearance = mProteinClearance
        self.mProteinSaturation = mProteinSaturation
        self.cytokineClearance = cytokineClearance; self.cytokineBaseline = cytokineBaseline
        self.cytokinePerKill = cytokinePerKill; self.cytokinePerExpansion = cytokinePerExpansion
    }

    @inlinable
    public func derivative(at t: Double, _ y: State) -> State {
        let tp = max(y[0], 0), tn = max(y[1], 0), te = max(y[2], 0)
        let e = max(y[3], 0), m = max(y[4], 0), x = max(y[5], 0), a = max(y[6], 0)
        let p = y[7], c = y[8], programme = y[9]
        let eps = extramedullaryAccess
        let engagedTargets = tp + eps * te
        let inverseD = 1 / (halfSaturation + e + engagedTargets)
        let signalPositive = stimulationPositive * tp
        let signalEMD = eps * stimulationExtramedullary * te
        let s = (signalPositive + signalEMD) * inverseD
        let xi = (exhaustionPositive * tp + eps * exhaustionExtramedullary * te) * inverseD
        let killers = e + memoryKillFraction * m
        let killPositive = killRate * killers * signalPositive * inverseD
        let killEMD = killRate * killers * signalEMD * inverseD
        let car = e + m + x
        // Smooth crowding (a max(0, ·) kink at the ceiling makes the step size chatter).
        let room = 1 / (1 + car / carCapacity)
        let marrowGrowth = growth * (1 - (tp + tn) / marrowCapacity)
        let expansion = expansionRate * max(programme, 0) * e * room
        let homeostatic = homeostaticExpansion * exp(-t / homeostaticDays) * e * room
        let adaLoss = adaClearance * a

        var d = State()
        d[0] = marrowGrowth * tp - killPositive
        d[1] = marrowGrowth * tn
        d[2] = extramedullaryGrowth * te - killEMD
        d[3] = expansion + homeostatic + memoryReactivation * s * m
            - (effectorDeath + memoryFormation + exhaustionRate * xi + adaLoss) * e
        d[4] = memoryFormation * e - memoryReactivation * s * m - (memoryDeath + adaLoss) * m
        d[5] = exhaustionRate * xi * e - (exhaustedDeath + adaLoss) * x
        d[6] = adaRise * car / (car + adaHalfStimulus) * (1 - a) - adaDecay * a
        d[7] = mProteinProduction * (tp + tn + te) - mProteinClearance * (1 + mProteinSaturation * max(p, 0)) * p
        d[8] = cytokineClearance * (cytokineBaseline - c) + cytokinePerKill * (killPositive + killEMD)
            + cytokinePerExpansion * expansion
        // Continuous in (s, L) (the two rates meet at s = L), so the step control sees no jump.
        let gap = s - programme
        d[9] = (gap > 0 ? programmeRate : programmeDecayRate) * gap
        return d
    }

    /// Compartments below one cell (10⁻⁹ Gcells) are extinct; CAR-T cells are extinct together
    /// when all three pools hold less than one cell.
    public static func extinguish(_ y: inout State) {
        let oneCell = 1e-9
        for lane in [tp, tn, te] where y[lane] < oneCell { y[lane] = 0 }
        if y[effector] + y[memory] + y[exhausted] < oneCell {
            y[effector] = 0; y[memory] = 0; y[exhausted] = 0
        }
    }

    /// Per-lane absolute tolerances in each lane's own units: 0.1 cell for tumour, 100 cells for
    /// CAR-T, 10⁻⁶ ADA titre, 10⁻⁵ g/dL, 10⁻³ pg/mL, 10⁻⁶ programme.
    public static let absoluteTolerances: [Double] = [1e-10, 1e-10, 1e-10, 1e-7, 1e-7, 1e-7, 1e-6, 1e-5, 1e-3, 1e-6]
}
