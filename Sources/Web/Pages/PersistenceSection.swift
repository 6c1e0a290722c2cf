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
        return KineticsChart(frame: .init(id: "persistence", title: tr("CAR transgene of \(report.code)"), width: 900),
                             series: [.init(name: tr("CAR transgene"), points: points)],
                             llod: report.series.lowerLimitOfDetection,
                             xTitle: tr("Days after infusion"), yTitle: tr("Transgene copies/µg gDNA")).svg(words: .init(
                                 belowLLOD: tr("Below LLOD"), llod: tr("LLOD"),
                                 summary: { n, llod, below, samples in
                                     llod.map { tr("Kinetics of \(n) series on a log scale; LLOD \($0); \(below) of \(samples) samples below the LLOD.") }
                                         ?? tr("Kinetics of \(n) series on a log scale; \(below) of \(samples) samples below the LLOD.") }))
    }

    var node: Node<HTML.BodyContext> {
        func copies(_ v: Double?) -> String { v.map { tr("\(SVGChart.format($0, decimals: 0)) copies/µg") } ?? "—" }
        func detectable(_ b: Bool?) -> String { b.map { $0 ? tr("detectable") : tr("not detectable") } ?? tr("no sample within ±45 days") }
        return .section(.class("persistence"),
            .h2(.text(tr("CAR-T persistence"))),
            .if(report.series.samples.isEmpty, .p(.text(tr("No transgene results after Day 0 yet.")))),
            .unwrap(chart) { .div(.class("chart"), .raw($0)) },
            .unwrap(report.nca) { n in
                .dl(
                    .dt(.text(tr("Peak (Cmax)"))), .dd(.text(copies(n.cmax)), .unwrap(n.tmax) { .text(tr(" on day \(SVGChart.format($0, decimals: 0))")) }),
                    .dt(.text(tr("AUC day 0–28"))),
                    .dd(.text(n.auc0to28.map {
                                  n.auc0to28Interpolated ? tr("\(SVGChart.format($0, decimals: 0)) copies/µg × day (day 28 interpolated)")
                                                         : tr("\(SVGChart.format($0, decimals: 0)) copies/µg × day")
                              } ?? tr("not yet (the series ends before day 28)"))),
                    .dt(.text(tr("Persistence"))),
                    .dd(.text(n.tlast == nil ? tr("never above the LLOD")
                              : n.persistenceOngoing ? tr("\(SVGChart.format(n.persistenceDays, decimals: 0)) days, still detectable at the last sample")
                              : tr("\(SVGChart.format(n.persistenceDays, decimals: 0)) days"))),
                    .dt(.text(tr("Month 12"))), .dd(.text(detectable(n.detectableAt12Months))),
                    .dt(.text(tr("Month 24"))), .dd(.text(detectable(n.detectableAt24Months))),
                    .dt(.text(tr("Assay limits"))),
                    .dd(.text(report.series.lowerLimitOfQuantification.map {
                                  tr("LLOD \(copies(report.series.lowerLimitOfDetection)), LLOQ \(copies($0))")
                              } ?? tr("LLOD \(copies(report.series.lowerLimitOfDetection))")))
                )
            },
            .if(!report.series.reasons.isEmpty, .ul(.class("notes"), .forEach(report.series.reasons) { .li(.text(tr(source: $0))) }))
        )
    }
}
