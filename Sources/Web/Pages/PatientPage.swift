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
               .strong(.text(f.stage.displayName)),
               .unwrap(f.studyDay) { .text(" · study day \($0)") },
               .text(" · enrolled \(f.enrolledOn)"),
               .if(f.origin != "real", .text(" · \(f.origin) patient"))),
            .p(.a(.href("/patients/\(f.id)/custody"), .text("Chain of identity and custody trail"))),
            .unwrap(f.identity) { id in
                .p(.class("identity"), .text("Born \(id.dateOfBirth) · hospital number \(id.hospitalNumber)"))
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
            .h2("Journey: planned against actual"),
            .div(.class("chart"), .raw(journeyChart)),
            .table(.class("timeline"),
                .thead(.tr(.th("Step"), .th("Planned"), .th("Actual"), .th("Status"))),
                .tbody(.forEach(file.plan.steps) { s in
                    .tr(.class("status-\(s.status.rawValue)"),
                        .td(.text("\(s.stage.stepNumber.map(String.init) ?? "–"). \(s.stage.displayName)")),
                        .td(.text(range(s.plannedFrom, s.plannedTo)), .unwrap(s.plannedNote) { .small(.class("hint"), .text(" (\($0))")) }),
                        .td(.text(range(s.actualFrom, s.actualTo))),
                        .td(.text(s.status.displayName)))
                })
            ),
            .if(!file.plan.upcoming.isEmpty,
                .details(.summary(.text("Planned events (\(file.plan.upcoming.count))")),
                    .ul(.forEach(file.plan.upcoming.prefix(20)) { e in
                        .li(.text("\(e.date)\(e.windowEnd != e.date ? "–\(e.windowEnd)" : ""): \(e.what)"))
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
            JourneyTimelineChart.Step(name: s.stage.displayName, planned: clipped(range(s.plannedFrom, s.plannedTo)),
                                      actual: clipped(range(s.actualFrom, s.actualTo)), note: s.status == .overdue ? "overdue" : nil)
        }
        return JourneyTimelineChart(frame: .init(id: "journey", title: "Journey of \(file.code)", width: 900),
                                    steps: steps, today: today).svg()
    }

    var deviations: Node<HTML.BodyContext> {
        .if(!file.plan.deviations.isEmpty,
            .section(.class("deviations"),
                .h2("Deviations"),
                .ul(.forEach(file.plan.deviations) { .li(.text("\($0.date): \($0.message)")) })))
    }

    var eligibility: Node<HTML.BodyContext> {
        .section(
            .h2("Eligibility"),
            .unwrap(file.eligibility, { v in
                .group(
                    .p(.text("Screened \(file.screenedOn ?? "?") — "), .strong(.class("verdict-\(v.overall.rawValue)"), .text(Self.words(v.overall.rawValue)))),
                    .table(.class("eligibility"),
                        .thead(.tr(.th("Criterion"), .th("Verdict"), .th("Reason"))),
                        .tbody(.forEach(v.criteria) { c in
                            .tr(.class("criterion-\(c.status.rawValue)"), .td(.text(c.criterion)), .td(.text(Self.words(c.status.rawValue))), .td(.text(c.reason)))
                        }))
                )
            }, else: .p("Not screened yet.")),
            .if(viewer.role.recordsJourney, .p(.a(.href("/patients/\(file.id)/screening"), .text("Record a screening"))))
        )
    }

    var dose: Node<HTML.BodyContext> {
        .section(
            .h2("Dose"),
            .unwrap(file.dose, { d in
                .group(
                    .dl(
                        .dt("Weight"), .dd(.text("\(d.weightKilograms) kg")),
                        .dt("Target dose"), .dd(.text("\(scientific(d.targetCells)) CAR-T cells (\(scientific(file.product.dose.cellsPerKilogram))/kg)")),
                        .dt("Allowed range"), .dd(.text("\(scientific(d.minimumCells)) – \(scientific(d.maximumCells))")),
                        .dt("Volume to infuse"), .dd(.text(d.volumeMilliliters.map { String(format: "%.1f mL", $0) } ?? "product not yet characterised"))
                    ),
                    .if(!d.flags.isEmpty, .ul(.class("flags"), .forEach(d.flags) { .li(.text($0.message)) }))
                )
            }, else: .p("No dose calculated yet.")),
            .if(viewer.role.recordsJourney,
                .form(.action("/patients/\(file.id)/dose"), .method(.post), .class("inline"),
                    Layout.csrfField(viewer.csrf),
                    FormKit.field("Weight (kg)", name: "weightKg", type: .text, value: doseInput["weightKg"], errors: doseErrors, required: true),
                    FormKit.field("Viable cells per mL", name: "viableCellsPerMilliliter", value: doseInput["viableCellsPerMilliliter"], errors: doseErrors, hint: "from the certificate of analysis, e.g. 4.2e7"),
                    FormKit.field("CAR-positive fraction", name: "carPositiveFraction", value: doseInput["carPositiveFraction"], errors: doseErrors, hint: "0–1"),
                    FormKit.field("Bag volume (mL)", name: "bagVolumeMilliliters", value: doseInput["bagVolumeMilliliters"], errors: doseErrors),
                    FormKit.summary(doseErrors, fields: ["weightKg", "viableCellsPerMilliliter", "carPositiveFraction", "bagVolumeMilliliters"]),
                    .button(.type(.submit), .text("Calculate dose"))))
        )
    }

    var recordEvent: Node<HTML.BodyContext> {
        .if(viewer.role.recordsJourney && !file.allowedEvents.isEmpty,
            .section(
                .h2("Record the next step"),
                .form(.action("/patients/\(file.id)/events"), .method(.post), .class("inline"),
                    Layout.csrfField(viewer.csrf),
                    FormKit.select("Event", name: "kind", options: file.allowedEvents.map { ($0.rawValue, $0.displayName) },
                                   selected: eventInput["kind"], errors: eventErrors),
                    FormKit.field("Date", name: "date", type: .date, value: eventInput["date"] ?? today.description, errors: eventErrors, required: true),
                    FormKit.field("Reason", name: "reason", value: eventInput["reason"], errors: eventErrors, hint: "required for failures and off-ramps"),
                    FormKit.summary(eventErrors, fields: ["kind", "date", "reason"]),
                    .button(.type(.submit), .text("Record")))))
    }

    var history: Node<HTML.BodyContext> {
        .section(
            .h2("Recorded events"),
            .if(file.events.isEmpty, .p("None yet."),
                else: .ol(.class("events"), .forEach(file.events) { e in
                    .li(.text("\(e.date) — \(e.kind.displayName)"), .unwrap(e.reason) { .text(" (\($0))") },
                        .unwrap(file.infusionDate) { .small(.text(" · Day \(studyDay(of: e.date, infusion: $0))")) })
                }))
        )
    }

    private func range(_ a: CalendarDate?, _ b: CalendarDate?) -> String {
        switch (a, b) {
        case (nil, nil): "—"
        case let (x?, y?) where x == y: x.description
        case let (x?, y?): "\(x) – \(y)"
        case let (x?, nil): "from \(x)"
        case let (nil, y?): "by \(y)"
        }
    }

    /// Coded verdicts in words: `notEligible` → `not eligible`, `notMet` → `not met`.
    static func words(_ code: String) -> String {
        code.reduce(into: "") { out, c in
            if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
        }
    }
}
