import CartographCore
import Clinical
import Plot
import Store

/// The center's follow-up worklist: every visit, registry report and malignancy work-up due or overdue.
struct FollowUpWorklistPage {
    var viewer: Viewer
    var today: CalendarDate
    var items: [CenterFollowUpItem]

    func render() -> String {
        let overdue = items.filter { $0.item.status == .overdue }.count
        return Layout.page(title: "Follow-up worklist", viewer: viewer,
            .h1(.text("Follow-up worklist — \(today)")),
            .p(.text("\(items.count) item\(items.count == 1 ? "" : "s"): \(items.count - overdue) due, \(overdue) overdue (rule set \(FollowUpTracker.ruleSet)).")),
            .if(items.isEmpty, .p("Nothing due or overdue."),
                else: .table(.class("worklist"),
                    .thead(.tr(.th("Date"), .th("Patient"), .th("What"), .th("On time"), .th("Status"))),
                    .tbody(.forEach(items) { entry in
                        .tr(.class("status-\(entry.item.status.rawValue)"),
                            .td(.text(entry.item.date.description)),
                            .td(.a(.href("/patients/\(entry.patientID)"), .text(entry.item.patientCode))),
                            .td(.text(entry.item.what)),
                            .td(.text("\(entry.item.windowStart) – \(entry.item.windowEnd)")),
                            .td(.text(entry.item.status.rawValue)))
                    })))
        )
    }
}
