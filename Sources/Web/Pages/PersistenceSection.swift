import CartographCore
import Charts
import Clinical
import Kinetics
import Plot

/// CAR-T persistence: the transgene series on a log axis with the assay's LLOD, and the
/// non-compartmental figures (`TRANSGENE-NCA-1`) computed from it.
struct PersistenceSection {
    var report: PatientPersistenceReport

    var chart: String? {
        guard !report.series.samples.isEmpty else { return nil }
        let points = report.series.samples.map { KineticsChart.Point(day: $0.day, value: $0.copiesPerMicrogram) }
        return KineticsChart(frame: .init(id: "persistence", title: "CAR transgene of \(report.code)", width: 900),
                             series: [.init(name: "CAR transgene", points: points)],
                             llod: report.series.lowerLimitOfDetection).svg()
    }

    var node: Node<HTML.BodyContext> {
        func copies(_ v: Double?) -> String { v.map { "\(SVGChart.format($0, decimals: 0)) copies/µg" } ?? "—" }
        func detectable(_ b: Bool?) -> String { b.map { $0 ? "detectable" : "not detectable" } ?? "no sample within ±45 days" }
        return .section(.class("persistence"),
            .h2("CAR-T persistence"),
            .if(report.series.samples.isEmpty, .p("No transgene results after Day 0 yet.")),
            .unwrap(chart) { .div(.class("chart"), .raw($0)) },
            .unwrap(report.nca) { n in
                .dl(
                    .dt("Peak (Cmax)"), .dd(.text(copies(n.cmax)), .unwrap(n.tmax) { .text(" on day \(SVGChart.format($0, decimals: 0))") }),
                    .dt("AUC day 0–28"),
                    .dd(.text(n.auc0to28.map { "\(SVGChart.format($0, decimals: 0)) copies/µg × day" + (n.auc0to28Interpolated ? " (day 28 interpolated)" : "") }
                              ?? "not yet (the series ends before day 28)")),
                    .dt("Persistence"),
                    .dd(.text(n.tlast == nil ? "never above the LLOD"
                              : "\(SVGChart.format(n.persistenceDays, decimals: 0)) days\(n.persistenceOngoing ? ", still detectable at the last sample" : "")")),
                    .dt("Month 12"), .dd(.text(detectable(n.detectableAt12Months))),
                    .dt("Month 24"), .dd(.text(detectable(n.detectableAt24Months))),
                    .dt("Assay limits"),
                    .dd(.text("LLOD \(copies(report.series.lowerLimitOfDetection))"
                              + (report.series.lowerLimitOfQuantification.map { ", LLOQ \(copies($0))" } ?? "")))
                )
            },
            .if(!report.series.reasons.isEmpty, .ul(.class("notes"), .forEach(report.series.reasons) { .li(.text($0)) }))
        )
    }
}
