import CartographCore
import Plot
import Store

/// The program dashboard: patients by journey step, the next 14 days, what is overdue or deviating.
struct DashboardPage {
    var viewer: Viewer
    var dashboard: ProgramDashboard

    /// The six steps in order, then the off-ramps (the declaration order of `JourneyStage`).
    static let stageOrder = JourneyStage.allCases

    /// Rows a list shows before it points to the patient list for the rest: a center of thousands of
    /// patients in follow-up may have hundreds overdue, and a dashboard of megabytes helps no one.
    static let shownRows = 50

    /// Items whose window is open today (planned for today, or a window that has opened and not closed).
    var dueToday: [ProgramDashboard.Item] { dashboard.upcoming.filter { $0.date <= dashboard.today && dashboard.today <= $0.windowEnd } }

    func render() -> String {
        let d = dashboard
        return Layout.page(title: tr("Program"), viewer: viewer,
            .h1(.text(tr("\(d.centerName) — program on \(LocalFormat.date(d.today))"))),
            .p(.text(tr("\(d.patientCount) patients · \(d.overdueTotal) overdue · \(dueToday.count) due today · ")),
               .a(.href("/patients"), .text(tr("all patients: search, filter and sort »")))),
            .section(.class(d.overdue.isEmpty ? "" : "attention"),
                .h2(.text(tr("Overdue (\(d.overdueTotal))"))),
                itemsTable(Array(d.overdue.prefix(Self.shownRows)), empty: tr("Nothing overdue."), windowLabel: tr("Was due by")),
                .if(d.overdueTotal > Self.shownRows,
                    .p(.class("more"), .text(tr("The \(Self.shownRows) longest overdue of \(d.overdueTotal) are shown. ")),
                       .a(.href("/patients?overdue=true"), .text(tr("Every patient with an overdue step »"))), .text(" "),
                       .a(.href("/follow-up"), .text(tr("Follow-up worklist »")))))
            ),
            .section(
                .h2(.text(tr("Due today (\(dueToday.count))"))),
                itemsTable(dueToday, empty: tr("Nothing due today."), windowLabel: tr("Window ends"))
            ),
            .section(
                .h2(.text(tr("Patients by journey step"))),
                .table(.class("stages"),
                    .thead(.tr(.th(.text(tr("Step"))), .th(.text(tr("Patients"))))),
                    .tbody(.forEach(Self.stageOrder) { stage in
                        .tr(.class(stage.isOffRamp ? "offramp" : "step"),
                            .td(.a(.href("/patients?stage=\(stage.rawValue)"),
                                   .text(stage.stepNumber.map { "\($0). " } ?? ""), .text(tr(source: stage.displayName)))),
                            .td(.text(String(d.byStage[stage.rawValue] ?? 0))))
                    })
                )
            ),
            .section(
                .h2(.text(tr("Next 14 days"))),
                nextDays
            ),
            .section(
                .h2(.text(tr("Deviations"))),
                .if(d.deviations.isEmpty, .p(.text(tr("No deviations."))),
                    else: .table(
                        .thead(.tr(.th(.text(tr("Date"))), .th(.text(tr("Patient"))), .th(.text(tr("Deviation"))))),
                        .tbody(.forEach(d.deviations.prefix(Self.shownRows)) { item in
                            .tr(.td(.text(LocalFormat.date(item.deviation.date))),
                                .td(.a(.href("/patients/\(item.patientID)"), .text(item.code))),
                                .td(.text(tr(source: item.deviation.message))))
                        })
                    )),
                .if(d.deviationTotal > Self.shownRows,
                    .p(.class("more"), .text(tr("The \(Self.shownRows) most recent of \(d.deviationTotal) are shown. ")),
                       .a(.href("/patients?deviating=true"), .text(tr("Every patient with a deviation »")))))
            )
        )
    }

    /// One row a day after today; the day's items grouped by what they are, routine Day 0–28
    /// assessments on one line, so two weeks fit on a screen.
    var nextDays: Node<HTML.BodyContext> {
        let later = dashboard.upcoming.filter { $0.date > dashboard.today }
        guard !later.isEmpty else { return .p(.text(tr("Nothing planned in the next 14 days."))) }
        let days = Dictionary(grouping: later, by: \.date).sorted { $0.key < $1.key }
        return .table(.class("next-days"),
            .thead(.tr(.th(.text(tr("Date"))), .th(.text(tr("Planned"))))),
            .tbody(.forEach(days) { day, items in
                let groups = Dictionary(grouping: items) { $0.what.hasSuffix(" assessment") && $0.stage == .shortTermMonitoring ? "Day 0–28 assessments" : $0.what }
                    .sorted { $0.key < $1.key }
                return .tr(.td(.class("nowrap"), .text(LocalFormat.date(day))),
                    .td(.ul(.class("compact"), .forEach(groups) { what, its in
                        .li(.strong(.text(tr("\(Self.groupName(what)): "))), .forEach(Array(its.enumerated())) { i, item in
                            .group(.if(i > 0, .text(", ")),
                                   .a(.href("/patients/\(item.patientID)"), .text(item.code)),
                                   .if(what == "Day 0–28 assessments",
                                       .small(.text(tr(" (\(tr(source: item.what.replacingOccurrences(of: " assessment", with: ""))))")))))
                        })
                    })))
            }))
    }

    /// A line's heading: the routine assessments' group, or the planned item itself.
    static func groupName(_ what: String) -> String {
        what == "Day 0–28 assessments" ? tr("Day 0–28 assessments") : tr(source: what)
    }

    private func itemsTable(_ items: [ProgramDashboard.Item], empty: String, windowLabel: String) -> Node<HTML.BodyContext> {
        .if(items.isEmpty, .p(.text(empty)),
            else: .table(
                .thead(.tr(.th(.text(tr("Date"))), .th(.text(tr("Patient"))), .th(.text(tr("What"))), .th(.text(windowLabel)))),
                .tbody(.forEach(items) { item in
                    .tr(.td(.text(LocalFormat.date(item.date))),
                        .td(.a(.href("/patients/\(item.patientID)"), .text(item.code))),
                        .td(.text(tr(source: item.what))),
                        .td(.text(LocalFormat.date(item.windowEnd))))
                })
            ))
    }
}
