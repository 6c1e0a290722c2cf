import CartographCore
import Plot
import Store

/// Slots for the coming weeks, lots in progress and the release queue, on one page.
struct ManufacturingBoardPage {
    var viewer: Viewer
    var board: ManufacturingBoard

    func render() -> String {
        Layout.page(title: tr("Manufacturing board"), viewer: viewer,
            .h1(.text(tr("Manufacturing board"))),
            .p(.a(.href("/slots"), .text(tr("Slot calendar"))), .text(" · "), .a(.href("/release-queue"), .text(tr("QA release queue"))),
               .text(" · "), .a(.href("/deviations"), .text(tr("Open deviations")))),
            .h2(.text(tr("Slots, next 6 weeks"))),
            .if(board.slots.isEmpty, .p(.text(tr("No capacity configured."))),
                else: .table(.class("slot-calendar"),
                    .thead(.tr(.th(.text(tr("Site"))), .forEach(board.slots.first?.weeks ?? []) { .th(.text($0.week.description)) })),
                    .tbody(.forEach(board.slots) { s in
                        .tr(.td(.text(s.siteCode)), .forEach(s.weeks) { w in .td(.class(w.free == 0 ? "full" : "open"), .text(w.booked.map { "\($0)/\(w.capacity)" } ?? tr("\(w.free) free of \(w.capacity)"))) })
                    }))),
            .h2(.text(tr("Bags in progress"))),
            .if(board.inProgress.isEmpty, .p(.text(tr("None."))),
                else: .table(.class("bags"),
                    .thead(.tr(.th(.text(tr("Chain of identity"))), .th("DIN"), .th(.text(tr("Bag"))), .th(.text(tr("Lot"))), .th(.text(tr("Where"))),
                               .th(.text(tr("Last event"))))),
                    .tbody(.forEach(board.inProgress) { r in
                        .tr(.class(r.isQuarantined ? "quarantine" : ""), .td(.a(.href("/bags/\(r.bagID)"), .text(r.chainOfIdentity))),
                            .td(.a(.href("/bags/\(r.bagID)"), .text(r.din))), .td(.text(tr(source: r.kind.displayName))),
                            .td(.text(r.lot ?? "—")), .td(.text(tr(source: r.phase.displayName) + (r.isQuarantined ? " · " + tr("quarantined") : ""))),
                            .td(.text(r.lastEvent.map { CustodyPage.eventLine(summary: $0) } ?? "")))
                    }))),
            .h2(.text(tr("Release queue"))),
            .if(board.releaseQueue.isEmpty, .p(.text(tr("No lot awaits QA."))),
                else: .ul(.forEach(board.releaseQueue) { f in
                    .li(.a(.href("/bags/\(f.bag.id)"), .text(tr("Lot \(f.lot ?? "—")") + " · \(f.bag.chainOfIdentity)")),
                        .text(" — " + (f.evaluation == nil ? tr("no results yet: enter them on the bag page") : CustodyWords.disposition(f.evaluation?.disposition))),
                        .text(" · "), .a(.href("/bags/\(f.bag.id)/certificate"), .text(tr("certificate"))),
                        .text(" · "), .a(.href("/bags/\(f.bag.id)/labels"), .text(tr("labels"))))
                }))
        )
    }
}
