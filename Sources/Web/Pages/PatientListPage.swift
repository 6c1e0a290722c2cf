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
        Layout.page(title: tr("Patients"), viewer: viewer,
            .h1(.text(tr("Patients"))),
            .form(.action("/patients"), .method(.get), .class("inline filters"),
                .div(.class("field"),
                    .label(.for("search"), .text(viewer.role.seesIdentity ? tr("Search code, name or hospital number") : tr("Search patient code"))),
                    .input(.type(.search), .id("search"), .name("search"), .escapedValue(query.search ?? ""))),
                FormKit.select(tr("Step"), name: "stage",
                               options: [("", tr("any step"))] + JourneyStage.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                               selected: query.stage?.rawValue ?? "", errors: errors),
                FormKit.select(tr("Product"), name: "product",
                               options: [("", tr("any product"))] + ProductCatalogue.all.map { ($0.id, $0.name) },
                               selected: query.productID ?? "", errors: errors),
                checkbox("overdue", tr("Overdue"), query.overdue),
                checkbox("deviating", tr("Deviating"), query.deviating),
                checkbox("openAlerts", tr("Open alerts"), query.openAlerts),
                .input(.type(.hidden), .name("sort"), .value(query.sort.rawValue)),
                .input(.type(.hidden), .name("order"), .value(query.descending ? "desc" : "asc")),
                .if(query.limit != PatientListQuery().limit, .input(.type(.hidden), .name("limit"), .value(String(query.limit)))),
                .button(.type(.submit), .text(tr("Show"))),
                .a(.href("/patients"), .text(tr("Clear")))),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .p(.text(matchCount)),
            .if(!page.rows.isEmpty, .table(.class("patients"),
                .thead(.tr(
                    sortHeader(tr("Patient"), .code),
                    .if(viewer.role.seesIdentity, .th(.text(tr("Name")))),
                    sortHeader(tr("Step"), .stage),
                    sortHeader(tr("Study day"), .studyDay),
                    .th(.text(tr("Product"))),
                    sortHeader(tr("Enrolled"), .enrolled),
                    .th(.text(tr("Overdue"))), .th(.text(tr("Deviations"))), .th(.text(tr("Open alerts"))))),
                .tbody(.forEach(page.rows) { r in
                    .tr(.class(r.stage.isOffRamp ? "offramp" : "step"),
                        .td(.a(.href("/patients/\(r.id)"), .text(r.code))),
                        .unwrap(r.identity) { .td(.text("\($0.familyName), \($0.givenName)"), .small(.class("hint"), .text(" \($0.hospitalNumber)"))) },
                        .td(.class("nowrap"), .text(tr(source: r.stage.displayName))),
                        .td(.class("nowrap"), .text(r.studyDay.map { tr("Day \($0)") } ?? "—")),
                        .td(.text(ProductCatalogue.profile(id: r.productID)?.name ?? r.productID)),
                        .td(.class("nowrap"), .text(CalendarDate(r.enrolledOn).map(LocalFormat.date) ?? r.enrolledOn)),
                        .td(.class(r.overdue > 0 ? "bad nowrap" : "nowrap"), .text(r.overdue > 0 ? tr("\(r.overdue) overdue") : "—")),
                        .td(.class(r.deviations > 0 ? "bad" : ""), .text(r.deviations > 0 ? String(r.deviations) : "—")),
                        .td(r.highestOpenSeverity.map { SeverityMarks.severity($0) } ?? .text("—"),
                            .if(r.openAlerts > 0, .text(" \(r.openAlerts)"))))
                }))),
            .nav(.class("pager"),
                .if(query.cursor != nil, .a(.href("/patients?" + PatientListParameters.encode(query)), .text(tr("« First page")))),
                .unwrap(page.nextCursor) { c in .a(.href("/patients?" + PatientListParameters.encode(query, cursor: c)), .text(tr("Next page »"))) })
        )
    }

    /// `12 patients match; showing 12.`: singular or plural as the count asks, each its own sentence.
    var matchCount: String {
        let total = page.total, shown = page.rows.count
        switch (total == 1, page.rows.isEmpty) {
        case (true, true): return tr("\(total) patient match.")
        case (false, true): return tr("\(total) patients match.")
        case (true, false): return tr("\(total) patient match; showing \(shown).")
        case (false, false): return tr("\(total) patients match; showing \(shown).")
        }
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
