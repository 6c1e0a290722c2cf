import CartographCore
import Outcomes
import Plot

/// The cohort report (model + view): headline figures like a trial's press release, the curves and
/// plots, and every table with a CSV link. Rendered inside the site layout (`render`) or as one
/// standalone HTML file with its SVGs and stylesheet inside (`renderStandalone`).
struct CohortReportPage {
    var productID: String
    var productName: String
    var centerName: String
    var report: CohortReport
    var charts: CohortReportCharts
    /// `real`, or `virtual` for an in-silico cohort (`cartograph trial --into`); never both pooled.
    var origin: String = "real"
    /// The origins the center's patients of this product have, for the switch between cohorts.
    var origins: [String] = ["real"]
    /// A refused data cut or origin, shown above the report.
    var errors: [FieldError] = []

    var title: String {
        origin == "virtual" ? tr("\(productName) — outcomes report (virtual patients, in silico)") : tr("\(productName) — outcomes report")
    }

    /// The query of this report's links: its data cut, and its origin when not the default.
    var query: String { "?cut=\(report.dataCut)" + (origin == "real" ? "" : "&origin=\(origin)") }

    func render(viewer: Viewer) -> String {
        Layout.page(title: title, viewer: viewer,
            .h1(.text(title)),
            .p(.class("actions"),
               .a(.href("/reports/\(productID)/export.html\(query)"), .text(tr("Download standalone report (HTML)"))),
               .text(tr(" · CSV: ")),
               .forEach(report.tables) { t in
                   .group(.a(.href("/reports/\(productID)/tables/\(t.slug).csv\(query)"), .text(tr(source: t.slug))), .text(" "))
               }),
            .if(origins.count > 1, .p(.class("actions"), .text(tr("Patients: ")),
                .forEach(origins) { o in
                    .group(o == origin ? .strong(.text(Self.originName(o)))
                               : .a(.href("/reports/\(productID)?cut=\(report.dataCut)&origin=\(o)"), .text(Self.originName(o))),
                           .text(" "))
                })),
            .if(!errors.isEmpty, .ul(.class("errors"), .forEach(errors) { .li(.text(tr("\($0.field): \($0.message)"))) })),
            .form(.method(.get), .action("/reports/\(productID)"), .class("inline"),
                  .label(.text(tr("Data cut ")), .input(.type(.date), .name("cut"), .escapedValue(report.dataCut.description))),
                  .if(origin != "real", .input(.type(.hidden), .name("origin"), .escapedValue(origin))),
                  .button(.type(.submit), .text(tr("Recompute")))),
            body)
    }

    static func originName(_ origin: String) -> String {
        switch origin {
        case "real": tr("real patients")
        case "virtual": tr("virtual patients (in-silico trial)")
        case "compare": tr("side by side")
        default: origin
        }
    }

    /// One HTML file: stylesheet inline, charts inline, no link to the server, no script.
    func renderStandalone() -> String {
        var page = self
        page.standalone = true
        return page.standaloneDocument()
    }

    /// Set in the one-file export, which links to nothing on the server.
    var standalone = false

    private func standaloneDocument() -> String {
        HTML(
            .attribute(named: "lang", value: DisplayLanguage.current.tag),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: title),
                  .element(named: "style", nodes: [.raw(Styles.css)])),
            .body(.main(.h1(.text(title)), .p(.text(tr("Center: \(centerName)"))), body))
        ).render(indentedBy: .spaces(1))
    }

    var body: Node<HTML.BodyContext> {
        let r = report
        let rules = r.ruleSets.joined(separator: ", ")
        let cut = tr("""
            Data cut \(LocalFormat.date(r.dataCut)). \(r.enrolled) enrolled, \(r.infused) infused (safety population), \
            \(r.evaluable) efficacy-evaluable (\(r.evaluableCARTNaive) CAR-T-naive). Every figure is computed on request \
            from the raw records by the engines (rule sets \(rules)).
            """)
        let excluded = r.notEvaluable.sorted { $0.key < $1.key }.map { tr("\($0.key) (\(ReportText.label($0.value)))") }.joined(separator: tr("; "))
        let parts: [Node<HTML.BodyContext>] = [
            .p(.class("cut"), .text(cut)),
            .if(!excluded.isEmpty, .p(.class("notes"), .text(tr("Not evaluable: \(excluded).")))),
            Self.table(r.headlineTable),
            Self.chart(tr("Kaplan–Meier curves"), charts.survival, empty: tr("No infused patient yet.")),
            Self.table(r.timeToEventTable),
            Self.table(r.responseTable),
            Self.chart(tr("Swimmer plot"), charts.swimmer, empty: tr("No infused patient yet.")),
            Self.chart(tr("Waterfall"), charts.waterfall, empty: tr("No evaluable patient with a measurable marker yet.")),
            Self.chart(tr("Transgene kinetics"), charts.kinetics, empty: tr("No transgene results yet.")),
            Self.table(r.toxicityTable),
            Self.chart(tr("Subgroups"), charts.forest, empty: tr("No subgroup hazard ratio can be estimated yet.")),
            Self.table(r.subgroupTable),
            Self.table(r.patientTable, shownRows: Self.shownPatientRows, csv: standalone ? nil : "/reports/\(productID)/tables/\(r.patientTable.slug).csv\(query)"),
        ]
        return .group(parts)
    }

    static func chart(_ heading: String, _ svg: String?, empty: String) -> Node<HTML.BodyContext> {
        .section(.class("chart"), .h2(.text(heading)),
                 .unwrap(svg, { .div(.class("chart"), .raw($0)) }, else: .p(.text(empty))))
    }

    /// A table of the report: its title, headings, labels and caption in the request's language, its
    /// figures exactly as the outcomes engine wrote them (the CSV holds the same cells, in English).
    static func table(_ t: CohortTable, shownRows: Int = .max, csv: String? = nil) -> Node<HTML.BodyContext> {
        .section(.class("report-table"), .id("table-\(t.slug)"),
            .h2(.text(tr(source: t.title))),
            .table(.thead(.tr(.forEach(t.columns) { .th(.text(ReportText.label($0))) })),
                   .tbody(.forEach(t.rows.prefix(shownRows)) { row in .tr(.forEach(row) { .td(.text(ReportText.cell($0))) }) })),
            .if(t.rows.count > shownRows,
                .p(.class("more"), .text(tr("The first \(shownRows) of \(t.rows.count) patients are shown; the CSV holds them all. ")),
                   .unwrap(csv) { .a(.href($0), .text(tr("Download every row (CSV) »"))) })),
            .p(.class("notes"), .text(ReportText.caption(t.caption))))
    }

    /// Rows of the per-patient table shown on the page; a page of 10,000 rows helps nobody, and the
    /// CSV has every row.
    static let shownPatientRows = 100
}

/// The words of the outcomes engine's tables (`CohortTable`, written in English in Outcomes), in the
/// request's language. Figures are never touched: a cell is translated only when it is one of the
/// engine's words (a figure's name, a population, an endpoint, a reason), and a caption keeps the
/// counts and data cut it was written with.
enum ReportText {
    /// Every label the engine writes into a table's headings and cells (Outcomes: `CohortTables.swift`,
    /// `CohortComparison.swift`, `CohortFigures.swift`, `CohortReport.swift`, `OutcomePatient.swift`,
    /// `CohortHazardRatio.swift`). Abbreviations (CR, PD, CRS, N, G1…, χ², p) are written as they are.
    static let labels: Set<String> = [
        // Headline figures.
        "Overall response rate (PR or better)", "CR or better (CR/sCR)", "VGPR or better", "MRD negativity (≤ 10⁻⁵)",
        "ORR, CAR-T-naive", "CR or better, CAR-T-naive", "Median PFS, months (95% CI)", "12-month PFS (95% CI)",
        "12-month PFS, CAR-T-naive (95% CI)", "Median OS, months (95% CI)", "Median time to first response, days (range)",
        "CRS, any grade", "CRS, grade ≥ 3", "ICANS, any grade", "Median transgene persistence, days",
        "Transgene detectable at 12 months", "Transgene detectable at 24 months", "Median follow-up, months (reverse KM)",
        // Populations (`CohortPopulation.displayName`).
        "infused (safety)", "efficacy-evaluable", "evaluable, CAR-T-naive", "responders (PR or better)", "MRD-negative",
        "with a transgene series",
        // Time-to-event endpoints.
        "Progression-free survival", "Progression-free survival, CAR-T-naive", "Overall survival", "Duration of response",
        "Duration of MRD negativity", "Transgene persistence",
        // Subgroups.
        "Prior BCMA CAR-T", "Extramedullary disease", "High-risk cytogenetics",
        // Words in value cells.
        "— (0 patients)", "— (no patient)", "follow-up too short", "not confirmed", "not graded", "yes", "no", "not testable",
        // Why a patient is not evaluable (`OutcomePatient.notEvaluableReason`, `CohortReport.notEvaluable`).
        "not infused", "no measurable disease at baseline", "no evaluable response assessment after Day 0",
        "response could not be assessed from the stored results", "not evaluable",
        // Column headings.
        "Figure", "Value (95% CI)", "Population", "Best response", "Patients", "Endpoint", "Events", "Median (95% CI)",
        "12 months (95% CI)", "24 months (95% CI)", "Toxicity", "Any grade", "Grade ≥ 3", "Onset day", "Duration, days",
        "Subgroup", "With: events/N", "Without: events/N", "HR (95% CI)", "p (Wald)", "Patient", "Infused", "Evaluable",
        "First response day", "MRD negative", "PFS days", "OS days", "CRS max grade", "ICANS max grade", "Persistence days",
        "Best marker change %", "Real patients (95% CI)", "Virtual patients, in silico (95% CI)", "Real: O / E", "In silico: O / E",
    ]

    /// Why a subgroup's hazard ratio could not be estimated (`CohortHazardRatio.reason`), shown as `— (why)`.
    static let hazardRatioReasons: Set<String> = [
        "not estimable", "one level has no patient", "no progression or death yet",
        "the estimate does not converge (too few events in one level)",
    ]

    /// A heading or a word of the engine, translated; anything else (an abbreviation, a code) as it is.
    static func label(_ text: String) -> String {
        labels.contains(text) ? tr(source: text) : text
    }

    /// A cell: an engine word translated, `— (why)` with its reason translated, a figure exactly as written.
    static func cell(_ text: String) -> String {
        if labels.contains(text) { return tr(source: text) }
        if text.hasPrefix("— ("), text.hasSuffix(")"), hazardRatioReasons.contains(String(text.dropFirst(3).dropLast())) {
            return tr(source: text)
        }
        return text
    }

    /// A caption in the request's language, its counts and data cut kept (through the catalogue's
    /// caption templates, `%@ infused, %@ efficacy-evaluable; data cut %@. …`).
    static func caption(_ text: String) -> String { tr(source: text) }
}
