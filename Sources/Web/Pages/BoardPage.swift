import CartographCore
import Clinical
import Plot
import Store

/// The Day 0–28 board: every patient between infusion and Day 28 at a glance.
struct BoardPage {
    var viewer: Viewer
    var board: MonitoringBoard

    func render() -> String {
        Layout.page(title: "Day 0–28 board", viewer: viewer,
            .h1(.text("Day 0–28 board — \(board.today)")),
            .p(.class("hint"), .text("Grades are computed from the recorded observations (ASTCT 2019). Close monitoring to Day 14; alert to Day 28.")),
            .if(board.rows.isEmpty, .p("No patient is between infusion and Day 28."),
                else: .table(.class("board"),
                    .thead(.tr(.th("Patient"), .th("Day"), .th("CRS"), .th("ICANS"), .th("Last 7 days (CRS/ICANS max)"),
                               .th("Today's assessment"), .th("Open alerts"))),
                    .tbody(.forEach(board.rows) { row in
                        let b = row.board
                        return .tr(.class("severity-\(b.highestOpenSeverity?.rawValue ?? "none")"),
                            .td(.a(.href("/patients/\(row.patientID)#safety"), .text(row.code)),
                                .unwrap(row.name) { .small(.text(" \($0)")) }),
                            .td(.text(String(b.studyDay))),
                            .td(.class("grade grade-\(b.latestCRSGrade ?? 0)"), .text(b.latestCRSGrade.map(String.init) ?? "—")),
                            .td(.class("grade grade-\(b.latestICANSGrade ?? 0)"), .text(b.latestICANSGrade.map(String.init) ?? "—")),
                            .td(.class("trend"), .forEach(b.trend) { d in
                                .span(.class("cell grade-\(max(d.maxCRSGrade ?? 0, d.maxICANSGrade ?? 0))"),
                                      .attribute(named: "title", value: "Day \(d.studyDay)"),
                                      .text("\(d.maxCRSGrade.map(String.init) ?? "·")/\(d.maxICANSGrade.map(String.init) ?? "·")"))
                            }),
                            .td(.text(b.assessmentPending ? "pending" : b.assessmentScheduledToday ? "done" : "not scheduled")),
                            .td(.if(row.openAlerts.isEmpty, .text("—"),
                                    else: .ul(.forEach(row.openAlerts.prefix(5)) { a in
                                        .li(.class("alert-\(a.severity)"), .text("Day \(a.studyDay): \(a.message)"),
                                            .if(viewer.role.recordsJourney,
                                                .form(.action("/alerts/\(a.id)/acknowledge"), .method(.post), .class("inline-button"),
                                                      Layout.csrfField(viewer.csrf),
                                                      .input(.type(.hidden), .name("back"), .value("/board")),
                                                      .button(.type(.submit), .text("Acknowledge")))))
                                    })))
                        )
                    })
                ))
        )
    }
}
