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
        "\(productName) — outcomes report" + (origin == "virtual" ? " (virtual patients, in silico)" : "")
    }

    /// The query of this report's links: its data cut, and its origin when not the default.
    var query: String { "?cut=\(report.dataCut)" + (origin == "real" ? "" : "&origin=\(origin)") }

    func render(viewer: Viewer) -> String {
        Layout.page(title: title, viewer: viewer,
            .h1(.text(title)),
            .p(.class("actions"),
               .a(.href("/reports/\(productID)/export.html\(query)"), .text("Download standalone report (HTML)")),
               .text(" · CSV: "),
               .forEach(report.tables) { t in
                   .group(.a(.href("/reports/\(productID)/tables/\(t.slug).csv\(query)"), .text(t.slug)), .text(" "))
               }),
            .if(origins.count > 1, .p(.class("actions"), .text("Patients: "),
                .forEach(origins) { o in
                    .group(o == origin ? .strong(.text(Self.originName(o)))
                               : .a(.href("/reports/\(productID)?cut=\(report.dataCut)&origin=\(o)"), .text(Self.originName(o))),
                           .text(" "))
                })),
            .if(!errors.isEmpty, .ul(.class("errors"), .forEach(errors) { .li(.text("\($0.field): \($0.message)")) })),
            .form(.method(.get), .action("/reports/\(productID)"), .class("inline"),
                  .label(.text("Data cut "), .input(.type(.date), .name("cut"), .escapedValue(report.dataCut.description))),
                  .if(origin != "real", .input(.type(.hidden), .name("origin"), .escapedValue(origin))),
                  .button(.type(.submit), .text("Recompute"))),
            body)
    }

    static func originName(_ origin: String) -> String {
        switch origin {
        case "real": "real patients"
        case "virtual": "virtual patients (in-silico trial)"
        case "compare": "side by side"
        default: origin
        }
    }

    /// One HTML file: stylesheet inline, charts inline, no link to the server, no script.
    func renderStandalone() -> String {
        HTML(
            .lang(.english),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: title),
                  .element(named: "style", nodes: [.raw(Styles.css)])),
            .body(.main(.h1(.text(title)), .p(.text("Center: \(centerName)")), body))
        ).render(indentedBy: .spaces(1))
    }

    var body: Node<HTML.BodyContext> {
        let r = report
        let rules = r.ruleSets.joined(separator: ", ")
        let cut = "Data cut \(r.dataCut). \(r.enrolled) enrolled, \(r.infused) infused (safety population), "
            + "\(r.evaluable) efficacy-evaluable (\(r.evaluableCARTNaive) CAR-T-naive). Every figure is computed on request "
            + "from the raw records by the engines (rule sets \(rules))."
        let excluded = r.notEvaluable.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: "; ")
        let parts: [Node<HTML.BodyContext>] = [
            .p(.class("cut"), .text(cut)),
            .if(!excluded.isEmpty, .p(.class("notes"), .text("Not evaluable: \(excluded).")) ),
            Self.table(r.headlineTable),
            Self.chart("Kaplan–Meier curves", charts.survival, empty: "No infused patient yet."),
            Self.table(r.timeToEventTable),
            Self.table(r.responseTable),
            Self.chart("Swimmer plot", charts.swimmer, empty: "No infused patient yet."),
            Self.chart("Waterfall", charts.waterfall, empty: "No evaluable patient with a measurable marker yet."),
            Self.chart("Transgene kinetics", charts.kinetics, empty: "No transgene results yet."),
            Self.table(r.toxicityTable),
            Self.chart("Subgroups", charts.forest, empty: "No subgroup hazard ratio can be estimated yet."),
            Self.table(r.subgroupTable),
            Self.table(r.patientTable),
        ]
        return .group(parts)
    }

    static func chart(_ heading: String, _ svg: String?, empty: String) -> Node<HTML.BodyContext> {
        .section(.class("chart"), .h2(.text(heading)),
                 .unwrap(svg, { .div(.class("chart"), .raw($0)) }, else: .p(.text(empty))))
    }

    static func table(_ t: CohortTable) -> Node<HTML.BodyContext> {
        .section(.class("report-table"), .id("table-\(t.slug)"),
            .h2(.text(t.title)),
            .table(.thead(.tr(.forEach(t.columns) { .th(.text($0)) })),
                   .tbody(.forEach(t.rows) { row in .tr(.forEach(row) { .td(.text($0)) }) })),
            .p(.class("notes"), .text(t.caption)))
    }
}
