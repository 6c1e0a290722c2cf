import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

/// The outbox: every alert is queued for each of its center's webhooks in the alert's own transaction,
/// claimed by one worker at a time, retried on a doubling wait and abandoned (audited) after the last
/// attempt; removing a webhook cancels what it had pending.
@Suite("Alert outbox", .serialized)
struct AlertOutboxTests {
    static let infusion = CalendarDate("2026-03-08")!
    static let today = CalendarDate("2026-03-15")!

    @Test("retry waits: 30 s, doubling, at most an hour")
    func delays() {
        #expect((1...8).map { AlertOutbox.retryDelay(afterAttempts: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600])
        #expect(AlertOutbox.retryDelay(afterAttempts: 40) == 3600)
    }

    @Test("an alert is queued once per active webhook of its own center, claimed by one worker, retried, delivered")
    func queueClaimRetryDeliver() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            let adminA = f.usersA[.admin]!
            _ = try await NotificationChannels.addWebhook(name: "Pager", url: "https://203.0.113.10/hook", allowInsecure: false, by: adminA, on: app.db)
            // Another center's webhook never sees center A's alerts.
            _ = try await NotificationChannels.addWebhook(name: "Other", url: "https://203.0.113.11/hook", allowInsecure: false, by: f.usersB[.admin]!, on: app.db)
            _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today, on: app.db)
            let raised = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-11")!, on: app.db)
            #expect(raised >= 1)
            let alerts = try await AlertRecord.query(on: app.db).count()
            let deliveries = try await AlertDelivery.query(on: app.db).all()
            #expect(deliveries.count == alerts, "one delivery per alert for the one webhook of center A")
            #expect(deliveries.allSatisfy { $0.centerID == f.centerA && $0.status == "pending" && $0.attempts == 0 })
            let t0 = Date()
            let first = try await AlertOutbox.claim(now: t0, limit: 100, on: app.db)
            #expect(first.count == alerts)
            #expect(first.allSatisfy { $0.url == "https://203.0.113.10/hook" && $0.attempt == 1 && $0.notification.center == "C01" })
            // Nobody's name goes out: the patient code only.
            #expect(first.allSatisfy { !$0.notification.patientCode.isEmpty && !"\($0.notification)".contains("Testperson") })
            // Held for the lease: a second worker gets nothing until it runs out.
            #expect(try await AlertOutbox.claim(now: t0 + 1, limit: 100, on: app.db).isEmpty)
            let one = try #require(first.first)
            try await AlertOutbox.record(.answered(status: 503), for: one.deliveryID, now: t0 + 2, on: app.db)
            let failed = try #require(try await AlertDelivery.find(one.deliveryID, on: app.db))
            #expect(failed.status == "pending" && failed.attempts == 1 && failed.lastStatusCode == 503)
            #expect(abs(failed.nextAttemptAt.timeIntervalSince(t0 + 2) - 30) < 0.01)
            // Not before its time, then once.
            #expect(try await AlertOutbox.claim(now: t0 + 31, limit: 100, on: app.db).isEmpty)
            let retry = try await AlertOutbox.claim(now: t0 + 33, limit: 100, on: app.db)
            #expect(retry.map(\.deliveryID) == [one.deliveryID] && retry.first?.attempt == 2)
            try await AlertOutbox.record(.answered(status: 204), for: one.deliveryID, now: t0 + 34, on: app.db)
            let done = try #require(try await AlertDelivery.find(one.deliveryID, on: app.db))
            #expect(done.status == "delivered" && done.attempts == 2 && done.deliveredAt != nil && done.claimedUntil == nil)
            // A late outcome for a finished delivery changes nothing.
            try await AlertOutbox.record(.answered(status: 500), for: one.deliveryID, now: t0 + 40, on: app.db)
            #expect(try await AlertDelivery.find(one.deliveryID, on: app.db)?.status == "delivered")
        }
    }

    @Test("after the last failed attempt a delivery is abandoned and audited; removing a webhook cancels what it had pending")
    func abandonAndCancel() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            let admin = f.usersA[.admin]!
            let (channel, secret) = try await NotificationChannels.addWebhook(name: "Pager", url: "https://203.0.113.10/hook",
                                                                              allowInsecure: false, by: admin, on: app.db)
            #expect(secret.count >= 40)
            _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today, on: app.db)
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-11")!, on: app.db)
            var now = Date()
            let target = try #require(try await AlertOutbox.claim(now: now, limit: 1, on: app.db).first).deliveryID
            for attempt in 1...AlertOutbox.maximumAttempts {
                if attempt > 1 {
                    // A second after the wait (stored times may be rounded to the microsecond).
                    now = try #require(try await AlertDelivery.find(target, on: app.db)).nextAttemptAt + 1
                    let again = try await AlertOutbox.claim(now: now, limit: 100, on: app.db)
                    #expect(again.contains { $0.deliveryID == target && $0.attempt == attempt })
                }
                try await AlertOutbox.record(.unreachable("connection refused"), for: target, now: now, on: app.db)
            }
            let gaveUp = try #require(try await AlertDelivery.find(target, on: app.db))
            #expect(gaveUp.status == "abandoned" && gaveUp.attempts == AlertOutbox.maximumAttempts && gaveUp.lastError == "connection refused")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "alert.deliveryAbandoned").count() == 1)
            let pendingBefore = try await AlertDelivery.query(on: app.db).filter(\.$status == "pending").count()
            #expect(pendingBefore > 0)
            // Only an administrator of the center removes it.
            await #expect(throws: StoreError.self) { try await NotificationChannels.remove(channel.id, by: f.usersB[.admin]!, on: app.db) }
            await #expect(throws: StoreError.self) { try await NotificationChannels.remove(channel.id, by: f.usersA[.nurse]!, on: app.db) }
            try await NotificationChannels.remove(channel.id, by: admin, on: app.db)
            #expect(try await AlertDelivery.query(on: app.db).filter(\.$status == "pending").count() == 0)
            #expect(try await AlertDelivery.query(on: app.db).filter(\.$status == "cancelled").count() == pendingBefore)
            #expect(try await AlertOutbox.claim(now: now + 86_400, limit: 100, on: app.db).isEmpty)
            let log = try await NotificationChannels.deliveries(for: admin, on: app.db)
            #expect(log.contains { $0.status == .abandoned } && log.contains { $0.status == .cancelled })
        }
    }

    @Test("webhook addresses: https only (http when allowed), no credentials, never link-local; names are checked")
    func addresses() async throws {
        // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): public, and a literal needs no DNS here.
        #expect(NotificationChannels.checkAddress("https://203.0.113.10/hook", allowInsecure: false) == nil)
        // Every spelling of a loopback, private or link-local address is refused (the resolver reads them all).
        for address in ["https://127.0.0.1/", "https://2130706433/", "https://0x7f.1/", "https://[::ffff:127.0.0.1]/", "https://[::1]/",
                         "https://10.0.0.5/", "https://172.20.1.1/", "https://192.168.1.1/", "https://[fe81::1]/", "https://[fd00::1]/",
                         "https://0251.0376.0251.0376/", "https://2852039166/", "https://100.64.0.1/"] {
            #expect(NotificationChannels.checkAddress(address, allowInsecure: false) != nil, "\(address)")
        }
        #expect(NotificationChannels.checkAddress("http://127.0.0.1:9000/hook", allowInsecure: false)?.message == "must be an https URL")
        #expect(NotificationChannels.checkAddress("http://127.0.0.1:9000/hook", allowInsecure: true) == nil)
        #expect(NotificationChannels.checkAddress("https://169.254.169.254/latest/meta-data", allowInsecure: true) != nil)
        #expect(NotificationChannels.checkAddress("https://user:pw@pager.example/", allowInsecure: false) != nil)
        #expect(NotificationChannels.checkAddress("file:///etc/passwd", allowInsecure: true) != nil)
        #expect(NotificationChannels.checkAddress("not a url", allowInsecure: true) != nil)
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            do {
                _ = try await NotificationChannels.addWebhook(name: "  ", url: "ftp://x", allowInsecure: false, by: f.usersA[.admin]!, on: app.db)
                Issue.record("accepted")
            } catch StoreError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["name", "url"])
            }
            await #expect(throws: StoreError.self) {
                _ = try await NotificationChannels.addWebhook(name: "x", url: "https://a.example", allowInsecure: false, by: f.usersA[.qa]!, on: app.db)
            }
            #expect(try await NotificationChannel.query(on: app.db).count() == 0)
        }
    }

    @Test("the signature is the hex HMAC-SHA256 of \"timestamp.body\" under the secret (checked against Python's hmac module)")
    func signature() {
        // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec-test", b"1765000000.{\"kind\":\"missedAssessment\"}", hashlib.sha256).hexdigest())'
        let body = Data(#"{"kind":"missedAssessment"}"#.utf8)
        #expect(WebhookSignature.sign(secret: "whsec-test", timestamp: 1_765_000_000, body: body)
                == "sha256=b5cbb40cd1bf2a9d9ecdf47c35a2ea3ee669a0f0f83a1d1f1047c3d77a3513da")
        #expect(WebhookSignature.sign(secret: "whsec-test", timestamp: 1_765_000_001, body: body)
                != WebhookSignature.sign(secret: "whsec-test", timestamp: 1_765_000_000, body: body))
    }
}
