import CartographCore
import Plot
import Store

/// The program dashboard: patients by journey step, the next 14 days, what is overdue or deviating.
struct DashboardPage {
    var viewer: Viewer
    var dashboard: ProgramDashboard

    /// The six steps in order, then the off-ramps (the declaration order of `JourneyStage`).
    static let stageOrder = JourneyStage.allCases

    func render() -> String {
        let d = dashboard
        return Layout.page(title: "Program", viewer: viewer,
            .h1(.text("\(d.centerName) — program on \(d.today)")),
            .p(.text("\(d.patientCount) patients")),
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
                itemsTable(d.upcoming, empty: "Nothing planned in the next 14 days.", windowLabel: "Window ends")
            ),
            .section(
                .h2("Overdue"),
                itemsTable(d.overdue, empty: "Nothing overdue.", windowLabel: "Was due by")
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
            ),
            .p(.a(.href("/patients"), .text("All \(d.patientCount) patients: search, filter and sort »")))
        )
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
