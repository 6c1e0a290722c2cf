import CartographCore
import Clinical
import Foundation
import Outcomes

/// What the simulation knows about a virtual patient beyond the records (for diagnostics and the
/// seeds' mechanism questions; never an input of an endpoint).
public struct VirtualPatientTruth: Sendable, Equatable, Codable {
    public var patientCode: String
    public var priorBCMACART: Bool
    public var extramedullaryDisease: Bool
    public var adaResponder: Bool
    /// Exhaustion drive ξ and stimulation σ of the marrow clone (FucasoEngagement).
    public var exhaustionDrive: Double
    public var stimulation: Double
    /// Peak CAR-T cells (Gcells) over Days 0–28 and CAR-T cells at Day 365 (if simulated).
    public var peakCARTCells: Double
    public var cartCellsAtOneYear: Double?
    /// Confirmed progression day as the IMWG engine read the records, if any.
    public var progressionDay: Int?
    public var deathDay: Int?
    public var deathCause: VirtualPatientDeathCause?
    /// Accepted ODE steps.
    public var solverSteps: Int
}

/// One virtual patient's records and truth.
public struct VirtualPatientOutcome: Sendable {
    public var records: OutcomeRecords
    public var truth: VirtualPatientTruth
    /// The bedside observations behind `records.safety`, up to the data cut (for storage).
    public var bedside: [SafetyAssessment] = []
}

/// Turns a simulated patient into the records a center keeps (rule sets `FUMANBA-1-VISITS-1`,
/// `VIRTUAL-ASSAYS-1`, `VIRTUAL-BEDSIDE-1`, `VIRTUAL-SURVIVAL-1`).
///
/// No endpoint is computed here. The one engine call is clinical, not analytical: as a center does,
/// the simulated investigator reads the IMWG engine's verdict on the labs so far, and once progression
/// is confirmed stops response assessments, records `progression` and `newTherapy` (7 days later) and
/// switches to survival contacts every 3 months; death then follows the post-progression survival
/// model. Patients alive and in follow-up get a vital-status contact on the data cut. Everything is
/// cut at the data cut (`OutcomeRecords.asOf`).
public enum VirtualPatientRecords {
    public static let newTherapyDelayDays = 7
    public static let survivalContactDays = 91

    public static func patientCode(index: Int) -> String {
        let digits = String(index + 1)
        return "V-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Simulates patient `index` infused on `infusion` and writes its records up to `cut`.
    public static func build(index: Int, infusion: CalendarDate, cut: CalendarDate,
                             options: FucasoTrialOptions) throws -> VirtualPatientOutcome {
        let patient = FucasoVirtualPatient.make(index: index, options: options)
        let cov = patient.covariates
        let code = patientCode(index: index)
        let lastDay = max(0, infusion.days(to: cut))

        // Death and loss to follow-up before any progression.
        var follow = VirtualPatientRandom(seed: options.seed, index: index, stream: .followUp)
        let background = VirtualPatientSurvival.backgroundDeathDay(ageYears: cov.ageYears, uniform: follow.uniform())
        let nonRelapse = VirtualPatientSurvival.nonRelapseDeathDay(&follow)
        let lost = VirtualPatientSurvival.lossToFollowUpDay(uniform: follow.uniform())
        let ppsUniform = follow.uniform()
        var deathDay = Int(min(background, nonRelapse ?? .infinity).rounded(.up))
        var cause: VirtualPatientDeathCause = (nonRelapse ?? .infinity) < background ? .nonRelapse : .background
        let lostDay = Int(lost.rounded(.up))
        let activeUntil = min(deathDay, lostDay, lastDay + 1)   // exclusive

        var schedule = VirtualPatientRandom(seed: options.seed, index: index, stream: .visitWindows)
        let visits = VirtualPatientSchedule.visits(lastDay: min(lastDay, activeUntil - 1),
                                                   extramedullary: cov.extramedullaryDisease, random: &schedule)
        let course = try FucasoPatientSimulation.simulate(
            patient, lastDay: min(lastDay, max(28, activeUntil)), laterDays: visits.map(\.day))

        var assays = VirtualPatientRandom(seed: options.seed, index: index, stream: .assays)
        var labs: [LabResult] = []
        // Baseline on Day −6: the Day-0 state (six days of growth before infusion are neglected).
        let y0 = course.state(day: 0)
        let baselineDate = infusion.adding(days: VirtualPatientSchedule.baselineDay)
        labs += VirtualPatientAssays.diseasePanel(patient, y0, code: code, on: baselineDate, random: &assays)
        labs += VirtualPatientAssays.marrow(patient, y0, code: code, on: baselineDate, withMRD: false, random: &assays)
        if cov.extramedullaryDisease {
            labs.append(VirtualPatientAssays.imaging(patient, y0, code: code, on: baselineDate, random: &assays))
        }

        var contacts: [CalendarDate] = []
        var marrowSinceFixationNegative = false
        for visit in visits where visit.day < activeUntil {
            let y = course.state(day: visit.day)
            let date = infusion.adding(days: visit.day)
            var marrow = visit.marrow
            if visit.diseaseLabs {
                let panel = VirtualPatientAssays.diseasePanel(patient, y, code: code, on: date, random: &assays)
                labs += panel
                let fixationNegative = panel.allSatisfy {
                    ($0.analyte != .serumImmunofixation && $0.analyte != .urineImmunofixation) || $0.value.finding == false
                }
                if !fixationNegative { marrowSinceFixationNegative = false }
                // IMWG CR needs a marrow once immunofixation is negative: the investigator orders it.
                if fixationNegative && !marrowSinceFixationNegative { marrow = true }
                if fixationNegative && marrow { marrowSinceFixationNegative = true }
                contacts.append(date)
            }
            if marrow {
                labs += VirtualPatientAssays.marrow(patient, y, code: code, on: date, withMRD: true, random: &assays)
            }
            if visit.transgene {
                labs.append(VirtualPatientAssays.transgene(patient, y, day: visit.day, code: code, on: date, random: &assays))
            }
            if visit.imaging {
                labs.append(VirtualPatientAssays.imaging(patient, y, code: code, on: date, random: &assays))
            }
        }

        var bedside = VirtualPatientRandom(seed: options.seed, index: index, stream: .bedside)
        let observed = try VirtualPatientBedside.observations(patient, course: course, code: code, infusion: infusion,
                                                              untilDay: activeUntil, random: &bedside)
        let safety = observed.map(\.graded)

        // The investigator's reading of the response engine.
        var events: [FollowUpEndingEvent] = []
        var progressionDay: Int?
        let input = OutcomeResponse.input(
            patientCode: code, infusion: infusion,
            firstLymphodepletion: infusion.adding(days: VirtualPatientSchedule.firstLymphodepletionDay), results: labs)
        if let verdict = try? IMWGResponse.assess(baseline: input.baseline, assessments: input.assessments),
           let pd = verdict.progressionDay, let index = verdict.assessments.firstIndex(where: { $0.day == pd }) {
            progressionDay = pd
            let selfConfirming = verdict.assessments[index].progressionFindings.contains { !$0.needsConfirmation }
            let confirmDay = selfConfirming ? pd
                : (verdict.assessments.dropFirst(index + 1).first(where: { $0.category == .progressiveDisease })?.day ?? pd)
            let confirmDate = infusion.adding(days: confirmDay)
            labs.removeAll { $0.sampleDate > confirmDate }
            contacts.removeAll { $0 > confirmDate }
            events.append(FollowUpEndingEvent(.progression, on: confirmDate))
            let myelomaDeath = confirmDay + Int(VirtualPatientSurvival.postProgressionDays(uniform: ppsUniform).rounded(.up))
            if myelomaDeath < deathDay { deathDay = myelomaDeath; cause = .myelomaAfterProgression }
            if confirmDay + newTherapyDelayDays < min(deathDay, lostDay) {
                events.append(FollowUpEndingEvent(.newTherapy, on: infusion.adding(days: confirmDay + newTherapyDelayDays)))
            }
            var day = confirmDay + survivalContactDays
            while day < min(deathDay, lostDay) && day <= lastDay {
                contacts.append(infusion.adding(days: day))
                day += survivalContactDays
            }
        }
        if deathDay <= lastDay && deathDay < lostDay {
            events.append(FollowUpEndingEvent(.death, on: infusion.adding(days: deathDay)))
        } else if lostDay <= lastDay && lostDay < deathDay {
            events.append(FollowUpEndingEvent(.lostToFollowUp, on: infusion.adding(days: lostDay)))
        } else {
            // Vital-status sweep: before an analysis the sponsor confirms every patient still in
            // follow-up is alive on the data cut (a visit may already fall on that day: one contact).
            if !contacts.contains(cut) { contacts.append(cut) }
        }

        let records = OutcomeRecords(
            patientCode: code, infusionDate: infusion,
            firstLymphodepletionDate: infusion.adding(days: VirtualPatientSchedule.firstLymphodepletionDay),
            labs: labs, safety: safety, events: events, contactDates: contacts,
            subgroups: OutcomeSubgroups(priorBCMACART: cov.priorBCMACART, extramedullaryDisease: cov.extramedullaryDisease,
                                        highRiskCytogenetics: cov.highRiskCytogenetics)
        ).asOf(cut)

        var peak = 0.0
        for y in course.early {
            peak = max(peak, y[FucasoPatientModel.effector] + y[FucasoPatientModel.memory] + y[FucasoPatientModel.exhausted])
        }
        let oneYear = course.later.keys.filter { abs($0 - 365) <= 45 }.min { abs($0 - 365) < abs($1 - 365) }
        let truth = VirtualPatientTruth(
            patientCode: code, priorBCMACART: cov.priorBCMACART, extramedullaryDisease: cov.extramedullaryDisease,
            adaResponder: patient.adaResponder, exhaustionDrive: patient.model.exhaustionPositive,
            stimulation: patient.model.stimulationPositive, peakCARTCells: peak,
            cartCellsAtOneYear: oneYear.map { d in
                let y = course.later[d]!
                return y[FucasoPatientModel.effector] + y[FucasoPatientModel.memory] + y[FucasoPatientModel.exhausted]
            },
            progressionDay: progressionDay,
            deathDay: deathDay <= lastDay && deathDay < lostDay ? deathDay : nil,
            deathCause: deathDay <= lastDay && deathDay < lostDay ? cause : nil,
            solverSteps: course.steps)
        return VirtualPatientOutcome(records: records, truth: truth,
                                     bedside: observed.map(\.observed).filter { infusion.adding(days: $0.studyDay) <= cut })
    }
}
