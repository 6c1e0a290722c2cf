import CartographCore
import Charts
import Clinical
import Plot

/// The response timeline: the marker that measures the patient's disease (serum M-protein, urine
/// M-protein or dFLC, whichever was measurable at baseline, in that order) with each assessment's
/// category as the IMWG engine gave it, the confirmed best response, progression and MRD.
struct ResponseTimelineSection {
    var report: PatientResponseReport

    /// The marker drawn: its title and its value at baseline and at each assessment.
    var marker: (title: String, baseline: Double?, values: [Double?])? {
        let input = report.input
        switch report.course.measurableDisease.first {
        case .serum?:
            return (tr("Serum M-protein (g/dL)"), input.baseline.serumMProteinGramsPerDeciliter, input.assessments.map(\.serumMProteinGramsPerDeciliter))
        case .urine?:
            return (tr("Urine M-protein (mg/24 h)"), input.baseline.urineMProteinMilligramsPer24h, input.assessments.map(\.urineMProteinMilligramsPer24h))
        case .flc?:
            guard let chain = IMWGFreeLightChains.involvedChain(of: input.baseline) else { return nil }
            func dFLC(_ k: Double?, _ l: Double?) -> Double? { IMWGFreeLightChains.difference(chain, kappa: k, lambda: l) }
            return (tr("dFLC, involved \(tr(source: chain.rawValue)) − uninvolved (mg/L)"),
                    dFLC(input.baseline.kappaFreeLightChainMilligramsPerLiter, input.baseline.lambdaFreeLightChainMilligramsPerLiter),
                    input.assessments.map { dFLC($0.kappaFreeLightChainMilligramsPerLiter, $0.lambdaFreeLightChainMilligramsPerLiter) })
        case nil:
            return nil
        }
    }

    var chart: String? {
        guard let m = marker, !report.course.assessments.isEmpty else { return nil }
        // The baseline is drawn at Day 0: it is the value the infusion started from, whatever day it was drawn.
        var points = [ResponseTimelineChart.Point(day: 0, value: m.baseline)]
        for (a, v) in zip(report.course.assessments, m.values) {
            points.append(.init(day: Double(a.day), value: v, category: a.category.rawValue, confirmed: a.confirmed))
        }
        let c = report.course
        return ResponseTimelineChart(frame: .init(id: "response", title: tr("Response of \(report.code)"), width: 900), points: points,
                                     yTitle: m.title, xTitle: tr("Days after infusion"), bestResponse: c.bestConfirmedResponse?.rawValue,
                                     bestResponseDay: c.bestConfirmedResponseDay.map(Double.init),
                                     progressionDay: c.progressionDay.map(Double.init)).svg(words: .init(
            bestResponse: { category, day in
                day.map { tr("Best confirmed response: \(category) (from day \($0))") } ?? tr("Best confirmed response: \(category)") },
            noConfirmedResponse: tr("No confirmed response"), baseline: tr("baseline"), progression: tr("PD"),
            summary: { marker, timepoints, assessed, headline, pd in
                pd.map { tr("\(marker) at \(timepoints) timepoints; \(assessed) response assessments; \(headline); progression on day \($0).") }
                    ?? tr("\(marker) at \(timepoints) timepoints; \(assessed) response assessments; \(headline).") }))
    }

    /// `negative (NGF, 1e-05): flow MRD-negative`, `positive (NGS)`, or a dash when no test was done.
    func mrdText(_ test: MRDTest?, category: MRDCategory?) -> String {
        guard let test else { return "—" }
        let assay = ([test.method.rawValue] + (test.sensitivity.map { ["\($0)"] } ?? [])).joined(separator: ", ")
        switch (test.result, category.map { tr(source: $0.rawValue) }) {
        case (.negative, let c?): return tr("negative (\(assay)): \(c)")
        case (.negative, nil): return tr("negative (\(assay))")
        case (.positive, let c?): return tr("positive (\(assay)): \(c)")
        case (.positive, nil): return tr("positive (\(assay))")
        }
    }

    var node: Node<HTML.BodyContext> {
        let c = report.course
        func day(_ d: Int?) -> String { d.map { tr("Day \($0) (\(LocalFormat.date(report.infusionDate.adding(days: $0))))") } ?? "—" }
        func span(_ s: IMWGTimeSpan?) -> String {
            s.map { $0.event ? tr("\($0.days) days (day \($0.startDay)–\($0.endDay))") : tr("\($0.days) days (day \($0.startDay)–\($0.endDay), ongoing)") } ?? "—"
        }
        return .section(.class("response"),
            .h2(.text(tr("Response (\(c.ruleSetVersion))"))),
            .if(c.assessments.isEmpty, .p(.text(tr("No response assessment after Day 0 yet.")))),
            .unwrap(chart) { .div(.class("chart"), .raw($0)) },
            .dl(
                .dt(.text(tr("Measurable disease at baseline"))),
                .dd(.text(c.measurableDisease.isEmpty ? tr("none (only CR, SD or PD can be assessed)")
                          : c.measurableDisease.map { tr(source: $0.rawValue) }.joined(separator: ", "))),
                .dt(.text(tr("Best confirmed response"))),
                .dd(.strong(.class("category"), .text(c.bestConfirmedResponse?.rawValue ?? tr("none confirmed"))),
                    .unwrap(c.bestConfirmedResponseDay) { .text(" " + tr("from \(day($0))")) }),
                .dt(.text(tr("Progression"))), .dd(.text(day(c.progressionDay))),
                .dt(.text(tr("Time to first response"))), .dd(.text(day(c.firstResponseDay))),
                .dt(.text(tr("Time to CR"))), .dd(.text(day(c.completeResponseDay))),
                .dt(.text(tr("Duration of response"))), .dd(.text(span(c.durationOfResponse))),
                .dt(.text(tr("First MRD-negative test (≤ 10⁻⁵)"))), .dd(.text(day(c.firstMRDNegativeDay))),
                .dt(.text(tr("Sustained MRD negativity (marrow and PET/CT, IMWG)"))), .dd(.text(day(c.sustainedMRDNegativeDay))),
                .dt(.text(tr("Sustained MRD negativity (marrow only, ≥ 1 year)"))), .dd(.text(day(c.sustainedMarrowMRDNegativeDay))),
                .dt(.text(tr("Duration of MRD negativity"))), .dd(.text(span(c.durationOfMRDNegativity))),
                .dt(.text(tr("Clinical relapse (CRAB; not a PFS event)"))),
                .dd(.text(day(c.clinicalRelapseDay)),
                    .if(!c.clinicalRelapseReasons.isEmpty, .text(": " + c.clinicalRelapseReasons.joined(separator: "; "))))
            ),
            .if(!c.assessments.isEmpty,
                .table(.class("assessments"),
                    .thead(.tr(.th(.text(tr("Day"))), .th(.text(tr("Date"))), .th(.text(tr("Category"))), .th(.text(tr("Confirmed"))), .th("MRD"), .th(.text(tr("Why"))))),
                    .tbody(.forEach(Array(c.assessments.indices)) { i in
                        let a = c.assessments[i]
                        return .tr(.class("category-\(a.category.rawValue)"),
                            .td(.text(String(a.day))), .td(.text(LocalFormat.date(report.assessmentDates[i]))),
                            .td(.strong(.text(a.category.rawValue))),
                            .td(.text(a.confirmed ? tr("yes") : tr("no"))),
                            .td(.text(mrdText(report.input.assessments[i].mrd, category: a.mrdCategory))),
                            .td(.small(.text(ClinicalWords.reasons(a.reasons)))))
                    }))),
            .details(.summary(.text(tr("How the engine's input was built"))),
                .p(.text(tr("Baseline from \(LocalFormat.date(report.baselineFrom)) to \(LocalFormat.date(report.baselineTo)); rule sets \(report.ruleSets.joined(separator: ", "))."))),
                .ul(.forEach(report.input.reasons + c.reasons) { .li(.text(tr(source: $0))) }))
        )
    }
}
