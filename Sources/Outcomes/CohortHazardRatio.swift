import Statistics

/// A subgroup's progression-free-survival hazard ratio (with versus without the characteristic), a row
/// of the forest plot.
public struct CohortHazardRatio: Sendable, Equatable, Codable {
    public var subgroup: String
    public var population: CohortPopulation
    public var nWith: Int
    public var eventsWith: Int
    public var nWithout: Int
    public var eventsWithout: Int
    /// Cox proportional hazards, one binary covariate, Efron ties (R `coxph` default); `nil` when the
    /// model cannot be fitted (an empty level, no event, or a level whose every subject had the event
    /// first, where the estimate diverges). `reason` then says which.
    public var hazardRatio: Double?
    public var lower: Double?
    public var upper: Double?
    /// Wald test p-value.
    public var pValue: Double?
    public var reason: String?

    /// Fits PFS on one subgroup indicator among `patients` (the evaluable ones are passed in).
    public init(subgroup: String, population: CohortPopulation, patients: [OutcomePatient],
                has: (OutcomeSubgroups) -> Bool, level: Double = 0.95) {
        self.subgroup = subgroup
        self.population = population
        let rows = patients.compactMap { p in p.progressionFree.map { (has(p.subgroups), $0) } }
        let with = rows.filter(\.0), without = rows.filter { !$0.0 }
        nWith = with.count
        eventsWith = with.filter(\.1.event).count
        nWithout = without.count
        eventsWithout = without.filter(\.1.event).count
        guard nWith > 0, nWithout > 0 else { reason = "one level has no patient"; return }
        guard eventsWith + eventsWithout > 0 else { reason = "no progression or death yet"; return }
        do {
            let fit = try CoxRegression.fit(times: rows.map { Double($0.1.days) }, events: rows.map(\.1.event),
                                            covariates: [rows.map { $0.0 ? 1 : 0 }], names: [subgroup])
            guard fit.converged, let c = fit.coefficientSummary(level: level).first,
                  c.hazardRatio.isFinite, c.upper.isFinite, c.lower > 0 else {
                reason = "the estimate does not converge (too few events in one level)"
                return
            }
            hazardRatio = c.hazardRatio
            lower = c.lower
            upper = c.upper
            pValue = c.pValue
        } catch {
            reason = "\(error)"
        }
    }
}
