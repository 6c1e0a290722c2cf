import CartographCore
import Charts
import Clinical
import Outcomes

/// The report's figures as standalone SVG strings (inlined in the page and in the one-file export).
/// Charts draw what the outcomes engine computed; they estimate nothing themselves.
struct CohortReportCharts: Equatable {
    var survival: String?
    var swimmer: String?
    var waterfall: String?
    var kinetics: String?
    var forest: String?

    init(report: CohortReport, records: [OutcomeRecords]) {
        survival = Self.survival(report)
        let infused = Dictionary(records.compactMap { r in r.infusionDate.map { (r.patientCode, $0) } }, uniquingKeysWith: { a, _ in a })
        swimmer = Self.swimmer(report, infused: infused)
        waterfall = Self.waterfall(report)
        kinetics = Self.kinetics(report, records: records)
        forest = Self.forest(report)
    }

    /// Most lines a swimmer or kinetics plot draws: past this, lines are thinner than a pixel at the
    /// report's 900-pixel width and no patient can be told apart. The tables always count everyone.
    static let shownPatients = 60

    /// Most bars a waterfall draws (each then at least 3 pixels wide).
    static let shownBars = 300

    /// The `limit` patients infused most recently (latest Day 0 first, then by code): the stated,
    /// reproducible selection of a chart that cannot show everyone.
    static func mostRecent(_ codes: [String], infused: [String: CalendarDate], limit: Int) -> Set<String> {
        guard codes.count > limit else { return Set(codes) }
        let order = codes.sorted { a, b in
            let (da, db) = (infused[a] ?? CalendarDate(daysSinceEpoch: .min), infused[b] ?? CalendarDate(daysSinceEpoch: .min))
            return da != db ? da > db : a < b
        }
        return Set(order.prefix(limit))
    }

    /// `count` indices spread evenly over `0..<n`, both ends included: a systematic sample of a sorted
    /// list keeps its shape (the waterfall's) and its extremes.
    static func evenlySpaced(_ n: Int, count: Int) -> [Int] {
        guard n > count, count > 1 else { return Array(0..<n) }
        return (0..<count).map { i in Int((Double(i) * Double(n - 1) / Double(count - 1)).rounded()) }
    }

    static func curve(_ s: CohortSurvival, name: String) -> SurvivalChart.Curve {
        SurvivalChart.Curve(
            name: tr("\(name) (n = \(s.n))"),
            steps: s.steps.map { SurvivalChart.Step(time: $0.months, survival: $0.survival, lower: $0.lower, upper: $0.upper) },
            censored: s.censoredMonths,
            observedTimes: nil)
    }

    /// Every observed time of an endpoint, in months, for the risk table (which counts them all);
    /// rebuilt from the patient list.
    static func observedMonths(_ patients: [OutcomePatient], _ time: (OutcomePatient) -> OutcomeTime?) -> [Double] {
        patients.compactMap { time($0).map { Double($0.days) * CohortSurvival.monthsPerDay } }
    }

    static func survival(_ r: CohortReport) -> String? {
        var curves: [SurvivalChart.Curve] = []
        var observed: [[Double]] = []
        for (s, name) in [(r.pfs, "PFS"), (r.os, "OS")] {
            guard let s else { continue }
            var c = curve(s, name: name)
            let times = observedMonths(r.patients, name == "PFS" ? \.progressionFreeIfEvaluable : \.overallIfInfused)
            c.observedTimes = times
            observed.append(times)
            curves.append(c)
        }
        guard !curves.isEmpty else { return nil }
        return SurvivalChart(frame: .init(id: "km", title: tr("Progression-free and overall survival"), width: 900),
                             curves: curves, xTitle: tr("Months since infusion"), yTitle: tr("Probability (%)"),
                             showMedians: true).svg(words: .init(
            numberAtRisk: tr("Number at risk"), median: { tr("median \($0) months") }, medianNotReached: tr("median not reached"),
            group: { name, n, median in n.map { tr("\(name) (n=\($0)): \(median)") } ?? tr("\(name): \(median)") },
            summary: { groups, months, texts in
                groups == 1 ? tr("Kaplan–Meier curves for \(groups) group over 0–\(months) months. \(texts.joined(separator: tr("; "))).")
                    : tr("Kaplan–Meier curves for \(groups) groups over 0–\(months) months. \(texts.joined(separator: tr("; "))).") }))
    }

    static func swimmer(_ r: CohortReport, infused: [String: CalendarDate]) -> String? {
        let everyone = r.patients.filter { $0.infused && $0.overall != nil }
        let shown = mostRecent(everyone.map(\.patientCode), infused: infused, limit: shownPatients)
        let rows = everyone.filter { shown.contains($0.patientCode) }.compactMap { p -> SwimmerChart.Patient? in
            guard let os = p.overall else { return nil }
            let m = CohortSurvival.monthsPerDay
            var events: [SwimmerChart.Event] = []
            if let d = p.firstResponseDay { events.append(.init(time: Double(d) * m, kind: .response, label: p.bestResponse?.rawValue)) }
            if let d = p.progressionDay { events.append(.init(time: Double(d) * m, kind: .progression)) }
            if let d = p.deathDay { events.append(.init(time: Double(d) * m, kind: .death)) }
            return SwimmerChart.Patient(id: p.patientCode, duration: Double(os.days) * m, category: p.bestResponse?.rawValue ?? tr("not confirmed"),
                                        events: events, ongoing: !os.event)
        }
        guard !rows.isEmpty else { return nil }
        let title = rows.count < everyone.count
            ? tr("Each patient's course: the \(rows.count) most recently infused of \(everyone.count)") : tr("Each patient's course")
        return SwimmerChart(frame: .init(id: "swimmer", title: title, width: 900), patients: rows,
                            xTitle: tr("Months since infusion"),
                            categoryOrder: ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", tr("not confirmed")]).svg(words: .init(
            response: tr("Response"), event: tr("Event"), progression: tr("Progression"), death: tr("Death"), ongoing: tr("Ongoing"),
            summary: { n, ongoing, progressed, died in
                tr("Swimmer plot of \(n) patients; \(ongoing) ongoing, \(progressed) with progression, \(died) deaths.") }))
    }

    static func waterfall(_ r: CohortReport) -> String? {
        let all = r.patients.filter(\.evaluable).compactMap { p in
            p.bestMarkerChangePercent.map { WaterfallChart.Bar(id: p.patientCode, percentChange: $0, category: p.bestResponse?.rawValue ?? tr("not confirmed")) }
        }.sorted { ($0.percentChange, $0.id) < ($1.percentChange, $1.id) }
        guard !all.isEmpty else { return nil }
        let bars = evenlySpaced(all.count, count: shownBars).map { all[$0] }
        let title = bars.count < all.count
            ? tr("Best change of the measurable marker: \(bars.count) of \(all.count) patients, evenly spaced in order of change")
            : tr("Best change of the measurable marker")
        return WaterfallChart(frame: .init(id: "waterfall", title: title, width: 900),
                              bars: bars, yTitle: tr("Best change from baseline (%)"),
                              categoryOrder: ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", tr("not confirmed")],
                              showIDs: bars.count <= 40).svg(words: .init(summary: { n, responders in
            tr("Waterfall plot of best percentage change from baseline for \(n) patients; \(responders) with a reduction of 50% or more.") }))
    }

    static func kinetics(_ r: CohortReport, records: [OutcomeRecords]) -> String? {
        var llod: Double?
        let sampled = records.filter { rec in rec.infusionDate != nil && rec.labs.contains { $0.analyte == .transgeneCopies } }
        let shown = mostRecent(sampled.map(\.patientCode),
                               infused: Dictionary(sampled.map { ($0.patientCode, $0.infusionDate!) }, uniquingKeysWith: { a, _ in a }),
                               limit: shownPatients)
        let series = sampled.filter { shown.contains($0.patientCode) }.compactMap { rec -> KineticsChart.Series? in
            guard let day0 = rec.infusionDate else { return nil }
            let s = OutcomeResponse.persistence(patientCode: rec.patientCode, infusion: day0, results: rec.labs).series
            guard !s.samples.isEmpty else { return nil }
            llod = llod ?? s.lowerLimitOfDetection
            return KineticsChart.Series(name: rec.patientCode,
                                        points: s.samples.map { .init(day: $0.day, value: $0.copiesPerMicrogram) }, color: "#0072B2")
        }
        guard !series.isEmpty else { return nil }
        let title = shown.count < sampled.count
            ? tr("CAR transgene: the \(shown.count) most recently infused of \(sampled.count) patients") : tr("CAR transgene, every patient")
        return KineticsChart(frame: .init(id: "kinetics", title: title, width: 900),
                             series: series, llod: llod, xTitle: tr("Days after infusion"), yTitle: tr("Transgene copies/µg gDNA")).svg(words: .init(
                                 belowLLOD: tr("Below LLOD"), llod: tr("LLOD"),
                                 summary: { n, llod, below, samples in
                                     llod.map { tr("Kinetics of \(n) series on a log scale; LLOD \($0); \(below) of \(samples) samples below the LLOD.") }
                                         ?? tr("Kinetics of \(n) series on a log scale; \(below) of \(samples) samples below the LLOD.") }))
    }

    static func forest(_ r: CohortReport) -> String? {
        let rows = r.subgroupHazardRatios.map { h in
            ForestPlotChart.Row(label: tr(source: h.subgroup), estimate: h.hazardRatio, lower: h.lower, upper: h.upper,
                                detail: tr("\(h.eventsWith)/\(h.nWith) vs \(h.eventsWithout)/\(h.nWithout)"))
        }
        guard rows.contains(where: { $0.estimate != nil }) else { return nil }
        return ForestPlotChart(frame: .init(id: "forest", title: tr("PFS hazard ratio by subgroup (with vs without)"), width: 900),
                               rows: rows, xTitle: tr("Hazard ratio"), estimateHeader: tr("HR (95% CI)")).svg(words: .init(
            labelWithDetail: { tr("\($0) (\($1))") },
            summary: { n, reference, estimates in
                tr("Forest plot of \(n) estimates on a log scale with reference line at \(reference): \(estimates.joined(separator: tr("; "))).") }))
    }
}
