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
        return Layout.page(title: tr("Follow-up worklist"), viewer: viewer,
            .h1(.text(tr("Follow-up worklist — \(LocalFormat.date(today))"))),
            .p(.text(items.count == 1
                ? tr("\(items.count) item: \(items.count - overdue) due, \(overdue) overdue (rule set \(FollowUpTracker.ruleSet)).")
                : tr("\(items.count) items: \(items.count - overdue) due, \(overdue) overdue (rule set \(FollowUpTracker.ruleSet))."))),
            .if(items.isEmpty, .p(.text(tr("Nothing due or overdue."))),
                else: .table(.class("worklist"),
                    .thead(.tr(.th(.text(tr("Date"))), .th(.text(tr("Patient"))), .th(.text(tr("What"))), .th(.text(tr("On time"))), .th(.text(tr("Status"))))),
                    .tbody(.forEach(items) { entry in
                        .tr(.class("status-\(entry.item.status.rawValue)"),
                            .td(.text(LocalFormat.date(entry.item.date))),
                            .td(.a(.href("/patients/\(entry.patientID)"), .text(entry.item.patientCode))),
                            .td(.text(tr(source: entry.item.what))),
                            .td(.text("\(LocalFormat.date(entry.item.windowStart)) – \(LocalFormat.date(entry.item.windowEnd))")),
                            .td(.text(tr(source: entry.item.status.rawValue))))
                    })))
        )
    }
}
