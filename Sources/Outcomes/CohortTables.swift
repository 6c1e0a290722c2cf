import Foundation

/// One table of the cohort report, as the page shows it and as its CSV export holds it (the same
/// cells, so the two can never disagree).
public struct CohortTable: Sendable, Equatable, Codable {
    /// File-name slug: `headline`, `response`, `time-to-event`, `toxicity`, `subgroups`, `patients`.
    public var slug: String
    public var title: String
    /// What every row counts (population and data cut), printed under the table.
    public var caption: String
    public var columns: [String]
    public var rows: [[String]]

    public init(slug: String, title: String, caption: String, columns: [String], rows: [[String]]) {
        self.slug = slug
        self.title = title
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or
    /// LF, quotes doubled. A cell starting with `=`, `+`, `-` or `@` that is not a number is prefixed
    /// with `'` so a spreadsheet never runs it as a formula (OWASP "CSV injection").
    public var csv: String {
        func cell(_ s: String) -> String {
            var s = s
            if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
            return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([columns] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// Number formatting for report tables: fixed decimals, `.` as separator whatever the locale, and a
/// dash for a missing value.
public enum CohortFormat {
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let f = fraction, f.isFinite else { return "—" }
        return String(format: "%.\(decimals)f", f * 100)
    }

    public static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let v = value, v.isFinite else { return "—" }
        return String(format: "%.\(decimals)f", v)
    }

    /// `96.3% (90.7–99.0), 103/107`.
    public static func proportion(_ p: CohortProportion) -> String {
        guard p.total > 0 else { return "— (0 patients)" }
        return "\(percent(p.estimate))% (\(percent(p.lower))–\(percent(p.upper))), \(p.successes)/\(p.total)"
    }

    /// `18.3 (12.1–NR)` months, `NR` when not reached.
    public static func median(_ s: CohortSurvival?) -> String {
        guard let s else { return "— (no patient)" }
        func v(_ x: Double?) -> String { x.map { number($0) } ?? "NR" }
        return "\(v(s.medianMonths)) (\(v(s.medianLowerMonths))–\(v(s.medianUpperMonths)))"
    }

    /// `85.5% (76.0–91.4)` at a landmark, or why there is none.
    public static func landmark(_ s: CohortSurvival?, months: Double) -> String {
        guard let s, let l = s.rate(atMonths: months) else { return "—" }
        guard let v = l.survival else { return "follow-up too short" }
        return "\(percent(v))% (\(percent(l.lower))–\(percent(l.upper)))"
    }

    public static func days(_ d: CohortDayDistribution) -> String {
        guard let m = d.median, let lo = d.minimum, let hi = d.maximum else { return "— (no patient)" }
        return "\(number(m, decimals: m == m.rounded() ? 0 : 1)) (\(lo)–\(hi)), n = \(d.n)"
    }
}

extension CohortReport {
    /// Every table of the report, in page order.
    public var tables: [CohortTable] {
        [headlineTable, responseTable, timeToEventTable, toxicityTable, subgroupTable, patientTable]
    }

    private var cutText: String { "data cut \(dataCut)" }

    /// The headline figures laid out like a trial's press release, each with its interval and denominator.
    public var headlineTable: CohortTable {
        var rows: [[String]] = []
        func add(_ name: String, _ p: CohortProportion) {
            rows.append([name, CohortFormat.proportion(p), p.population.displayName])
        }
        add("Overall response rate (PR or better)", orr)
        add("CR or better (CR/sCR)", crOrBetter)
        add("VGPR or better", vgprOrBetter)
        add("MRD negativity (≤ 10⁻⁵)", mrdNegative)
        add("ORR, CAR-T-naive", naiveORR)
        add("CR or better, CAR-T-naive", naiveCROrBetter)
        rows.append(["Median PFS, months (95% CI)", CohortFormat.median(pfs), CohortPopulation.evaluable.displayName])
        rows.append(["12-month PFS (95% CI)", CohortFormat.landmark(pfs, months: 12), CohortPopulation.evaluable.displayName])
        rows.append(["12-month PFS, CAR-T-naive (95% CI)", CohortFormat.landmark(pfsNaive, months: 12),
                     CohortPopulation.evaluableCARTNaive.displayName])
        rows.append(["Median OS, months (95% CI)", CohortFormat.median(os), CohortPopulation.infused.displayName])
        rows.append(["Median time to first response, days (range)", CohortFormat.days(timeToFirstResponseDays),
                     CohortPopulation.responders.displayName])
        add("CRS, any grade", crs.anyGrade)
        add("CRS, grade ≥ 3", crs.grade3OrHigher)
        add("ICANS, any grade", icans.anyGrade)
        rows.append(["Median transgene persistence, days",
                     persistence == nil ? "— (no patient)" : persistenceMedianDays.map { CohortFormat.number($0, decimals: 1) } ?? "NR",
                     CohortPopulation.transgeneEvaluable.displayName])
        add("Transgene detectable at 12 months", vcnDetectableAt12Months)
        add("Transgene detectable at 24 months", vcnDetectableAt24Months)
        rows.append(["Median follow-up, months (reverse KM)", CohortFormat.number(medianFollowUpMonths),
                     CohortPopulation.infused.displayName])
        return CohortTable(slug: "headline", title: "Headline results",
                           caption: "\(infused) infused, \(evaluable) efficacy-evaluable; \(cutText). Proportions: estimate (exact 95% CI), n/N.",
                           columns: ["Figure", "Value (95% CI)", "Population"], rows: rows)
    }

    public var responseTable: CohortTable {
        let order = ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", "NE", "none"]
        let rows = order.compactMap { key -> [String]? in
            guard let n = bestResponseCounts[key], n > 0 else { return nil }
            let share = evaluable > 0 ? Double(n) / Double(evaluable) : nil
            return [key == "none" ? "not confirmed" : key, "\(n)", CohortFormat.percent(share)]
        }
        return CohortTable(slug: "response", title: "Best confirmed response (IMWG 2016)",
                           caption: "Efficacy-evaluable patients (N = \(evaluable)); \(cutText).",
                           columns: ["Best response", "Patients", "%"], rows: rows)
    }

    public var timeToEventTable: CohortTable {
        let endpoints: [CohortSurvival?] = [pfs, pfsNaive, os, durationOfResponse, durationOfMRDNegativity, persistence]
        let rows = endpoints.compactMap { $0 }.map { s in
            [s.name, s.population.displayName, "\(s.n)", "\(s.events)", CohortFormat.median(s),
             CohortFormat.landmark(s, months: 12), CohortFormat.landmark(s, months: 24)]
        }
        return CohortTable(slug: "time-to-event", title: "Time-to-event endpoints (Kaplan–Meier)",
                           caption: "Months from infusion; medians with 95% CI (log transform, R survival's rule); NR = not reached; \(cutText).",
                           columns: ["Endpoint", "Population", "N", "Events", "Median (95% CI)", "12 months (95% CI)", "24 months (95% CI)"],
                           rows: rows)
    }

    public var toxicityTable: CohortTable {
        let rows = [crs, icans].map { t in
            [t.kind.displayName, CohortFormat.proportion(t.anyGrade)]
                + t.byMaximumGrade.map { "\($0.successes)" }
                + [CohortFormat.proportion(t.grade3OrHigher), CohortFormat.days(t.onsetDay), CohortFormat.days(t.durationDays)]
        }
        return CohortTable(slug: "toxicity", title: "CRS and ICANS (ASTCT 2019), by maximum grade",
                           caption: "Infused patients graded at least once (CRS N = \(crs.anyGrade.total), ICANS N = \(icans.anyGrade.total)); onset day and days with the toxicity, median (range); \(cutText).",
                           columns: ["Toxicity", "Any grade", "G1", "G2", "G3", "G4", "G5", "Grade ≥ 3", "Onset day", "Duration, days"],
                           rows: rows)
    }

    public var subgroupTable: CohortTable {
        let rows = subgroupHazardRatios.map { h in
            [h.subgroup, "\(h.eventsWith)/\(h.nWith)", "\(h.eventsWithout)/\(h.nWithout)",
             h.hazardRatio.map { "\(CohortFormat.number($0, decimals: 2)) (\(CohortFormat.number(h.lower, decimals: 2))–\(CohortFormat.number(h.upper, decimals: 2)))" } ?? "— (\(h.reason ?? "not estimable"))",
             CohortFormat.number(h.pValue, decimals: 3)]
        }
        return CohortTable(slug: "subgroups", title: "Progression-free survival by subgroup",
                           caption: "Cox proportional hazards, Efron ties, with versus without; events/N; efficacy-evaluable; \(cutText).",
                           columns: ["Subgroup", "With: events/N", "Without: events/N", "HR (95% CI)", "p (Wald)"], rows: rows)
    }

    public var patientTable: CohortTable {
        let rows = patients.map { p -> [String] in
            [p.patientCode, p.infused ? "yes" : "no", p.evaluable ? "yes" : (p.notEvaluableReason ?? "no"),
             p.bestResponse?.rawValue ?? "—", p.firstResponseDay.map(String.init) ?? "—",
             p.mrdNegative ? "yes" : "no",
             p.progressionFree.map { "\($0.days)\($0.event ? "" : "+")" } ?? "—",
             p.overall.map { "\($0.days)\($0.event ? "" : "+")" } ?? "—",
             p.crs.map { $0.assessed ? "\($0.maxGrade)" : "not graded" } ?? "—",
             p.icans.map { $0.assessed ? "\($0.maxGrade)" : "not graded" } ?? "—",
             p.persistence.map { "\(Int($0.persistenceDays))\($0.persistenceOngoing ? "+" : "")" } ?? "—",
             p.bestMarkerChangePercent.map { CohortFormat.number($0) } ?? "—"]
        }
        return CohortTable(slug: "patients", title: "Patient listing",
                           caption: "Days from infusion; + = censored or ongoing; \(cutText).",
                           columns: ["Patient", "Infused", "Evaluable", "Best response", "First response day", "MRD negative",
                                     "PFS days", "OS days", "CRS max grade", "ICANS max grade", "Persistence days",
                                     "Best marker change %"],
                           rows: rows)
    }
}
