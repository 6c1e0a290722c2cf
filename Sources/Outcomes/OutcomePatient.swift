import CartographCore
import Clinical
import Kinetics

/// A time-to-event observation in days from the infusion.
public struct OutcomeTime: Sendable, Equatable, Hashable, Codable {
    public var days: Int
    /// `true` for the event, `false` for a censoring.
    public var event: Bool
    public init(days: Int, event: Bool) { self.days = days; self.event = event }
}

/// One patient's outcomes, every value derived by the engines from `OutcomeRecords` (rule set
/// `OUTCOMES-1`); nothing here is typed by hand.
///
/// Populations (FUMANBA-1 reports safety on all infused patients and efficacy on the evaluable):
/// - safety: infused;
/// - efficacy-evaluable: infused, measurable disease at baseline by at least one IMWG route, and at
///   least one evaluable response assessment after Day 0, or progression or death before the first
///   one (a patient who dies early is a non-responder, not "not evaluable").
///
/// Time-to-event rules (days from Day 0):
/// - PFS: event at the earlier of the engine's progression day, a clinically recorded progression and
///   death from any cause; otherwise censored at the last evaluable response assessment (Day 0
///   without one), the FDA 2018 multiple-myeloma endpoints guidance default.
/// - OS: death from any cause; otherwise censored at the last day the patient is known alive (last
///   contact, laboratory sample or bedside assessment).
/// - Duration of response and of MRD negativity: the IMWG engine's spans (progression or loss of MRD
///   negativity; censored at the last evaluable assessment).
public struct OutcomePatient: Sendable, Equatable, Codable {
    public static let ruleSet = "OUTCOMES-1"

    public var patientCode: String
    public var subgroups: OutcomeSubgroups
    public var infused: Bool
    public var evaluable: Bool
    /// Why the patient is outside the efficacy-evaluable population (`nil` when evaluable).
    public var notEvaluableReason: String?
    public var measurableDisease: [IMWGMeasurableDisease]
    /// The IMWG engine's best confirmed response (`nil`: nothing confirmed).
    public var bestResponse: IMWGCategory?
    public var firstResponseDay: Int?
    public var completeResponseDay: Int?
    /// An MRD test negative at sensitivity ≤ 1e-5 at any time.
    public var mrdNegative: Bool
    public var firstMRDNegativeDay: Int?
    public var progressionDay: Int?
    public var deathDay: Int?
    public var progressionFree: OutcomeTime?
    public var overall: OutcomeTime?
    public var durationOfResponse: OutcomeTime?
    public var durationOfMRDNegativity: OutcomeTime?
    public var crs: ToxicitySummary?
    public var icans: ToxicitySummary?
    public var persistence: TransgeneNCAResult?
    /// Best (lowest) change of the baseline-measurable marker before progression, percent: serum
    /// M-protein when measurable, else urine M-protein, else the involved free light chain.
    public var bestMarkerChangePercent: Double?
    /// The marker `bestMarkerChangePercent` measures.
    public var marker: IMWGMeasurableDisease?
    /// Last day known alive or the death day.
    public var lastKnownDay: Int
    /// Engine problems that kept a part of the outcome from being computed (stored data at fault).
    public var problems: [String]
}

extension OutcomePatient {
    /// Derives a patient's outcomes from their records through the IMWG, toxicity-episode and
    /// transgene-NCA engines. The records should already be cut (`OutcomeRecords.asOf`).
    public static func derive(_ r: OutcomeRecords) -> OutcomePatient {
        var p = OutcomePatient(patientCode: r.patientCode, subgroups: r.subgroups, infused: r.infusionDate != nil,
                               evaluable: false, notEvaluableReason: "not infused", measurableDisease: [],
                               mrdNegative: false, lastKnownDay: 0, problems: [])
        guard let day0 = r.infusionDate else { return p }

        let input = OutcomeResponse.input(patientCode: r.patientCode, infusion: day0,
                                          firstLymphodepletion: r.firstLymphodepletionDate, results: r.labs)
        var course: IMWGResponseCourse?
        do { course = try IMWGResponse.assess(baseline: input.baseline, assessments: input.assessments) } catch {
            p.problems.append("response: \(error)")
        }
        p.measurableDisease = course?.measurableDisease ?? []

        let death = r.events.filter { $0.kind == .death }.map { day0.days(to: $0.date) }.min()
        let clinicalProgression = r.events.filter { $0.kind == .progression }.map { day0.days(to: $0.date) }.min()
        p.deathDay = death
        let knownAlive = r.contactDates.map { day0.days(to: $0) } + r.labs.map { day0.days(to: $0.sampleDate) }
            + r.safety.map(\.studyDay) + [0]
        p.lastKnownDay = death ?? knownAlive.max() ?? 0
        p.overall = OutcomeTime(days: p.lastKnownDay, event: death != nil)

        if let c = course {
            p.bestResponse = c.bestConfirmedResponse
            p.firstResponseDay = c.firstResponseDay
            p.completeResponseDay = c.completeResponseDay
            p.firstMRDNegativeDay = c.firstMRDNegativeDay
            p.mrdNegative = c.firstMRDNegativeDay != nil
            p.durationOfResponse = c.durationOfResponse.map { OutcomeTime(days: $0.days, event: $0.event) }
            p.durationOfMRDNegativity = c.durationOfMRDNegativity.map { OutcomeTime(days: $0.days, event: $0.event) }
            let progression = [c.progressionDay, clinicalProgression].compactMap { $0 }.min()
            p.progressionDay = progression
            let lastEvaluable = c.assessments.last { $0.category != .notEvaluable }?.day ?? 0
            if let end = [progression, death].compactMap({ $0 }).min() {
                p.progressionFree = OutcomeTime(days: end, event: true)
            } else {
                p.progressionFree = OutcomeTime(days: lastEvaluable, event: false)
            }
            if c.measurableDisease.isEmpty {
                p.notEvaluableReason = "no measurable disease at baseline"
            } else if lastEvaluable == 0 && progression == nil && death == nil {
                p.notEvaluableReason = "no evaluable response assessment after Day 0"
            } else {
                p.evaluable = true
                p.notEvaluableReason = nil
            }
            (p.marker, p.bestMarkerChangePercent) = bestMarkerChange(input, course: c)
        } else {
            p.notEvaluableReason = "response could not be assessed from the stored results"
        }

        do {
            p.crs = try ToxicityEpisodes.summary(r.safety, kind: .crs)
            p.icans = try ToxicityEpisodes.summary(r.safety, kind: .icans)
        } catch {
            p.problems.append("toxicity: \(error)")
        }
        p.persistence = OutcomeResponse.persistence(patientCode: r.patientCode, infusion: day0, results: r.labs).nca
        return p
    }

    /// The waterfall value: lowest post-infusion value of the first measurable marker before progression,
    /// as a percent change from baseline.
    static func bestMarkerChange(_ input: LabResultIMWGInput, course: IMWGResponseCourse)
        -> (IMWGMeasurableDisease?, Double?)
    {
        let b = input.baseline
        let before = input.assessments.filter { course.progressionDay == nil || $0.day < course.progressionDay! }
        func best(_ base: Double?, _ value: (IMWGAssessment) -> Double?) -> Double? {
            guard let base, base > 0 else { return nil }
            let values = before.compactMap(value)
            guard let low = values.min() else { return nil }
            return (low - base) / base * 100
        }
        for route in course.measurableDisease {
            switch route {
            case .serum:
                if let v = best(b.serumMProteinGramsPerDeciliter, { $0.serumMProteinGramsPerDeciliter }) { return (route, v) }
            case .urine:
                if let v = best(b.urineMProteinMilligramsPer24h, { $0.urineMProteinMilligramsPer24h }) { return (route, v) }
            case .flc:
                let chain = IMWGFreeLightChains.involvedChain(of: b)
                let pick: (IMWGAssessment) -> Double? = chain == .lambda
                    ? { $0.lambdaFreeLightChainMilligramsPerLiter } : { $0.kappaFreeLightChainMilligramsPerLiter }
                let base = chain == .lambda ? b.lambdaFreeLightChainMilligramsPerLiter : b.kappaFreeLightChainMilligramsPerLiter
                if let v = best(base, pick) { return (route, v) }
            }
        }
        return (nil, nil)
    }
}

extension OutcomePatient {
    /// Progression-free time as the report counts it: in the efficacy-evaluable population only.
    public var progressionFreeIfEvaluable: OutcomeTime? { evaluable ? progressionFree : nil }
    /// Overall survival time as the report counts it: in the infused (safety) population only.
    public var overallIfInfused: OutcomeTime? { infused ? overall : nil }
}
