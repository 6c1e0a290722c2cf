import CartographCore
import Statistics

/// A real cohort and an in-silico one, side by side at one data cut: every headline figure of each
/// with its own interval and denominator, and a log-rank test of each time-to-event endpoint between
/// the two. The cohorts are never pooled: each figure is its own cohort's `CohortReport`, computed by
/// the same engines from its own records.
public struct CohortComparison: Sendable, Equatable, Codable {
    /// One endpoint compared by the log-rank test (R `survdiff(Surv(t, e) ~ origin)`).
    public struct TimeToEvent: Sendable, Equatable, Codable {
        public var endpoint: String
        public var population: String
        /// `nil` when either cohort has nobody in the population, or no event happened in either.
        public var test: LogRankTest?
    }

    public var dataCut: CalendarDate
    public var real: CohortReport
    public var inSilico: CohortReport
    public var timeToEvent: [TimeToEvent]

    public init(real: CohortReport, inSilico: CohortReport) {
        self.dataCut = real.dataCut
        self.real = real
        self.inSilico = inSilico
        let endpoints: [(String, CohortPopulation, (OutcomePatient) -> OutcomeTime?)] = [
            ("Progression-free survival", .evaluable, { $0.progressionFreeIfEvaluable }),
            ("Overall survival", .infused, { $0.overallIfInfused }),
            ("Duration of response", .responders, { $0.durationOfResponse }),
        ]
        timeToEvent = endpoints.map { name, population, time in
            let a = real.patients.compactMap(time), b = inSilico.patients.compactMap(time)
            let all = a + b
            var test: LogRankTest?
            if !a.isEmpty, !b.isEmpty, all.contains(where: \.event) {
                test = try? LogRankTest(times: all.map { Double($0.days) }, events: all.map(\.event),
                                        groups: Array(repeating: 0, count: a.count) + Array(repeating: 1, count: b.count),
                                        groupNames: ["real", "in silico"])
            }
            return TimeToEvent(endpoint: name, population: population.displayName, test: test)
        }
    }

    /// The headline figures of both cohorts, row by row: figure, real, in silico, population.
    public var headlineTable: CohortTable {
        let r = real.headlineTable, v = inSilico.headlineTable
        // Both tables list the same figures in the same order; a figure missing from one shows as "—".
        let virtualByName = Dictionary(v.rows.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        let rows = r.rows.map { row in [row[0], row[1], virtualByName[row[0]]?[1] ?? "—", row[2]] }
        return CohortTable(
            slug: "comparison", title: "Real and in-silico cohorts, side by side",
            caption: "Real: \(real.infused) infused, \(real.evaluable) efficacy-evaluable. In silico: \(inSilico.infused) infused, "
                + "\(inSilico.evaluable) efficacy-evaluable. Data cut \(dataCut); each column is its own cohort, never pooled. "
                + "Proportions: estimate (exact 95% CI), n/N.",
            columns: ["Figure", "Real patients (95% CI)", "Virtual patients, in silico (95% CI)", "Population"], rows: rows)
    }

    /// The log-rank tests as a table: observed and expected events per cohort, χ² and p.
    public var logRankTable: CohortTable {
        let rows = timeToEvent.map { t -> [String] in
            guard let test = t.test, test.groups.count == 2 else { return [t.endpoint, t.population, "—", "—", "—", "not testable"] }
            func oe(_ g: LogRankTest.Group) -> String {
                "\(CohortFormat.number(g.observed, decimals: 0)) / \(CohortFormat.number(g.expected, decimals: 1)) (n = \(g.n))"
            }
            return [t.endpoint, t.population, oe(test.groups[0]), oe(test.groups[1]),
                    CohortFormat.number(test.chiSquare, decimals: 2), test.pValue < 0.001 ? "< 0.001" : CohortFormat.number(test.pValue, decimals: 3)]
        }
        return CohortTable(slug: "log-rank", title: "Time to event: real against in silico (log-rank)",
                           caption: "Observed / expected events per cohort; χ² on 1 degree of freedom (R survdiff, rho = 0); data cut \(dataCut).",
                           columns: ["Endpoint", "Population", "Real: O / E", "In silico: O / E", "χ²", "p"], rows: rows)
    }
}
