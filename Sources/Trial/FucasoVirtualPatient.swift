import Foundation

/// One virtual patient: covariates, individual parameters (typical values × IIV × covariate effects),
/// the ODE model and its Day-0 state. Deterministic in `(seed, index)` and the options.
public struct FucasoVirtualPatient: Sendable, Equatable {
    public var index: Int
    public var covariates: VirtualPatientCovariates
    public var model: FucasoPatientModel
    /// State at Day 0 just after the infusion.
    public var initialState: FucasoPatientModel.State
    /// Total tumour at Day 0 (marrow + extramedullary), Gcells.
    public var baselineTumour: Double
    /// Serum M-protein at Day 0, g/dL (0 for light-chain-only).
    public var baselineMProtein: Double
    /// BCMA molecules per tumour cell.
    public var bcmaPerCell: Double
    /// Whether the patient mounts anti-drug antibodies.
    public var adaResponder: Bool
    /// Cytokine level for fever (pg/mL) and for encephalopathy.
    public var feverThreshold: Double
    public var neurotoxicityThreshold: Double
    /// Infused CAR-T cells, Gcells.
    public var infusedCells: Double
    public var parameters: FucasoModelParameters

    /// Builds patient `index` of a trial.
    ///
    /// Covariate effects (all documented in `FucasoModelParameters`): sustained engagement (slow
    /// off-rate) shortens memory life (`exhaustionImprint`); high-risk cytogenetics and EMD speed growth; prior BCMA CAR-T lowers BCMA density and raises the BCMA-negative fraction;
    /// prior lines above 4 lower expansion; the scFv origin sets the ADA probability and strength.
    /// Knobs from `options`: koff, scFv, dose, prior lines, tumour burden.
    public static func make(index: Int, options: FucasoTrialOptions) -> FucasoVirtualPatient {
        let p = options.parameters
        let cov = VirtualPatientCovariates.draw(seed: options.seed, index: index, priorLines: options.priorLines)
        var r = VirtualPatientRandom(seed: options.seed, index: index, stream: .variability)
        // Draw every η in a fixed order whatever the covariates, so a knob never shifts another draw.
        let etaBCMA = r.normal(), etaExpansion = r.normal(), etaMemory = r.normal(), etaGrowth = r.normal()
        let etaNegative = r.normal(), etaHalfLife = r.normal(), etaFever = r.normal(), etaNeuro = r.normal()
        let adaDraw = r.uniform()

        let koff = options.effectiveDissociationRate
        var bcma = p.bcmaPerCell * exp(p.bcmaPerCellIIV * etaBCMA)
        if cov.priorBCMACART { bcma *= p.priorCARTBCMAFactor }
        let marrowEngagement = FucasoEngagement.of(bcmaPerCell: bcma, dissociationRate: koff, parameters: p)
        // EMD shares the clone's antigen; access, not density, differs.
        let emdEngagement = marrowEngagement

        var growth = p.tumourGrowth * exp(p.tumourGrowthIIV * etaGrowth)
        if cov.highRiskCytogenetics { growth *= p.highRiskGrowthFactor }
        let expansion = p.expansionRate * exp(p.expansionRateIIV * etaExpansion)
            * max(0.2, 1 + p.expansionPerPriorLine * Double(cov.priorLines - 4))
        // Capped at 1/day: the wide IIV reaches rates where memory is gone within days anyway, and an
        // uncapped tail (10³/day) would only make the system stiff.
        let memoryDeath = min(p.memoryDeath * exp(p.memoryDeathIIV * etaMemory)
                              * (1 + p.exhaustionImprint * marrowEngagement.exhaustionDrive), p.memoryDeathCeiling)
        let negativeMedian = cov.priorBCMACART ? p.antigenNegativeFractionPrior : p.antigenNegativeFractionNaive
        let negativeFraction = min(negativeMedian * exp(p.antigenNegativeFractionIIV * etaNegative), 0.9)

        let murine = options.scFv == .murine
        let adaResponder = adaDraw < (murine ? p.adaProbabilityMurine : p.adaProbabilityHuman)

        let burden = options.tumorBurden
        let marrowTumour = min(cov.marrowPlasmaCellPercent / 100 * p.marrowNucleatedCells * burden,
                               0.95 * p.marrowNucleatedCells)
        let emdTumour = cov.extramedullaryTumour * burden
        let total = marrowTumour + emdTumour

        let halfLife = (cov.isotype == .igA ? p.igAHalfLifeDays : p.igGHalfLifeDays) * exp(p.mProteinHalfLifeIIV * etaHalfLife)
        let clearance = log(2) / halfLife
        // The covariate M-protein belongs to the unscaled burden; production per cell is kept, so the
        // burden knob scales the M-protein with the tumour (capped at 15 g/dL).
        let unscaledTotal = min(cov.marrowPlasmaCellPercent / 100 * p.marrowNucleatedCells, 0.95 * p.marrowNucleatedCells)
            + cov.extramedullaryTumour
        let saturation = cov.isotype == .igG ? 1 / p.igGSaturation : 0
        // A growing tumour's M-protein lags it: with T ∝ e^{gt}, P/T settles where production balances
        // clearance plus dilution, pM·T = (kM·(1 + s·P) + g)·P.
        let production = cov.isotype == .lightChainOnly ? 0
            : cov.serumMProtein * (clearance * (1 + saturation * cov.serumMProtein) + growth) / unscaledTotal
        // Same balance for the scaled burden: the positive root of kM·s·P² + (kM + g)·P − pM·T = 0.
        let drive = production * total
        let linear = clearance + growth
        let baselineM = min(saturation > 0
            ? (-linear + (linear * linear + 4 * clearance * saturation * drive).squareRoot()) / (2 * clearance * saturation)
            : drive / linear, 15)

        let dose = options.dose * 1e6 * cov.weightKilograms / 1e9
        let model = FucasoPatientModel(
            growth: growth, extramedullaryGrowth: growth * p.extramedullaryGrowthFactor,
            marrowCapacity: p.marrowTumourCapacity, killRate: p.killRate, memoryKillFraction: p.memoryKillFraction,
            halfSaturation: p.engagementHalfSaturation,
            stimulationPositive: marrowEngagement.stimulation, stimulationExtramedullary: emdEngagement.stimulation,
            exhaustionPositive: marrowEngagement.exhaustionDrive, exhaustionExtramedullary: emdEngagement.exhaustionDrive,
            extramedullaryAccess: p.extramedullaryAccess, expansionRate: expansion, programmeRate: 1 / p.proliferationLagDays,
            programmeDecayRate: 1 / p.programmeDurationDays,
            homeostaticExpansion: p.homeostaticExpansion * expansion / p.expansionRate,
            homeostaticDays: p.homeostaticDays, carCapacity: p.carCapacity,
            effectorDeath: p.effectorDeath, memoryFormation: p.memoryFormation,
            memoryReactivation: p.memoryReactivation, memoryDeath: memoryDeath, exhaustionRate: p.exhaustionRate,
            exhaustedDeath: p.exhaustedDeath, adaRise: adaResponder ? p.adaRise : 0,
            adaHalfStimulus: p.adaHalfStimulus, adaDecay: p.adaDecay,
            adaClearance: murine ? p.adaClearanceMurine : p.adaClearanceHuman,
            mProteinProduction: production, mProteinClearance: clearance, mProteinSaturation: saturation,
            cytokineClearance: log(2) / p.cytokineHalfLifeDays, cytokineBaseline: p.cytokineBaseline,
            cytokinePerKill: p.cytokinePerKill, cytokinePerExpansion: p.cytokinePerExpansion)

        var y = FucasoPatientModel.State()
        y[FucasoPatientModel.tp] = marrowTumour * (1 - negativeFraction)
        y[FucasoPatientModel.tn] = marrowTumour * negativeFraction
        y[FucasoPatientModel.te] = emdTumour
        y[FucasoPatientModel.effector] = dose * (1 - p.infusedMemoryFraction)
        y[FucasoPatientModel.memory] = dose * p.infusedMemoryFraction
        y[FucasoPatientModel.paraprotein] = baselineM
        y[FucasoPatientModel.cytokine] = p.cytokineBaseline

        return FucasoVirtualPatient(
            index: index, covariates: cov, model: model, initialState: y, baselineTumour: total,
            baselineMProtein: baselineM, bcmaPerCell: bcma, adaResponder: adaResponder,
            feverThreshold: p.feverThreshold * exp(p.feverThresholdIIV * etaFever),
            neurotoxicityThreshold: p.neurotoxicityThreshold * exp(p.neurotoxicityThresholdIIV * etaNeuro),
            infusedCells: dose, parameters: p)
    }

    /// Blood transgene level implied by `state` on study day `day`, copies/µg genomic DNA (no assay
    /// noise): CAR-T cells' share of body lymphocytes × vector copies per cell × cells per µg DNA.
    /// Host lymphocytes recover from lymphodepletion exponentially (`lymphocyteRecoveryDays`).
    public func transgeneCopies(_ state: FucasoPatientModel.State, day: Double) -> Double {
        let p = parameters
        let car = max(0, state[FucasoPatientModel.effector]) + max(0, state[FucasoPatientModel.memory])
            + max(0, state[FucasoPatientModel.exhausted])
        let host = p.hostLymphocytes - (p.hostLymphocytes - p.hostLymphocytesAfterDepletion) * exp(-max(day, 0) / p.lymphocyteRecoveryDays)
        return p.vectorCopiesPerCell * p.cellsPerMicrogramDNA * car / (car + host)
    }

    /// Tumour-derived involved FLC, mg/L, at quasi-steady state with the tumour (FLC half-life is
    /// hours, Bradwell AR, *Serum Free Light Chain Analysis*: 2–6 h, days in renal failure).
    public func tumourFreeLightChain(_ state: FucasoPatientModel.State) -> Double {
        covariates.tumourFreeLightChain * totalTumour(state) / baselineTumour
    }

    /// Urine M-protein, mg/24 h, proportional to the tumour (filtered light chains).
    public func urineMProtein(_ state: FucasoPatientModel.State) -> Double {
        covariates.urineMProtein * totalTumour(state) / baselineTumour
    }

    /// Tumour in marrow, Gcells.
    public func marrowTumour(_ state: FucasoPatientModel.State) -> Double {
        max(0, state[FucasoPatientModel.tp]) + max(0, state[FucasoPatientModel.tn])
    }

    public func totalTumour(_ state: FucasoPatientModel.State) -> Double {
        marrowTumour(state) + max(0, state[FucasoPatientModel.te])
    }

    /// Plasmacytoma SPD, cm², scaling with the extramedullary tumour as volume^(2/3).
    public func plasmacytomaSPD(_ state: FucasoPatientModel.State) -> Double {
        guard covariates.extramedullaryTumour > 0 else { return 0 }
        let ratio = max(0, state[FucasoPatientModel.te]) / (covariates.extramedullaryTumour * 1)
        return covariates.plasmacytomaSPD * pow(ratio, 2.0 / 3.0)
    }
}
