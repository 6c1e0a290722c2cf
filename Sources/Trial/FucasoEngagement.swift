import Foundation

/// CAR–BCMA engagement inside one immunological synapse, at quasi-steady state (rule set
/// `FUCASO-MECH-2`).
///
/// Binding (one-to-one, mass action, QSS because CAR–BCMA binding equilibrates in seconds to
/// minutes while cell numbers change over days):
///
///     [BCMA]syn = L · f_syn · c₁          (nM; L BCMA per tumour cell, f_syn synapse fraction,
///                                           c₁ nM per confined molecule)
///     KD = koff / kon                     (nM after ×10⁹)
///     a = [BCMA]syn / KD,   occupancy θ = a / (1 + a)
///
/// Serial triggering (Valitutti S et al., Nature 1995;375:148): each CAR cycles between free and
/// bound; the rate at which engagements end — each a completed trigger if it lasted the proofreading
/// time τₚ (McKeithan T, PNAS 1995;92:5042) — is
///
///     P = R_syn · koff · θ · exp(−koff · τₚ)      (triggers per second per T cell)
///     σ = P / (P + P½)                           (stimulation, 0–1)
///
/// Sustained engagement: the fraction of bound time spent in engagements longer than τₛ
/// (exponential dwell times with mean 1/koff) drives exhaustion:
///
///     ξ = θ · exp(−koff · τₛ)                    (0–1)
///
/// So at fixed kon a faster off-rate lowers ξ (less exhaustion) while P rises until koff·τₚ ≈ 1 —
/// the seeds' mechanism claim (fast dissociation → serial engagement, less exhaustion), with an
/// optimum beyond which engagements are too short to trigger.
public struct FucasoEngagement: Sendable, Equatable, Codable {
    /// Occupancy θ of the synaptic BCMA-facing CARs.
    public var occupancy: Double
    /// Productive triggers per second per T cell.
    public var triggeringRate: Double
    /// Stimulation σ, 0–1: scales killing, expansion and memory reactivation.
    public var stimulation: Double
    /// Sustained-engagement drive ξ, 0–1: scales exhaustion.
    public var exhaustionDrive: Double

    public init(occupancy: Double, triggeringRate: Double, stimulation: Double, exhaustionDrive: Double) {
        self.occupancy = occupancy
        self.triggeringRate = triggeringRate
        self.stimulation = stimulation
        self.exhaustionDrive = exhaustionDrive
    }

    /// Engagement of a CAR-T cell with a tumour cell carrying `bcmaPerCell` BCMA molecules.
    ///
    /// - Parameters:
    ///   - bcmaPerCell: ≥ 0; 0 (a BCMA-negative clone) gives no engagement at all.
    ///   - dissociationRate: koff, 1/s, > 0 (the scenario knob).
    ///   - parameters: kon, CAR density, synapse geometry, τₚ, τₛ, P½.
    /// - Returns: all fields in [0, 1] except `triggeringRate` (≥ 0). Exact closed forms, no
    ///   iteration; accuracy is that of `exp` (≤ 1 ulp).
    public static func of(bcmaPerCell: Double, dissociationRate koff: Double,
                          parameters p: FucasoModelParameters) -> FucasoEngagement {
        guard bcmaPerCell > 0, koff > 0 else {
            return FucasoEngagement(occupancy: 0, triggeringRate: 0, stimulation: 0, exhaustionDrive: 0)
        }
        let concentration = bcmaPerCell * p.synapseSurfaceFraction * p.synapseNanomolarPerMolecule
        let kdNanomolar = koff / p.associationRate * 1e9
        let a = concentration / kdNanomolar
        let theta = a / (1 + a)
        let carInSynapse = p.carPerCell * p.synapseSurfaceFraction
        let triggering = carInSynapse * koff * theta * exp(-koff * p.proofreadingSeconds)
        let sigma = triggering / (triggering + p.triggeringHalfMaximal)
        let xi = theta * exp(-koff * p.sustainedEngagementSeconds)
        return FucasoEngagement(occupancy: theta, triggeringRate: triggering, stimulation: sigma, exhaustionDrive: xi)
    }
}
