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
            .h2(.text(tr("Long-term follow-up"))),
            .unwrap(s.followUpEnded) { .p(.class("alert"), .text(tr("Follow-up ended: \(tr(source: $0.kind.displayName)) on \(LocalFormat.date($0.date))."))) },
            .unwrap(s.responseAssessmentEnded) {
                .p(.text(tr("Response assessment ended by \(tr(source: $0.kind.displayName)) on \(LocalFormat.date($0.date)); later visits are survival follow-up.")))
            },
            .table(.class("follow-up-visits"),
                .thead(.tr(.th(.text(tr("Visit"))), .th(.text(tr("Planned"))), .th(.text(tr("Window"))), .th(.text(tr("Purpose"))), .th(.text(tr("Status"))), .th(.text(tr("Seen"))))),
                .tbody(.forEach(s.visits.filter { $0.status != .upcoming || $0.plannedDate <= today.adding(days: 120) }) { v in
                    .tr(.class("status-\(v.status.rawValue)"),
                        .td(.text(Self.label(v.offset))), .td(.text(LocalFormat.date(v.plannedDate))),
                        .td(.text("\(LocalFormat.date(v.windowStart)) – \(LocalFormat.date(v.windowEnd))")),
                        .td(.text(v.purpose == .survival ? tr("survival") : tr("response"))),
                        .td(.text(tr(source: v.status.rawValue))), .td(.text(v.visitDate.map(LocalFormat.date) ?? "")))
                })),
            .table(.class("registry-reports"),
                .thead(.tr(.th(.text(tr("Registry report"))), .th(.text(tr("Timepoint"))), .th(.text(tr("Submit by"))), .th(.text(tr("Status"))))),
                .tbody(.forEach(s.registryReports.filter { $0.status != .upcoming || $0.timepoint <= today.adding(days: 120) }) { r in
                    .tr(.class("status-\(r.status.rawValue)"),
                        .td(.text(r.reportsDeath ? tr("\(Self.label(r.offset)) (reports the death)") : Self.label(r.offset))),
                        .td(.text(LocalFormat.date(r.timepoint))),
                        .td(.text(LocalFormat.date(r.submitBy))), .td(.text(tr(source: r.status.rawValue))))
                })),
            .if(!s.malignancyWorkups.isEmpty,
                .ul(.forEach(s.malignancyWorkups) { w in
                    .li(.text(w.completedOn.map {
                        tr("Second primary malignancy of \(LocalFormat.date(w.eventDate)): work-up \(tr(source: w.status.rawValue)) on \(LocalFormat.date($0))")
                    } ?? tr("Second primary malignancy of \(LocalFormat.date(w.eventDate)): work-up \(tr(source: w.status.rawValue)), due by \(LocalFormat.date(w.dueBy))")))
                })),
            .if(!s.notes.isEmpty, .ul(.class("notes"), .forEach(s.notes) { .li(.text(tr(source: $0))) })),
            .h3(.text(tr("Recorded events"))),
            .if(events.isEmpty, .p(.text(tr("None."))),
                else: .ol(.class("events"), .forEach(events) { e in
                    .li(.text("\(LocalFormat.date(e.entry.date)) — \(tr(source: e.entry.kind.displayName))"), .text(describe(e.entry)))
                })),
            .if(canRecord && s.followUpEnded?.kind != .death, visitFormNode),
            .if(canRecord, eventFormNode)
        )
    }

    func describe(_ e: FollowUpEventEntry) -> String {
        var parts: [String] = []
        if let t = e.timepoint { parts.append(Self.label(t)) }
        if let c = e.deathCause { parts.append(tr("cause: \(tr(source: c.displayName))")) }
        if let g = e.transgeneInTumour { parts.append(tr("CAR transgene in tumour: \(tr(source: g.displayName))")) }
        if let d = e.detail { parts.append(d) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// A schedule timepoint as `FollowUpSchedule.Offset.label` writes it (`Day 100`, `Month 12 (year 1)`),
    /// in the request's language.
    static func label(_ offset: FollowUpSchedule.Offset) -> String {
        switch offset {
        case .days(let d): tr("Day \(d)")
        case .months(let m): m % 12 == 0 ? tr("Month \(m) (year \(m / 12))") : tr("Month \(m)")
        }
    }

    var visitFormNode: Node<HTML.BodyContext> {
        .form(.action("/patients/\(patientID)/follow-up/visits"), .method(.post), .class("inline"),
            Layout.csrfField(csrf),
            FormKit.field(tr("Visit date"), name: "visit.date", type: .date, value: visitForm.input["visit.date"] ?? today.description,
                          errors: visitForm.errors, required: true),
            FormKit.select(tr("Contact"), name: "visit.contact", options: FollowUpContact.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                           selected: visitForm.input["visit.contact"], errors: visitForm.errors),
            FormKit.field(tr("Note"), name: "visit.note", value: visitForm.input["visit.note"], errors: visitForm.errors),
            FormKit.summary(visitForm.errors, fields: Self.visitFields),
            .button(.type(.submit), .text(tr("Record visit"))))
    }

    var eventFormNode: Node<HTML.BodyContext> {
        // One option per timepoint, in time order; the event kind says whether it is a report or a visit.
        let anchor = CalendarDate(year: 2000, month: 1, day: 1)!
        var seen = Set<String>()
        let offsets = (schedule.visits + schedule.registryReports).filter { seen.insert($0.code).inserted }
            .sorted { $0.date(from: anchor) < $1.date(from: anchor) }
        let options = [("", "—")] + offsets.map { ($0.code, Self.label($0)) }
        return .form(.action("/patients/\(patientID)/follow-up/events"), .method(.post), .class("inline"),
            Layout.csrfField(csrf),
            FormKit.select(tr("Event"), name: "event.kind", options: FollowUpEventKind.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                           selected: eventForm.input["event.kind"], errors: eventForm.errors),
            FormKit.field(tr("Date"), name: "event.date", type: .date, value: eventForm.input["event.date"] ?? today.description,
                          errors: eventForm.errors, required: true),
            FormKit.select(tr("Timepoint (registry report or missed visit)"), name: "event.timepoint", options: options, selected: eventForm.input["event.timepoint"], errors: eventForm.errors),
            FormKit.select(tr("Cause of death"), name: "event.deathCause", options: [("", "—")] + DeathCause.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                           selected: eventForm.input["event.deathCause"], errors: eventForm.errors),
            FormKit.field(tr("Detail"), name: "event.detail", value: eventForm.input["event.detail"], errors: eventForm.errors,
                          hint: tr("new therapy, malignancy histology, cause of death in words")),
            FormKit.select(tr("CAR transgene in tumour"), name: "event.transgeneInTumour",
                           options: [("", "—")] + TransgeneInTumour.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                           selected: eventForm.input["event.transgeneInTumour"], errors: eventForm.errors),
            FormKit.summary(eventForm.errors, fields: Self.eventFields),
            .button(.type(.submit), .text(tr("Record event"))))
    }
}
