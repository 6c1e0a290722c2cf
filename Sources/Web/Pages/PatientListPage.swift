import CartographCore
import Plot
import Store

/// `/patients`: the center's patients with search, filters, sorting and paging. Step, overdue,
/// deviations and open alerts are what the journey and the alerts say today.
struct PatientListPage {
    var viewer: Viewer
    var query: PatientListQuery
    var page: Store.PatientListPage
    var errors: [FieldError] = []

    func render() -> String {
        Layout.page(title: "Patients", viewer: viewer,
            .h1(.text("Patients")),
            .form(.action("/patients"), .method(.get), .class("inline filters"),
                .div(.class("field"),
                    .label(.for("search"), .text(viewer.role.seesIdentity ? "Search code, name or hospital number" : "Search patient code")),
                    .input(.type(.search), .id("search"), .name("search"), .escapedValue(query.search ?? ""))),
                FormKit.select("Step", name: "stage",
                               options: [("", "any step")] + JourneyStage.allCases.map { ($0.rawValue, $0.displayName) },
                               selected: query.stage?.rawValue ?? "", errors: errors),
                FormKit.select("Product", name: "product",
                               options: [("", "any product")] + ProductCatalogue.all.map { ($0.id, $0.name) },
                               selected: query.productID ?? "", errors: errors),
                checkbox("overdue", "Overdue", query.overdue),
                checkbox("deviating", "Deviating", query.deviating),
                checkbox("openAlerts", "Open alerts", query.openAlerts),
                .input(.type(.hidden), .name("sort"), .value(query.sort.rawValue)),
                .input(.type(.hidden), .name("order"), .value(query.descending ? "desc" : "asc")),
                .if(query.limit != PatientListQuery().limit, .input(.type(.hidden), .name("limit"), .value(String(query.limit)))),
                .button(.type(.submit), .text("Show")),
                .a(.href("/patients"), .text("Clear"))),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .p(.text("\(page.total) patient\(page.total == 1 ? "" : "s") match"
                     + (page.rows.isEmpty ? "." : "; showing \(page.rows.count)."))),
            .if(!page.rows.isEmpty, .table(.class("patients"),
                .thead(.tr(
                    sortHeader("Patient", .code),
                    .if(viewer.role.seesIdentity, .th("Name")),
                    sortHeader("Step", .stage),
                    sortHeader("Study day", .studyDay),
                    .th("Product"),
                    sortHeader("Enrolled", .enrolled),
                    .th("Overdue"), .th("Deviations"), .th("Open alerts"))),
                .tbody(.forEach(page.rows) { r in
                    .tr(.class(r.stage.isOffRamp ? "offramp" : "step"),
                        .td(.a(.href("/patients/\(r.id)"), .text(r.code))),
                        .unwrap(r.identity) { .td(.text("\($0.familyName), \($0.givenName)"), .small(.class("hint"), .text(" \($0.hospitalNumber)"))) },
                        .td(.class("nowrap"), .text(r.stage.displayName)),
                        .td(.class("nowrap"), .text(r.studyDay.map { "Day \($0)" } ?? "—")),
                        .td(.text(ProductCatalogue.profile(id: r.productID)?.name ?? r.productID)),
                        .td(.class("nowrap"), .text(r.enrolledOn)),
                        .td(.class(r.overdue > 0 ? "bad nowrap" : "nowrap"), .text(r.overdue > 0 ? "\(r.overdue) overdue" : "—")),
                        .td(.class(r.deviations > 0 ? "bad" : ""), .text(r.deviations > 0 ? String(r.deviations) : "—")),
                        .td(r.highestOpenSeverity.map { SeverityMarks.severity($0) } ?? .text("—"),
                            .if(r.openAlerts > 0, .text(" \(r.openAlerts)"))))
                }))),
            .nav(.class("pager"),
                .if(query.cursor != nil, .a(.href("/patients?" + PatientListParameters.encode(query)), .text("« First page"))),
                .unwrap(page.nextCursor) { c in .a(.href("/patients?" + PatientListParameters.encode(query, cursor: c)), .text("Next page »")) })
        )
    }

    private func checkbox(_ name: String, _ label: String, _ on: Bool) -> Node<HTML.FormContext> {
        .div(.class("field check"),
            .label(.input(.type(.checkbox), .name(name), .value("true"), .attribute(named: "checked", value: on ? "checked" : nil)),
                   .text(" " + label)))
    }

    /// A column heading that sorts by it, and reverses the order when it already does.
    private func sortHeader(_ title: String, _ sort: PatientListQuery.Sort) -> Node<HTML.TableRowContext> {
        let active = query.sort == sort
        let descending = active ? !query.descending : false
        return .th(.a(.href("/patients?" + PatientListParameters.encode(query, sort: sort, descending: descending)),
                      .text(title + (active ? (query.descending ? " ▼" : " ▲") : ""))))
    }
}
