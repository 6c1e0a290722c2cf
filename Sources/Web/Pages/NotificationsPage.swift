import CartographCore
import Foundation
import Plot
import Store

/// `/admin/notifications` (model + view): where the center's alerts go, and whether they got there.
/// A webhook's secret is shown once, when it is added.
struct NotificationsPage {
    var channels: [NotificationChannels.ChannelView]
    var deliveries: [NotificationChannels.DeliveryView]
    var timeZone: TimeZone = .gmt
    var added: (name: String, secret: String)?
    var errors: [FieldError] = []
    var draft: (name: String, url: String) = ("", "")
    var notice: String?

    func render(viewer: Viewer) -> String {
        Layout.page(title: "Alert notifications", viewer: viewer,
            .h1("Alert notifications"),
            .p(.class("hint"), .text("Every alert raised for this center's patients is sent to each webhook below as a signed JSON POST "
                + "(X-Cartograph-Signature: sha256=HMAC of \"timestamp.body\" under the webhook's secret), retried from 30 s up to hourly, "
                + "\(AlertOutbox.maximumAttempts) attempts in all. It carries the patient code and a link, never the patient's identity.")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .unwrap(added.map { $0 }) { a in
                .div(.class("notice"), .id("webhook-secret"),
                     .p(.text("Webhook \(a.name) added. Its signing secret, shown only now — give it to the receiving system:")),
                     .p(.code(.text(a.secret))))
            },
            .h2("Webhooks"),
            .if(channels.isEmpty, .p(.text("No webhook yet: alerts appear on the Day 0–28 board only."))),
            .if(!channels.isEmpty, .table(.id("channels"),
                .thead(.tr(.th("Name"), .th("Address"), .th("Added"), .th(""))),
                .tbody(.forEach(channels) { c in
                    .tr(.td(.text(c.name)), .td(.code(.text(c.url))), .td(.text(SeverityMarks.time(c.createdAt, in: timeZone))),
                        .td(.form(.method(.post), .action("/admin/notifications/\(c.id.uuidString)/remove"), .class("inline"),
                                  Layout.csrfField(viewer.csrf), .button(.type(.submit), .text("Remove")))))
                }))),
            .h2("Add a webhook"),
            .form(.method(.post), .action("/admin/notifications"), .id("add-webhook"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field("Name", name: "name", value: draft.name, errors: errors, hint: "e.g. Ward 7 pager", required: true),
                  FormKit.field("Address", name: "url", type: .url, value: draft.url, errors: errors, hint: "https://…", required: true),
                  .button(.type(.submit), .text("Add webhook"))),
            .h2("Recent deliveries"),
            .if(deliveries.isEmpty, .p(.text("Nothing sent yet."))),
            .if(!deliveries.isEmpty, .table(.id("deliveries"),
                .thead(.tr(.th("Raised"), .th("Patient"), .th("Alert"), .th("Webhook"), .th("Status"), .th("Attempts"), .th("Last answer"))),
                .tbody(.forEach(deliveries) { d in
                    .tr(.td(.text(SeverityMarks.time(d.createdAt, in: timeZone))),
                        .td(.text(d.patientCode)),
                        .td(.text("\(d.severity) · \(d.alertKind)")),
                        .td(.text(d.channel)),
                        .td(.text(status(d))),
                        .td(.text(String(d.attempts))),
                        .td(.text(d.lastStatusCode.map { "HTTP \($0)" } ?? d.lastError ?? "—")))
                })))
        )
    }

    func status(_ d: NotificationChannels.DeliveryView) -> String {
        switch d.status {
        case .delivered: "Delivered \(d.deliveredAt.map { SeverityMarks.time($0, in: timeZone) } ?? "")"
        case .pending: d.attempts == 0 ? "Queued" : "Retrying \(d.nextAttemptAt.map { SeverityMarks.time($0, in: timeZone) } ?? "")"
        case .abandoned: "Not delivered: gave up after \(d.attempts) attempts"
        case .cancelled: "Cancelled: webhook removed"
        }
    }
}
