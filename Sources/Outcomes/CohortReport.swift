import CartographCore
import Clinical
import Foundation
import Statistics

/// A cohort's outcomes as a trial reports them (rule set `OUTCOMES-1`): response with exact intervals,
/// time-to-event endpoints by Kaplan–Meier, CRS and ICANS incidence, transgene persistence and subgroup
/// hazard ratios; every figure carries its population and denominator, and the report its data cut.
public struct CohortReport: Sendable, Equatable, Codable {
    public var ruleSets: [String]
    public var dataCut: CalendarDate
    /// Patients with records (infused or not).
    public var enrolled: Int
    public var infused: Int
    public var evaluable: Int
    public var evaluableCARTNaive: Int
    /// Infused patients outside the evaluable population, with the reason.
    public var notEvaluable: [String: String]
    /// Best confirmed response counts among the evaluable, keyed by the IMWG category's raw value
    /// (`"none"` when nothing was confirmed).
    public var bestResponseCounts: [String: Int]
    public var orr: CohortProportion
    public var vgprOrBetter: CohortProportion
    public var crOrBetter: CohortProportion
    public var mrdNegative: CohortProportion
    public var naiveORR: CohortProportion
    public var naiveCROrBetter: CohortProportion
    public var timeToFirstResponseDays: CohortDayDistribution
    public var timeToCompleteResponseDays: CohortDayDistribution
    public var timeToMRDNegativityDays: CohortDayDistribution
    public var pfs: CohortSurvival?
    public var pfsNaive: CohortSurvival?
    public var os: CohortSurvival?
    public var durationOfResponse: CohortSurvival?
    public var durationOfMRDNegativity: CohortSurvival?
    /// Median follow-up by reverse Kaplan–Meier on overall survival, months.
    public var medianFollowUpMonths: Double?
    public var crs: CohortToxicity
    public var icans: CohortToxicity
    /// Duration of transgene persistence (to the last detectable sample; ongoing = censored).
    public var persistence: CohortSurvival?
    /// Kaplan–Meier median persistence in days (`nil` when not reached).
    public var persistenceMedianDays: Double?
    public var vcnDetectableAt12Months: CohortProportion
    public var vcnDetectableAt24Months: CohortProportion
    public var subgroupHazardRatios: [CohortHazardRatio]
    public var patients: [OutcomePatient]
}

extension CohortReport {
    /// Derives every patient through the engines (`OutcomePatient.derive`) on the records as they stood
    /// at `dataCut`, then summarises the cohort.
    public static func compute(records: [OutcomeRecords], dataCut: CalendarDate, level: Double = 0.95) -> CohortReport {
        summarise(records.map { OutcomePatient.derive($0.asOf(dataCut)) }, dataCut: dataCut, level: level)
    }

    /// Summarises already derived patients.
    public static func summarise(_ patients: [OutcomePatient], dataCut: CalendarDate, level: Double = 0.95) -> CohortReport {
        let infused = patients.filter(\.infused)
        let evaluable = infused.filter(\.evaluable)
        let naive = evaluable.filter { !$0.subgroups.priorBCMACART }
        func proportion(_ name: String, _ population: CohortPopulation, _ group: [OutcomePatient],
                        _ test: (OutcomePatient) -> Bool) -> CohortProportion {
            CohortProportion(name, population: population, successes: group.filter(test).count, total: group.count, level: level)
        }
        let responders = evaluable.filter { $0.bestResponse?.isObjectiveResponse == true }
        let mrdNegative = evaluable.filter(\.mrdNegative)
        var counts: [String: Int] = [:]
        for p in evaluable { counts[p.bestResponse?.rawValue ?? "none", default: 0] += 1 }

        let followUp = infused.compactMap(\.overall)
        var medianFollowUp: Double?
        if !followUp.isEmpty {
            medianFollowUp = try? KaplanMeierCurve.medianFollowUp(
                times: followUp.map { Double($0.days) * CohortSurvival.monthsPerDay }, events: followUp.map(\.event)).estimate
        }

        let transgene = infused.compactMap(\.persistence)
        let persistenceTimes = transgene.map { OutcomeTime(days: Int($0.persistenceDays.rounded()), event: !$0.persistenceOngoing) }
        var persistenceMedian: Double?
        if !transgene.isEmpty, let curve = try? KaplanMeierCurve(times: transgene.map(\.persistenceDays),
                                                                   events: transgene.map { !$0.persistenceOngoing }) {
            persistenceMedian = curve.median().estimate
        }
        let at12 = transgene.compactMap(\.detectableAt12Months)
        let at24 = transgene.compactMap(\.detectableAt24Months)

        var notEvaluable: [String: String] = [:]
        for p in infused where !p.evaluable { notEvaluable[p.patientCode] = p.notEvaluableReason ?? "not evaluable" }

        return CohortReport(
            ruleSets: [OutcomePatient.ruleSet, OutcomeResponse.baselineRuleSet, LabResultIMWGConversion.ruleSet,
                       IMWGRuleSet.imwg2016.version, ToxicityEpisodes.ruleVersion, "TRANSGENE-NCA-1"],
            dataCut: dataCut, enrolled: patients.count, infused: infused.count, evaluable: evaluable.count,
            evaluableCARTNaive: naive.count, notEvaluable: notEvaluable, bestResponseCounts: counts,
            orr: proportion("ORR (PR or better)", .evaluable, evaluable) { $0.bestResponse?.isObjectiveResponse == true },
            vgprOrBetter: proportion("VGPR or better", .evaluable, evaluable) { ($0.bestResponse?.depth ?? -1) >= 3 },
            crOrBetter: proportion("CR or better (CR/sCR)", .evaluable, evaluable) { $0.bestResponse?.isCompleteResponse == true },
            mrdNegative: proportion("MRD negative (≤ 10⁻⁵)", .evaluable, evaluable, \.mrdNegative),
            naiveORR: proportion("ORR, CAR-T-naive", .evaluableCARTNaive, naive) { $0.bestResponse?.isObjectiveResponse == true },
            naiveCROrBetter: proportion("CR or better, CAR-T-naive", .evaluableCARTNaive, naive) { $0.bestResponse?.isCompleteResponse == true },
            timeToFirstResponseDays: CohortDayDistribution(responders.compactMap(\.firstResponseDay)),
            timeToCompleteResponseDays: CohortDayDistribution(evaluable.compactMap(\.completeResponseDay)),
            timeToMRDNegativityDays: CohortDayDistribution(mrdNegative.compactMap(\.firstMRDNegativeDay)),
            pfs: CohortSurvival("Progression-free survival", population: .evaluable,
                                observations: evaluable.compactMap(\.progressionFree), level: level),
            pfsNaive: CohortSurvival("Progression-free survival, CAR-T-naive", population: .evaluableCARTNaive,
                                     observations: naive.compactMap(\.progressionFree), level: level),
            os: CohortSurvival("Overall survival", population: .infused, observations: infused.compactMap(\.overall), level: level),
            durationOfResponse: CohortSurvival("Duration of response", population: .responders,
                                               observations: responders.compactMap(\.durationOfResponse), level: level),
            durationOfMRDNegativity: CohortSurvival("Duration of MRD negativity", population: .mrdNegative,
                                                    observations: mrdNegative.compactMap(\.durationOfMRDNegativity), level: level),
            medianFollowUpMonths: medianFollowUp,
            crs: CohortToxicity(.crs, patients: infused), icans: CohortToxicity(.icans, patients: infused),
            persistence: CohortSurvival("Transgene persistence", population: .transgeneEvaluable,
                                        observations: persistenceTimes, level: level),
            persistenceMedianDays: persistenceMedian,
            vcnDetectableAt12Months: CohortProportion("Transgene detectable at 12 months", population: .transgeneEvaluable,
                                                      successes: at12.filter { $0 }.count, total: at12.count, level: level),
            vcnDetectableAt24Months: CohortProportion("Transgene detectable at 24 months", population: .transgeneEvaluable,
                                                      successes: at24.filter { $0 }.count, total: at24.count, level: level),
            subgroupHazardRatios: [
                CohortHazardRatio(subgroup: "Prior BCMA CAR-T", population: .evaluable, patients: evaluable,
                                  has: \.priorBCMACART, level: level),
                CohortHazardRatio(subgroup: "Extramedullary disease", population: .evaluable, patients: evaluable,
                                  has: \.extramedullaryDisease, level: level),
                CohortHazardRatio(subgroup: "High-risk cytogenetics", population: .evaluable, patients: evaluable,
                                  has: \.highRiskCytogenetics, level: level),
            ],
            patients: patients)
    }
}
