import CartographCore
import Clinical
import Foundation
import Plot
import Store

/// The Day 0–28 board: every patient between infusion and Day 28, the sickest first.
///
/// Rows are in triage order (`MonitoringBoard.Row.triage`: worst current grade, then the most severe
/// open alert, then the study day). Grades and severities read by colour, shape and words.
///
/// At a nurses' station the board can reload itself every minute (a `refresh` meta element: no script,
/// no build step), but only when the user turns it on (`?refresh=on`): a page that reloads on its own
/// takes the reader's place and focus away, which WCAG 2.1 (2.2.1, Timing Adjustable) allows only when
/// the user controls it.
struct BoardPage {
    var viewer: Viewer
    var board: MonitoringBoard
    /// The user asked for the page to reload itself every minute.
    var refreshing = false

    static let refreshSeconds = 60

    func render() -> String {
        let zone = TimeZone(identifier: board.timeZone) ?? .gmt
        return Layout.page(title: tr("Day 0–28 board"), viewer: viewer, refreshSeconds: refreshing ? Self.refreshSeconds : nil,
            .h1(.text(tr("Day 0–28 board — \(LocalFormat.date(board.today))"))),
            .p(.class("hint"), .text(tr("""
                Sickest first: worst current CRS or ICANS grade, then the most severe open alert, then the study day. \
                Grades are computed from the recorded observations (ASTCT 2019). Close monitoring to Day 14; alert to Day 28.
                """)),
               .text(" "),
               .if(refreshing,
                   .group(.text(tr("This page refreshes every minute.")), .text(" "), .a(.href("/board"), .text(tr("Stop refreshing")))),
                   else: .a(.href("/board?refresh=on"), .text(tr("Refresh this page every minute"))))),
            .if(board.rows.isEmpty, .p(.text(tr("No patient is between infusion and Day 28."))),
                else: .table(.class("board"),
                    .thead(.tr(.th(.text(tr("Patient"))), .th(.text(tr("Day"))), .th("CRS"), .th("ICANS"), .th(.text(tr("Last 7 days (CRS/ICANS max)"))),
                               .th(.text(tr("Today's assessment"))), .th(.text(tr("Alerts"))))),
                    .tbody(.forEach(board.rows) { row in
                        let b = row.board
                        return .tr(.class("severity-\(b.highestOpenSeverity?.rawValue ?? "none") worst-grade-\(min(row.worstCurrentGrade, 5))"),
                            .td(.a(.href("/patients/\(row.patientID)#safety"), .text(row.code)),
                                .unwrap(row.name) { .small(.text(" \($0)")) }),
                            .td(.text(String(b.studyDay))),
                            .td(SeverityMarks.grade(b.latestCRSGrade, toxicity: "CRS")),
                            .td(SeverityMarks.grade(b.latestICANSGrade, toxicity: "ICANS")),
                            .td(.class("trend"), .forEach(b.trend) { d in
                                .span(.class("cell grade-\(max(d.maxCRSGrade ?? 0, d.maxICANSGrade ?? 0))"),
                                      .attribute(named: "title", value: tr("Day \(d.studyDay): CRS \(d.maxCRSGrade.map(String.init) ?? tr("not graded")), ICANS \(d.maxICANSGrade.map(String.init) ?? tr("not graded"))")),
                                      .small(.text(tr("D\(d.studyDay)"))),
                                      .text("\(d.maxCRSGrade.map(String.init) ?? "·")/\(d.maxICANSGrade.map(String.init) ?? "·")"))
                            }),
                            .td(.text(b.assessmentPending ? tr("pending") : b.assessmentScheduledToday ? tr("done") : tr("not scheduled"))),
                            .td(alerts(row, zone: zone))
                        )
                    })
                ))
        )
    }

    func alerts(_ row: MonitoringBoard.Row, zone: TimeZone) -> Node<HTML.BodyContext> {
        guard !row.openAlerts.isEmpty || !row.recentlyAcknowledged.isEmpty else { return .text("—") }
        // The most severe first, then the newest: what to act on is at the top of the cell.
        let ranked = row.openAlerts.sorted {
            let (a, b) = (SafetyAlertSeverity(rawValue: $0.severity), SafetyAlertSeverity(rawValue: $1.severity))
            return a != b ? (a.map { x in b.map { x > $0 } ?? true } ?? false) : $0.raisedAt > $1.raisedAt
        }
        let open: [Node<HTML.ListContext>] = ranked.prefix(5).map { SeverityMarks.alert($0, viewer: viewer, back: "/board", timeZone: zone) }
        let more: Node<HTML.ListContext> = .if(row.openAlerts.count > 5,
            .li(.a(.href("/patients/\(row.patientID)#safety"), .text(tr("\(row.openAlerts.count - 5) more open alerts")))))
        let acknowledged: [Node<HTML.ListContext>] = row.recentlyAcknowledged.prefix(3).map { SeverityMarks.alert($0, viewer: viewer, back: "/board", timeZone: zone) }
        return .ul(.class("alerts"), .group(open), more, .group(acknowledged))
    }
}
