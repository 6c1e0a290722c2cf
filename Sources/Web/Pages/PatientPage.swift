import CartographCore
import Charts
import Plot
import Store

/// One patient: the six steps planned against actual, eligibility, dose, events, and the forms to
/// record the next step.
struct PatientPage {
    var viewer: Viewer
    var file: PatientFile
    var today: CalendarDate
    /// Errors from a submitted event or dose form, shown beside its fields.
    var eventErrors: [FieldError] = []
    var doseErrors: [FieldError] = []
    var eventInput: [String: String] = [:]
    var doseInput: [String: String] = [:]
    /// Day 0–28 safety records, when the patient has been infused.
    var safety: SafetyFile?
    /// Response, persistence, results and follow-up (`PatientOutcomeSections`), when loaded.
    var outcomes: PatientOutcomeSections? = nil
    /// Who holds an account for the patient, for the clinical roles.
    var access: PatientAccessSection? = nil

    func render() -> String {
        let f = file
        let title = f.identity.map { "\(f.code) · \($0.familyName), \($0.givenName)" } ?? f.code
        return Layout.page(title: f.code, viewer: viewer,
            .h1(.text(title)),
            .p(.class("subtitle"),
               .text("\(f.product.name) (\(f.product.genericName)) · "),
               .strong(.text(tr(source: f.stage.displayName))),
               .unwrap(f.studyDay) { .text(" · " + tr("study day \($0)")) },
               .text(" · " + tr("enrolled \(Self.dateText(f.enrolledOn))")),
               .if(f.origin != "real", .text(" · " + (f.origin == "virtual" ? tr("virtual patient") : "\(f.origin) patient")))),
            .p(.a(.href("/patients/\(f.id)/custody"), .text(tr("Chain of identity and custody trail")))),
            .unwrap(f.identity) { id in
                .p(.class("identity"), .text(tr("Born \(Self.dateText(id.dateOfBirth)) · hospital number \(id.hospitalNumber)")))
            },
            timeline,
            deviations,
            .unwrap(safety) { SafetySection(viewer: viewer, patientID: f.id, safety: $0).node },
            eligibility,
            dose,
            .unwrap(outcomes) { $0.node },
            recordEvent,
            history,
            .unwrap(access) { $0.node }
        )
    }

    var timeline: Node<HTML.BodyContext> {
        .section(
            .h2(.text(tr("Journey: planned against actual"))),
            .div(.class("chart"), .raw(journeyChart)),
            .table(.class("timeline"),
                .thead(.tr(.th(.text(tr("Step"))), .th(.text(tr("Planned"))), .th(.text(tr("Actual"))), .th(.text(tr("Status"))))),
                .tbody(.forEach(file.plan.steps) { s in
                    .tr(.class("status-\(s.status.rawValue)"),
                        .td(.text("\(s.stage.stepNumber.map(String.init) ?? "–"). \(tr(source: s.stage.displayName))")),
                        .td(.text(range(s.plannedFrom, s.plannedTo)), .unwrap(s.plannedNote) { .small(.class("hint"), .text(" (\(tr(source: $0)))")) }),
                        .td(.text(range(s.actualFrom, s.actualTo))),
                        .td(.text(tr(source: s.status.displayName))))
                })
            ),
            .if(!file.plan.upcoming.isEmpty,
                .details(.summary(.text(tr("Planned events (\(file.plan.upcoming.count))"))),
                    .ul(.forEach(file.plan.upcoming.prefix(20)) { e in
                        .li(.text("\(LocalFormat.date(e.date))\(e.windowEnd != e.date ? "–\(LocalFormat.date(e.windowEnd))" : ""): \(tr(source: e.what))"))
                    })))
        )
    }

    /// The six steps as bars, planned (light) against actual (dark), with today's line.
    var journeyChart: String {
        func range(_ from: CalendarDate?, _ to: CalendarDate?) -> JourneyTimelineChart.DateRange? {
            guard let start = from ?? to else { return nil }
            return .init(start: start, end: to ?? from)
        }
        // Years of follow-up would squash the weeks that matter: show long-term follow-up only up to
        // two months past today or past the end of monitoring.
        let horizon = max(today, file.plan.steps.compactMap(\.actualTo).max() ?? today).adding(days: 60)
        func clipped(_ r: JourneyTimelineChart.DateRange?) -> JourneyTimelineChart.DateRange? {
            guard let r, r.start <= horizon else { return nil }
            return .init(start: r.start, end: r.end.map { min($0, horizon) })
        }
        let steps = file.plan.steps.map { s in
            JourneyTimelineChart.Step(name: tr(source: s.stage.displayName), planned: clipped(range(s.plannedFrom, s.plannedTo)),
                                      actual: clipped(range(s.actualFrom, s.actualTo)), note: s.status == .overdue ? tr("overdue") : nil)
        }
        return JourneyTimelineChart(frame: .init(id: "journey", title: tr("Journey of \(file.code)"), width: 900),
                                    steps: steps, today: today).svg(words: .init(
            planned: tr("Planned"), actual: tr("Actual"), deviation: tr("Deviation"), today: tr("Today"),
            late: { tr("+\($0) d late") }, overdue: { tr("+\($0) d overdue") }, early: { tr("\($0) d early") },
            summary: { steps, today, flagged in
                (today.map { tr("Treatment journey of \(steps) steps as of \(LocalFormat.date($0))") } ?? tr("Treatment journey of \(steps) steps"))
                    + tr("; ") + (flagged.isEmpty ? tr("no deviations from plan.") : tr("\(flagged.count) flagged: \(flagged.joined(separator: tr("; "))).")) },
            calendar: .init(monthName: { tr(source: SVGChart.CalendarWords.englishMonthNames[$0 - 1]) },
                            dayMonth: tr("{day} {month}"), dayMonthYear: tr("{day} {month} {year}"))))
    }

    var deviations: Node<HTML.BodyContext> {
        .if(!file.plan.deviations.isEmpty,
            .section(.class("deviations"),
                .h2(.text(tr("Deviations"))),
                .ul(.forEach(file.plan.deviations) { .li(.text("\(LocalFormat.date($0.date)): \(tr(source: $0.message))")) })))
    }

    var eligibility: Node<HTML.BodyContext> {
        .section(
            .h2(.text(tr("Eligibility"))),
            .unwrap(file.eligibility, { v in
                .group(
                    .p(.text(tr("Screened \(file.screenedOn.map(Self.dateText) ?? "?") — ")), .strong(.class("verdict-\(v.overall.rawValue)"), .text(tr(source: Self.words(v.overall.rawValue))))),
                    .table(.class("eligibility"),
                        .thead(.tr(.th(.text(tr("Criterion"))), .th(.text(tr("Verdict"))), .th(.text(tr("Reason"))))),
                        .tbody(.forEach(v.criteria) { c in
                            .tr(.class("criterion-\(c.status.rawValue)"), .td(.text(tr(source: c.criterion))), .td(.text(tr(source: Self.words(c.status.rawValue)))), .td(.text(tr(source: c.reason))))
                        }))
                )
            }, else: .p(.text(tr("Not screened yet.")))),
            .if(viewer.role.recordsJourney, .p(.a(.href("/patients/\(file.id)/screening"), .text(tr("Record a screening")))))
        )
    }

    var dose: Node<HTML.BodyContext> {
        .section(
            .h2(.text(tr("Dose"))),
            .unwrap(file.dose, { d in
                .group(
                    .dl(
                        .dt(.text(tr("Weight"))), .dd(.text("\(d.weightKilograms) kg")),
                        .dt(.text(tr("Target dose"))), .dd(.text(tr("\(scientific(d.targetCells)) CAR-T cells (\(scientific(file.product.dose.cellsPerKilogram))/kg)"))),
                        .dt(.text(tr("Allowed range"))), .dd(.text("\(scientific(d.minimumCells)) – \(scientific(d.maximumCells))")),
                        .dt(.text(tr("Volume to infuse"))), .dd(.text(d.volumeMilliliters.map { String(format: "%.1f mL", $0) } ?? tr("product not yet characterised")))
                    ),
                    .if(!d.flags.isEmpty, .ul(.class("flags"), .forEach(d.flags) { .li(.text(tr(source: $0.message))) }))
                )
            }, else: .p(.text(tr("No dose calculated yet.")))),
            .if(viewer.role.recordsJourney,
                .form(.action("/patients/\(file.id)/dose"), .method(.post), .class("inline"),
                    Layout.csrfField(viewer.csrf),
                    FormKit.field(tr("Weight (kg)"), name: "weightKg", type: .text, value: doseInput["weightKg"], errors: doseErrors, required: true),
                    FormKit.field(tr("Viable cells per mL"), name: "viableCellsPerMilliliter", value: doseInput["viableCellsPerMilliliter"], errors: doseErrors, hint: tr("from the certificate of analysis, e.g. 4.2e7")),
                    FormKit.field(tr("CAR-positive fraction"), name: "carPositiveFraction", value: doseInput["carPositiveFraction"], errors: doseErrors, hint: "0–1"),
                    FormKit.field(tr("Bag volume (mL)"), name: "bagVolumeMilliliters", value: doseInput["bagVolumeMilliliters"], errors: doseErrors),
                    FormKit.summary(doseErrors, fields: ["weightKg", "viableCellsPerMilliliter", "carPositiveFraction", "bagVolumeMilliliters"]),
                    .button(.type(.submit), .text(tr("Calculate dose")))))
        )
    }

    var recordEvent: Node<HTML.BodyContext> {
        .if(viewer.role.recordsJourney && !file.allowedEvents.isEmpty,
            .section(
                .h2(.text(tr("Record the next step"))),
                .form(.action("/patients/\(file.id)/events"), .method(.post), .class("inline"),
                    Layout.csrfField(viewer.csrf),
                    FormKit.select(tr("Event"), name: "kind", options: file.allowedEvents.map { ($0.rawValue, tr(source: $0.displayName)) },
                                   selected: eventInput["kind"], errors: eventErrors),
                    FormKit.field(tr("Date"), name: "date", type: .date, value: eventInput["date"] ?? today.description, errors: eventErrors, required: true),
                    FormKit.field(tr("Reason"), name: "reason", value: eventInput["reason"], errors: eventErrors, hint: tr("required for failures and off-ramps")),
                    FormKit.summary(eventErrors, fields: ["kind", "date", "reason"]),
                    .button(.type(.submit), .text(tr("Record"))))))
    }

    var history: Node<HTML.BodyContext> {
        .section(
            .h2(.text(tr("Recorded events"))),
            .if(file.events.isEmpty, .p(.text(tr("None yet."))),
                else: .ol(.class("events"), .forEach(file.events) { e in
                    .li(.text("\(LocalFormat.date(e.date)) — \(tr(source: e.kind.displayName))"), .unwrap(e.reason) { .text(" (\($0))") },
                        .unwrap(file.infusionDate) { .small(.text(" · " + tr("Day \(studyDay(of: e.date, infusion: $0))"))) })
                }))
        )
    }

    private func range(_ a: CalendarDate?, _ b: CalendarDate?) -> String {
        switch (a, b) {
        case (nil, nil): "—"
        case let (x?, y?) where x == y: LocalFormat.date(x)
        case let (x?, y?): "\(LocalFormat.date(x)) – \(LocalFormat.date(y))"
        case let (x?, nil): tr("from \(LocalFormat.date(x))")
        case let (nil, y?): tr("by \(LocalFormat.date(y))")
        }
    }

    /// A date stored as `YYYY-MM-DD` text, in the request's language (other text as it is).
    static func dateText(_ text: String) -> String {
        CalendarDate(text).map(LocalFormat.date) ?? text
    }

    /// Coded verdicts in words: `notEligible` → `not eligible`, `notMet` → `not met`.
    static func words(_ code: String) -> String {
        code.reduce(into: "") { out, c in
            if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
        }
    }
}
