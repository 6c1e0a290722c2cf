import CartographCore
import Clinical
import Foundation
import Plot
import Store

/// A patient's long-term follow-up (`FOLLOW-UP-1`): planned visits and registry reports with their
/// status, the recorded events, and the forms to record a visit or an event.
struct FollowUpSection {
    var patientID: UUID
    var today: CalendarDate
    var canRecord: Bool
    var csrf: String
    var status: FollowUpPatientStatus
    var visits: [StoredFollowUpVisit]
    var events: [StoredFollowUpEvent]
    var schedule: FollowUpSchedule
    var visitForm: FormState
    var eventForm: FormState

    static let visitFields: Set<String> = ["visit.date", "visit.contact", "visit.note"]
    static let eventFields: Set<String> = ["event.kind", "event.date", "event.timepoint", "event.deathCause", "event.detail", "event.transgeneInTumour"]

    var node: Node<HTML.BodyContext> {
        let s = status
        return .section(.class("follow-up"),
            .h2("Long-term follow-up"),
            .unwrap(s.followUpEnded) { .p(.class("alert"), .text("Follow-up ended: \($0.kind.displayName) on \($0.date).")) },
            .unwrap(s.responseAssessmentEnded) { .p(.text("Response assessment ended by \($0.kind.displayName) on \($0.date); later visits are survival follow-up.")) },
            .table(.class("follow-up-visits"),
                .thead(.tr(.th("Visit"), .th("Planned"), .th("Window"), .th("Purpose"), .th("Status"), .th("Seen"))),
                .tbody(.forEach(s.visits.filter { $0.status != .upcoming || $0.plannedDate <= today.adding(days: 120) }) { v in
                    .tr(.class("status-\(v.status.rawValue)"),
                        .td(.text(v.label)), .td(.text(v.plannedDate.description)),
                        .td(.text("\(v.windowStart) – \(v.windowEnd)")),
                        .td(.text(v.purpose == .survival ? "survival" : "response")),
                        .td(.text(v.status.rawValue)), .td(.text(v.visitDate?.description ?? "")))
                })),
            .table(.class("registry-reports"),
                .thead(.tr(.th("Registry report"), .th("Timepoint"), .th("Submit by"), .th("Status"))),
                .tbody(.forEach(s.registryReports.filter { $0.status != .upcoming || $0.timepoint <= today.adding(days: 120) }) { r in
                    .tr(.class("status-\(r.status.rawValue)"),
                        .td(.text(r.label + (r.reportsDeath ? " (reports the death)" : ""))), .td(.text(r.timepoint.description)),
                        .td(.text(r.submitBy.description)), .td(.text(r.status.rawValue)))
                })),
            .if(!s.malignancyWorkups.isEmpty,
                .ul(.forEach(s.malignancyWorkups) { w in
                    .li(.text("Second primary malignancy of \(w.eventDate): work-up \(w.status.rawValue)"
                              + (w.completedOn.map { " on \($0)" } ?? ", due by \(w.dueBy)")))
                })),
            .if(!s.notes.isEmpty, .ul(.class("notes"), .forEach(s.notes) { .li(.text($0)) })),
            .h3("Recorded events"),
            .if(events.isEmpty, .p("None."),
                else: .ol(.class("events"), .forEach(events) { e in
                    .li(.text("\(e.entry.date) — \(e.entry.kind.displayName)"), .text(describe(e.entry)))
                })),
            .if(canRecord && s.followUpEnded?.kind != .death, visitFormNode),
            .if(canRecord, eventFormNode)
        )
    }

    func describe(_ e: FollowUpEventEntry) -> String {
        var parts: [String] = []
        if let t = e.timepoint { parts.append(t.label) }
        if let c = e.deathCause { parts.append("cause: \(c.displayName)") }
        if let g = e.transgeneInTumour { parts.append("CAR transgene in tumour: \(g.displayName)") }
        if let d = e.detail { parts.append(d) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    var visitFormNode: Node<HTML.BodyContext> {
        .form(.action("/patients/\(patientID)/follow-up/visits"), .method(.post), .class("inline"),
            Layout.csrfField(csrf),
            FormKit.field("Visit date", name: "visit.date", type: .date, value: visitForm.input["visit.date"] ?? today.description,
                          errors: visitForm.errors, required: true),
            FormKit.select("Contact", name: "visit.contact", options: FollowUpContact.allCases.map { ($0.rawValue, $0.displayName) },
                           selected: visitForm.input["visit.contact"], errors: visitForm.errors),
            FormKit.field("Note", name: "visit.note", value: visitForm.input["visit.note"], errors: visitForm.errors),
            FormKit.summary(visitForm.errors, fields: Self.visitFields),
            .button(.type(.submit), .text("Record visit")))
    }

    var eventFormNode: Node<HTML.BodyContext> {
        // One option per timepoint, in time order; the event kind says whether it is a report or a visit.
        let anchor = CalendarDate(year: 2000, month: 1, day: 1)!
        var seen = Set<String>()
        let offsets = (schedule.visits + schedule.registryReports).filter { seen.insert($0.code).inserted }
            .sorted { $0.date(from: anchor) < $1.date(from: anchor) }
        let options = [("", "—")] + offsets.map { ($0.code, $0.label) }
        return .form(.action("/patients/\(patientID)/follow-up/events"), .method(.post), .class("inline"),
            Layout.csrfField(csrf),
            FormKit.select("Event", name: "event.kind", options: FollowUpEventKind.allCases.map { ($0.rawValue, $0.displayName) },
                           selected: eventForm.input["event.kind"], errors: eventForm.errors),
            FormKit.field("Date", name: "event.date", type: .date, value: eventForm.input["event.date"] ?? today.description,
                          errors: eventForm.errors, required: true),
            FormKit.select("Timepoint (registry report or missed visit)", name: "event.timepoint", options: options, selected: eventForm.input["event.timepoint"], errors: eventForm.errors),
            FormKit.select("Cause of death", name: "event.deathCause", options: [("", "—")] + DeathCause.allCases.map { ($0.rawValue, $0.displayName) },
                           selected: eventForm.input["event.deathCause"], errors: eventForm.errors),
            FormKit.field("Detail", name: "event.detail", value: eventForm.input["event.detail"], errors: eventForm.errors,
                          hint: "new therapy, malignancy histology, cause of death in words"),
            FormKit.select("CAR transgene in tumour", name: "event.transgeneInTumour",
                           options: [("", "—")] + TransgeneInTumour.allCases.map { ($0.rawValue, $0.displayName) },
                           selected: eventForm.input["event.transgeneInTumour"], errors: eventForm.errors),
            FormKit.summary(eventForm.errors, fields: Self.eventFields),
            .button(.type(.submit), .text("Record event")))
    }
}
