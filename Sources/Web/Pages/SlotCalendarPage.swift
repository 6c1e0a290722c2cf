import CartographCore
import Plot
import Store

/// Manufacturing sites and weeks: capacity, booked and free slots.
struct SlotCalendarPage {
    var viewer: Viewer
    var sites: [SlotCalendarSite]

    func render() -> String {
        Layout.page(title: tr("Manufacturing slots"), viewer: viewer,
            .h1(.text(tr("Manufacturing slots"))),
            .p(.class("hint"), .text(tr("A collection uses a slot in its ISO week; manufacturing starts the next day. A failed or abandoned collection frees its slot."))),
            .if(sites.isEmpty, .p(.text(tr("No manufacturing site has a weekly capacity yet.")))),
            .forEach(sites) { site in
                .section(
                    .h2(.text(tr("\(site.siteName) (\(site.siteCode)) · \(site.slotsPerWeek) slots a week"))),
                    .table(.class("slot-calendar"),
                        .thead(.tr(.th(.text(tr("Week"))), .th(.text(tr("Dates"))), .th(.text(tr("Capacity"))),
                                   .if(site.operatedByYourCenter, .th(.text(tr("Booked (all centers)")))), .th(.text(tr("Booked by your center"))),
                                   .th(.text(tr("Free"))))),
                        .tbody(.forEach(site.weeks) { w in
                            .tr(.class(w.free == 0 ? "full" : "open"), .td(.text(w.week.description)),
                                .td(.text("\(LocalFormat.date(w.week.monday)) – \(LocalFormat.date(w.week.sunday))")), .td(.text(String(w.capacity))),
                                .unwrap(w.booked) { .td(.text(String($0))) },
                                .td(.text(String(w.bookedByYourCenter))), .td(.strong(.text(String(w.free)))))
                        }))
                )
            }
        )
    }
}
