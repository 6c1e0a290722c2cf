import CartographCore
import Plot
import Store

/// The program dashboard: patients by journey step, the next 14 days, what is overdue or deviating.
struct DashboardPage {
    var viewer: Viewer
    var dashboard: ProgramDashboard

    /// The six steps in order, then the off-ramps (the declaration order of `JourneyStage`).
    static let stageOrder = JourneyStage.allCases

    /// Items whose window is open today (planned for today, or a window that has opened and not closed).
    var dueToday: [ProgramDashboard.Item] { dashboard.upcoming.filter { $0.date <= dashboard.today && dashboard.today <= $0.windowEnd } }

    func render() -> String {
        let d = dashboard
        return Layout.page(title: "Program", viewer: viewer,
            .h1(.text("\(d.centerName) — program on \(d.today)")),
            .p(.text("\(d.patientCount) patients · \(d.overdue.count) overdue · \(dueToday.count) due today · "),
               .a(.href("/patients"), .text("all patients: search, filter and sort »"))),
            .section(.class(d.overdue.isEmpty ? "" : "attention"),
                .h2(.text("Overdue (\(d.overdue.count))")),
                itemsTable(d.overdue, empty: "Nothing overdue.", windowLabel: "Was due by")
            ),
            .section(
                .h2(.text("Due today (\(dueToday.count))")),
                itemsTable(dueToday, empty: "Nothing due today.", windowLabel: "Window ends")
            ),
            .section(
                .h2("Patients by journey step"),
                .table(.class("stages"),
                    .thead(.tr(.th("Step"), .th("Patients"))),
                    .tbody(.forEach(Self.stageOrder) { stage in
                        .tr(.class(stage.isOffRamp ? "offramp" : "step"),
                            .td(.a(.href("/patients?stage=\(stage.rawValue)"),
                                   .text(stage.stepNumber.map { "\($0). " } ?? ""), .text(stage.displayName))),
                            .td(.text(String(d.byStage[stage.rawValue] ?? 0))))
                    })
                )
            ),
            .section(
                .h2("Next 14 days"),
                nextDays
            ),
            .section(
                .h2("Deviations"),
                .if(d.deviations.isEmpty, .p("No deviations."),
                    else: .table(
                        .thead(.tr(.th("Date"), .th("Patient"), .th("Deviation"))),
                        .tbody(.forEach(d.deviations) { item in
                            .tr(.td(.text(item.deviation.date.description)),
                                .td(.a(.href("/patients/\(item.patientID)"), .text(item.code))),
                                .td(.text(item.deviation.message)))
                        })
                    ))
            )
        )
    }

    /// One row a day after today; the day's items grouped by what they are, routine Day 0–28
    /// assessments on one line, so two weeks fit on a screen.
    var nextDays: Node<HTML.BodyContext> {
        let later = dashboard.upcoming.filter { $0.date > dashboard.today }
        guard !later.isEmpty else { return .p("Nothing planned in the next 14 days.") }
        let days = Dictionary(grouping: later, by: \.date).sorted { $0.key < $1.key }
        return .table(.class("next-days"),
            .thead(.tr(.th("Date"), .th("Planned"))),
            .tbody(.forEach(days) { day, items in
                let groups = Dictionary(grouping: items) { $0.what.hasSuffix(" assessment") && $0.stage == .shortTermMonitoring ? "Day 0–28 assessments" : $0.what }
                    .sorted { $0.key < $1.key }
                return .tr(.td(.class("nowrap"), .text(day.description)),
                    .td(.ul(.class("compact"), .forEach(groups) { what, its in
                        .li(.strong(.text(what + ": ")), .forEach(Array(its.enumerated())) { i, item in
                            .group(.if(i > 0, .text(", ")),
                                   .a(.href("/patients/\(item.patientID)"), .text(item.code)),
                                   .if(what == "Day 0–28 assessments", .small(.text(" (" + item.what.replacingOccurrences(of: " assessment", with: "") + ")"))))
                        })
                    })))
            }))
    }

    private func itemsTable(_ items: [ProgramDashboard.Item], empty: String, windowLabel: String) -> Node<HTML.BodyContext> {
        .if(items.isEmpty, .p(.text(empty)),
            else: .table(
                .thead(.tr(.th("Date"), .th("Patient"), .th("What"), .th(.text(windowLabel)))),
                .tbody(.forEach(items) { item in
                    .tr(.td(.text(item.date.description)),
                        .td(.a(.href("/patients/\(item.patientID)"), .text(item.code))),
                        .td(.text(item.what)),
                        .td(.text(item.windowEnd.description)))
                })
            ))
    }
}
