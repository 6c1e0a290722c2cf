import Foundation
import Plot
import Store

/// Grades and alert severities as the board and the patient page show them: by colour, and always also
/// by a shape and words, so they read the same without colour vision and in print.
enum SeverityMarks {
    /// ASTCT 2019 grade words (grade 5 is death from the toxicity).
    static func gradeWord(_ grade: Int) -> String {
        switch grade {
        case ...0: "none"
        case 1: "mild"
        case 2: "moderate"
        case 3: "severe"
        case 4: "life-threatening"
        default: "fatal"
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
            return .span(.class("grade grade-none"), .attribute(named: "title", value: "\(toxicity) not graded yet"), .text("—"))
        }
        return .span(.class("grade grade-\(min(max(g, 0), 5))"),
                     .attribute(named: "title", value: "\(toxicity) grade \(g) (\(gradeWord(g)))"),
                     .span(.class("shape"), .attribute(named: "aria-hidden", value: "true"), .text(gradeShape(g) + " ")),
                     .strong(.text(String(g))), .text(" " + gradeWord(g)))
    }

    /// An alert severity as a badge: `‼ URGENT`, `! Warning`, `i Info`.
    static func severity(_ raw: String) -> Node<HTML.BodyContext> {
        let text: String
        switch raw {
        case "urgent": text = "‼ URGENT"
        case "warning": text = "! Warning"
        default: text = "i Info"
        }
        return .span(.class("badge badge-\(raw)"), .text(text))
    }

    /// One alert with its state: open (with the acknowledge button for roles that may acknowledge, or
    /// "not yet acknowledged" for the others), acknowledged (by whom and when), or lapsed unacknowledged.
    static func alert(_ a: AlertView, viewer: Viewer, back: String, timeZone: TimeZone) -> Node<HTML.ListContext> {
        .li(.class("alert-\(a.severity)\(a.isOpen ? " open" : " acknowledged")"),
            severity(a.severity),
            .text(" Day \(a.studyDay): \(a.message)"),
            .if(a.isOpen,
                .if(viewer.role.recordsJourney,
                    .form(.action("/alerts/\(a.id)/acknowledge"), .method(.post), .class("inline-button"),
                          Layout.csrfField(viewer.csrf),
                          .input(.type(.hidden), .name("back"), .escapedValue(back)),
                          .button(.type(.submit), .text("Acknowledge"))),
                    else: .small(.class("state"), .text(" — open, not yet acknowledged"))),
                else: .small(.class("state"), .text(a.acknowledgedAt == nil
                    ? " — lapsed unacknowledged when the patient left Day 0–28 monitoring" + (a.lapsedAt.map { " (\(time($0, in: timeZone)))" } ?? "")
                    : " — acknowledged"
                        + (a.acknowledgedByName.map { " by \($0)" } ?? "")
                        + (a.acknowledgedAt.map { " at \(time($0, in: timeZone))" } ?? ""))))
        )
    }

    /// `2026-12-07 14:05` in the center's time zone.
    static func time(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        // The offset names the clock, so a time read from another center or at home is not misread.
        let offset = zone.secondsFromGMT(for: date) / 60
        let zoneText = String(format: "UTC%@%02d:%02d", offset < 0 ? "−" : "+", abs(offset) / 60, abs(offset) % 60)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0) + " " + zoneText
    }
}
