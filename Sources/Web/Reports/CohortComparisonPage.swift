import CartographCore
import Charts
import Outcomes
import Plot

/// The outcomes report of the center's real patients beside the stored in-silico cohort (model +
/// view): the headline figures of each in its own column, the Kaplan–Meier curves of both on one
/// chart, and a log-rank test per endpoint. Reached from the report's "Patients:" switch.
struct CohortComparisonPage {
    var productID: String
    var productName: String
    var comparison: CohortComparison
    var errors: [FieldError] = []

    var title: String { tr("\(productName) — real and in-silico cohorts, side by side") }

    func render(viewer: Viewer) -> String {
        let cut = comparison.dataCut
        return Layout.page(title: title, viewer: viewer,
            .h1(.text(title)),
            .p(.class("actions"), .text(tr("Patients: ")),
               .a(.href("/reports/\(productID)?cut=\(cut)"), .text(CohortReportPage.originName("real"))), .text(" "),
               .a(.href("/reports/\(productID)?cut=\(cut)&origin=virtual"), .text(CohortReportPage.originName("virtual"))), .text(" "),
               .strong(.text(CohortReportPage.originName("compare")))),
            .if(!errors.isEmpty, .ul(.class("errors"), .forEach(errors) { .li(.text(tr("\($0.field): \($0.message)"))) })),
            .form(.method(.get), .action("/reports/\(productID)"), .class("inline"),
                  .label(.text(tr("Data cut ")), .input(.type(.date), .name("cut"), .escapedValue(cut.description))),
                  .input(.type(.hidden), .name("origin"), .value("compare")),
                  .button(.type(.submit), .text(tr("Recompute")))),
            .p(.class("notes"), .text(tr("""
                Virtual patients come from the in-silico trial: simulated by the mechanistic model, recorded as \
                a center records its patients and graded by the same rules as real ones. Each column is computed from its own cohort only.
                """))),
            CohortReportPage.table(comparison.headlineTable),
            CohortReportPage.chart(tr("Progression-free survival: real and in silico"), survivalChart, empty: tr("Neither cohort has an evaluable patient yet.")),
            CohortReportPage.table(comparison.logRankTable))
    }

    /// PFS of both cohorts on one chart, each with its own risk table.
    var survivalChart: String? {
        var curves: [SurvivalChart.Curve] = []
        for (report, name) in [(comparison.real, tr("PFS, real")), (comparison.inSilico, tr("PFS, in silico"))] {
            guard let s = report.pfs else { continue }
            var c = CohortReportCharts.curve(s, name: name)
            c.observedTimes = CohortReportCharts.observedMonths(report.patients, \.progressionFreeIfEvaluable)
            curves.append(c)
        }
        guard !curves.isEmpty else { return nil }
        return SurvivalChart(frame: .init(id: "km-compare", title: tr("Progression-free survival, real and in silico"), width: 900),
                             curves: curves, xTitle: tr("Months since infusion"), yTitle: tr("Probability (%)"), showMedians: true).svg(words: .init(
            numberAtRisk: tr("Number at risk"), median: { tr("median \($0) months") }, medianNotReached: tr("median not reached"),
            group: { name, n, median in n.map { tr("\(name) (n=\($0)): \(median)") } ?? tr("\(name): \(median)") },
            summary: { groups, months, texts in
                groups == 1 ? tr("Kaplan–Meier curves for \(groups) group over 0–\(months) months. \(texts.joined(separator: tr("; "))).")
                    : tr("Kaplan–Meier curves for \(groups) groups over 0–\(months) months. \(texts.joined(separator: tr("; "))).") }))
    }
}
