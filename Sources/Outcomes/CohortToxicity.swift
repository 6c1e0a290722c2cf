import Clinical

/// CRS or ICANS incidence by maximum grade over the infused (safety) population, with onset and
/// duration distributions, as a trial's safety table reports them.
public struct CohortToxicity: Sendable, Equatable, Codable {
    public var kind: ToxicityKind
    /// Any grade (≥ 1).
    public var anyGrade: CohortProportion
    /// Maximum grade exactly 1, 2, 3, 4, 5 (index 0 is grade 1).
    public var byMaximumGrade: [CohortProportion]
    public var grade3OrHigher: CohortProportion
    /// Day of onset of the first episode, among patients with the toxicity.
    public var onsetDay: CohortDayDistribution
    /// Days with the toxicity (episodes summed), among patients with the toxicity.
    public var durationDays: CohortDayDistribution
    /// Infused patients never graded for it: outside the denominator (missing data is not "none"),
    /// counted here so the table can say so.
    public var notAssessed: Int

    /// Summarises `patients` (infused ones only; a patient with no graded assessment of this kind is
    /// left out of the denominator and counted in `notAssessed`, because missing data is not "none").
    public init(_ kind: ToxicityKind, patients: [OutcomePatient]) {
        self.kind = kind
        let infused = patients.filter(\.infused)
        let summaries = infused.compactMap { kind == .crs ? $0.crs : $0.icans }.filter(\.assessed)
        notAssessed = infused.count - summaries.count
        let n = summaries.count
        let name = kind.displayName
        anyGrade = CohortProportion("\(name), any grade", population: .infused,
                                    successes: summaries.filter(\.anyGrade).count, total: n)
        byMaximumGrade = (1...5).map { g in
            CohortProportion("\(name), maximum grade \(g)", population: .infused,
                             successes: summaries.filter { $0.anyGrade && $0.maxGrade == g }.count, total: n)
        }
        grade3OrHigher = CohortProportion("\(name), grade ≥ 3", population: .infused,
                                          successes: summaries.filter { $0.hasGrade(atLeast: 3) }.count, total: n)
        let affected = summaries.filter(\.anyGrade)
        onsetDay = CohortDayDistribution(affected.compactMap(\.onsetDay))
        durationDays = CohortDayDistribution(affected.map(\.totalDurationDays))
    }
}
