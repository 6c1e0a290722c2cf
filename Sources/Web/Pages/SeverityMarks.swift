import Foundation
import Plot
import Store

/// Grades and alert severities as the board and the patient page show them: by colour, and always also
/// by a shape and words, so they read the same without colour vision and in print.
enum SeverityMarks {
    /// ASTCT 2019 grade words (grade 5 is death from the toxicity), in the request's language.
    static func gradeWord(_ grade: Int) -> String {
        switch grade {
        case ...0: tr("none")
        case 1: tr("mild")
        case 2: tr("moderate")
        case 3: tr("severe")
        case 4: tr("life-threatening")
        default: tr("fatal")
        }
    }

    /// A shape per grade band: nothing, a dot, a diamond, a triangle.
    static func gradeShape(_ grade: Int) -> String {
        switch grade {
        case ...0: "○"
        case 1: "●"
        case 2: "◆"
        default: "▲"
        }
    }

    /// A grade cell: shape, grade and word (`▲ 3 severe`), or a dash when not graded yet.
    static func grade(_ grade: Int?, toxicity: String) -> Node<HTML.BodyContext> {
        guard let g = grade else {
            return .span(.class("grade grade-none"), .attribute(named: "title", value: tr("\(toxicity) not graded yet")), .text("—"))
        }
        return .span(.class("grade grade-\(min(max(g, 0), 5))"),
                     .attribute(named: "title", value: tr("\(toxicity) grade \(g) (\(gradeWord(g)))")),
                     .span(.class("shape"), .attribute(named: "aria-hidden", value: "true"), .text(gradeShape(g) + " ")),
                     .strong(.text(String(g))), .text(" " + gradeWord(g)))
    }

    /// An alert severity as a badge: `‼ URGENT`, `! Warning`, `i Info`.
    static func severity(_ raw: String) -> Node<HTML.BodyContext> {
        let text: String
        switch raw {
        case "urgent": text = "‼ " + tr("URGENT")
        case "warning": text = "! " + tr("Warning")
        default: text = "i " + tr("Info")
        }
        return .span(.class("badge badge-\(raw)"), .text(text))
    }

    /// One alert with its state: open (with the acknowledge button for roles that may acknowledge, or
    /// "not yet acknowledged" for the others), acknowledged (by whom and when), or lapsed unacknowledged.
    static func alert(_ a: AlertView, viewer: Viewer, back: String, timeZone: TimeZone) -> Node<HTML.ListContext> {
        .li(.class("alert-\(a.severity)\(a.isOpen ? " open" : " acknowledged")"),
            severity(a.severity),
            .text(" " + tr("Day \(a.studyDay): \(tr(source: a.message))")),
            .if(a.isOpen,
                .if(viewer.role.recordsJourney,
                    .form(.action("/alerts/\(a.id)/acknowledge"), .method(.post), .class("inline-button"),
                          Layout.csrfField(viewer.csrf),
                          .input(.type(.hidden), .name("back"), .escapedValue(back)),
                          .button(.type(.submit), .text(tr("Acknowledge")))),
                    else: .small(.class("state"), .text(" — " + tr("open, not yet acknowledged")))),
                else: .small(.class("state"), .text(" — " + state(a, timeZone: timeZone))))
        )
    }

    /// A closed alert's state: lapsed unacknowledged (and when), or acknowledged (by whom and when).
    static func state(_ a: AlertView, timeZone: TimeZone) -> String {
        guard let at = a.acknowledgedAt else {
            return a.lapsedAt.map { tr("lapsed unacknowledged when the patient left Day 0–28 monitoring (\(time($0, in: timeZone)))") }
                ?? tr("lapsed unacknowledged when the patient left Day 0–28 monitoring")
        }
        return a.acknowledgedByName.map { tr("acknowledged by \($0) at \(time(at, in: timeZone))") }
            ?? tr("acknowledged at \(time(at, in: timeZone))")
    }

    /// `2026-12-07 14:05 UTC+08:00` in the center's time zone (`LocalFormat.time`).
    static func time(_ date: Date, in zone: TimeZone) -> String { LocalFormat.time(date, in: zone) }
}
