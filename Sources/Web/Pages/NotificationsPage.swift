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
        Layout.page(title: tr("Alert notifications"), viewer: viewer,
            .h1(.text(tr("Alert notifications"))),
            .p(.class("hint"), .text(tr("""
                Every alert raised for this center's patients is sent to each webhook below as a signed JSON POST \
                (X-Cartograph-Signature: sha256=HMAC of "timestamp.body" under the webhook's secret), retried from 30 s up to hourly, \
                \(AlertOutbox.maximumAttempts) attempts in all. It carries the patient code and a link, never the patient's identity.
                """))),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .unwrap(added.map { $0 }) { a in
                .div(.class("notice"), .id("webhook-secret"),
                     .p(.text(tr("Webhook \(a.name) added. Its signing secret, shown only now — give it to the receiving system:"))),
                     .p(.code(.text(a.secret))))
            },
            .h2(.text(tr("Webhooks"))),
            .if(channels.isEmpty, .p(.text(tr("No webhook yet: alerts appear on the Day 0–28 board only.")))),
            .if(!channels.isEmpty, .table(.id("channels"),
                .thead(.tr(.th(.text(tr("Name"))), .th(.text(tr("Address"))), .th(.text(tr("Added"))), .th(""))),
                .tbody(.forEach(channels) { c in
                    .tr(.td(.text(c.name)), .td(.code(.text(c.url))), .td(.text(SeverityMarks.time(c.createdAt, in: timeZone))),
                        .td(.form(.method(.post), .action("/admin/notifications/\(c.id.uuidString)/remove"), .class("inline"),
                                  Layout.csrfField(viewer.csrf), .button(.type(.submit), .text(tr("Remove"))))))
                }))),
            .h2(.text(tr("Add a webhook"))),
            .form(.method(.post), .action("/admin/notifications"), .id("add-webhook"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field(tr("Name"), name: "name", value: draft.name, errors: errors, hint: tr("e.g. Ward 7 pager"), required: true),
                  FormKit.field(tr("Address"), name: "url", type: .url, value: draft.url, errors: errors, hint: "https://…", required: true),
                  .button(.type(.submit), .text(tr("Add webhook")))),
            .h2(.text(tr("Recent deliveries"))),
            .if(deliveries.isEmpty, .p(.text(tr("Nothing sent yet.")))),
            .if(!deliveries.isEmpty, .table(.id("deliveries"),
                .thead(.tr(.th(.text(tr("Raised"))), .th(.text(tr("Patient"))), .th(.text(tr("Alert"))), .th(.text(tr("Webhook"))), .th(.text(tr("Status"))),
                           .th(.text(tr("Attempts"))), .th(.text(tr("Last answer"))))),
                .tbody(.forEach(deliveries) { d in
                    .tr(.td(.text(SeverityMarks.time(d.createdAt, in: timeZone))),
                        .td(.text(d.patientCode)),
                        .td(.text("\(tr(source: d.severity)) · \(d.alertKind)")),
                        .td(.text(d.channel)),
                        .td(.text(status(d))),
                        .td(.text(String(d.attempts))),
                        .td(.text(d.lastStatusCode.map { "HTTP \($0)" } ?? d.lastError ?? "—")))
                })))
        )
    }

    func status(_ d: NotificationChannels.DeliveryView) -> String {
        switch d.status {
        case .delivered: tr("Delivered \(d.deliveredAt.map { SeverityMarks.time($0, in: timeZone) } ?? "")")
        case .pending: d.attempts == 0 ? tr("Queued") : tr("Retrying \(d.nextAttemptAt.map { SeverityMarks.time($0, in: timeZone) } ?? "")")
        case .abandoned: tr("Not delivered: gave up after \(d.attempts) attempts")
        case .cancelled: tr("Cancelled: webhook removed")
        }
    }
}
