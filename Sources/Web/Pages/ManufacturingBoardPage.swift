import CartographCore
import Plot
import Store

/// Slots for the coming weeks, lots in progress and the release queue, on one page.
struct ManufacturingBoardPage {
    var viewer: Viewer
    var board: ManufacturingBoard

    func render() -> String {
        Layout.page(title: "Manufacturing board", viewer: viewer,
            .h1("Manufacturing board"),
            .p(.a(.href("/slots"), .text("Slot calendar")), .text(" · "), .a(.href("/release-queue"), .text("QA release queue")),
               .text(" · "), .a(.href("/deviations"), .text("Open deviations"))),
            .h2("Slots, next 6 weeks"),
            .if(board.slots.isEmpty, .p("No capacity configured."),
                else: .table(.class("slot-calendar"),
                    .thead(.tr(.th("Site"), .forEach(board.slots.first?.weeks ?? []) { .th(.text($0.week.description)) })),
                    .tbody(.forEach(board.slots) { s in
                        .tr(.td(.text(s.siteCode)), .forEach(s.weeks) { w in .td(.class(w.free == 0 ? "full" : "open"), .text(w.booked.map { "\($0)/\(w.capacity)" } ?? "\(w.free) free of \(w.capacity)")) })
                    }))),
            .h2("Bags in progress"),
            .if(board.inProgress.isEmpty, .p("None."),
                else: .table(.class("bags"),
                    .thead(.tr(.th("Chain of identity"), .th("DIN"), .th("Bag"), .th("Lot"), .th("Where"), .th("Last event"))),
                    .tbody(.forEach(board.inProgress) { r in
                        .tr(.class(r.isQuarantined ? "quarantine" : ""), .td(.a(.href("/bags/\(r.bagID)"), .text(r.chainOfIdentity))),
                            .td(.a(.href("/bags/\(r.bagID)"), .text(r.din))), .td(.text(r.kind.displayName)),
                            .td(.text(r.lot ?? "—")), .td(.text(r.phase.displayName + (r.isQuarantined ? " · quarantined" : ""))),
                            .td(.text(r.lastEvent ?? "")))
                    }))),
            .h2("Release queue"),
            .if(board.releaseQueue.isEmpty, .p("No lot awaits QA."),
                else: .ul(.forEach(board.releaseQueue) { f in
                    .li(.a(.href("/bags/\(f.bag.id)"), .text("Lot \(f.lot ?? "—") · \(f.bag.chainOfIdentity)")),
                        .text(" — \(f.evaluation == nil ? "no results yet: enter them on the bag page" : CustodyWords.disposition(f.evaluation?.disposition))"),
                        .text(" · "), .a(.href("/bags/\(f.bag.id)/certificate"), .text("certificate")),
                        .text(" · "), .a(.href("/bags/\(f.bag.id)/labels"), .text("labels")))
                }))
        )
    }
}
