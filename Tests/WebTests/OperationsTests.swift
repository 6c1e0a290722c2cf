import AsyncHTTPClient
import CartographCore
import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// Operations: alerts delivered to a real webhook over HTTP, probes, metrics, request IDs and a log
/// that never names a patient.
@Suite("Operations: webhooks, probes, metrics, logs", .serialized)
struct OperationsTests {
    /// A webhook receiver on a real port: records what arrives and answers with the next status queued.
    final class Receiver: Sendable {
        struct Hit: Sendable { var headers: HTTPHeaders; var body: Data }
        let app: Application
        let hits = NIOLockedValueBox<[Hit]>([])
        let statuses = NIOLockedValueBox<[HTTPStatus]>([])
        let port: Int

        init() async throws {
            app = try await Application.make(.testing)
            app.logger.logLevel = .critical
            let hits = self.hits, statuses = self.statuses
            app.post("hook") { req -> Response in
                hits.withLockedValue { $0.append(Hit(headers: req.headers, body: Data(buffer: req.body.data ?? ByteBuffer()))) }
                let status = statuses.withLockedValue { $0.isEmpty ? .noContent : $0.removeFirst() }
                if status == .found { return Response(status: .found, headers: ["Location": "http://127.0.0.1:1/elsewhere"]) }
                return Response(status: status)
            }
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = 0
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            port = app.http.server.shared.localAddress?.port ?? 0
        }

        var url: String { "http://127.0.0.1:\(port)/hook" }

        func stop() async throws {
            await app.server.shutdown()
            try await app.asyncShutdown()
        }
    }

    @Test("an alert reaches a real webhook, signed; a 500 is retried after its wait, a redirect is not followed; the log shows each status")
    func webhookDelivery() async throws {
        let receiver = try await Receiver()
        do {
            try await withTestApp(today: "2026-03-15") { app in
                app.settings.allowInsecureWebhooks = true
                let f = try await Fixtures.make(on: app)
                let admin = try await app.token(Fixtures.email(.admin, center: "C01"))
                let added = try await app.json(.POST, "/api/admin/channels", token: admin, body: #"{"name":"Ward pager","url":"\#(receiver.url)"}"#)
                #expect(added.status == .created, "\(added.body.string)")
                struct Added: Decodable { var secret: String }
                let secret = try JSONDecoder().decode(Added.self, from: Data(added.body.readableBytesView)).secret
                #expect(!(try await app.json(.GET, "/api/admin/channels", token: admin).body.string.contains(secret)), "the secret is shown once")
                _ = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-08")!, today: CalendarDate("2026-03-15")!,
                                                      given: "Meilin", family: "Zhangwright", on: app.db)
                let raised = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-11")!, on: app.db)
                #expect(raised >= 1)
                let client = WebhookSender.makeClient(app)
                let sender = WebhookSender(client: client, publicURL: "https://cartograph.example", logger: app.logger, allowInternal: true)
                receiver.statuses.withLockedValue { $0 = [.internalServerError, .found] }
                let t0 = Date()
                let firstRound = try await sender.deliverDue(on: app.db, now: { t0 })
                #expect(firstRound == raised - min(2, raised))
                #expect(receiver.hits.withLockedValue { $0.count } == raised, "one request per alert, no redirect followed")
                // Every request is signed over "timestamp.body" with the channel's secret, and names no one.
                for hit in receiver.hits.withLockedValue({ $0 }) {
                    let ts = try #require(hit.headers.first(name: "X-Cartograph-Timestamp").flatMap(Int.init))
                    #expect(hit.headers.first(name: "X-Cartograph-Signature") == WebhookSignature.sign(secret: secret, timestamp: ts, body: hit.body))
                    #expect(hit.headers.first(name: "X-Cartograph-Delivery") != nil)
                    let text = String(decoding: hit.body, as: UTF8.self)
                    #expect(!text.contains("Meilin") && !text.contains("Zhangwright") && text.contains(#""link":"https://cartograph.example/patients/"#))
                }
                // Nothing is due before the wait; after it, the failed ones go again and arrive.
                #expect(try await sender.deliverDue(on: app.db, now: { t0 + 10 }) == 0)
                #expect(try await sender.deliverDue(on: app.db, now: { t0 + 31 }) == min(2, raised))
                try await client.shutdown()
                let log = try await app.json(.GET, "/api/admin/deliveries", token: admin)
                struct Row: Decodable { var status: String; var attempts: Int; var lastStatusCode: Int? }
                let rows = try JSONDecoder().decode([Row].self, from: Data(log.body.readableBytesView))
                #expect(rows.count == raised && rows.allSatisfy { $0.status == "delivered" })
                #expect(rows.filter { $0.attempts == 2 }.count == min(2, raised))
                // The page shows the same log to the administrator, and to nobody else.
                let session = try await app.signIn(Fixtures.email(.admin, center: "C01"))
                let page = try await app.page("/admin/notifications", cookie: session.cookie)
                #expect(page.status == .ok && page.body.string.contains("Ward pager") && page.body.string.contains("Delivered"))
                let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
                #expect(try await app.page("/admin/notifications", cookie: nurse.cookie).status == .forbidden)
                let nurseToken = try await app.token(Fixtures.email(.nurse, center: "C01"))
                #expect(try await app.json(.GET, "/api/admin/deliveries", token: nurseToken).status == .forbidden)
                #expect(try await app.json(.POST, "/api/admin/channels", token: nurseToken, body: #"{"name":"x","url":"https://a.example"}"#).status == .forbidden)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    @Test("SQLite: every pooled connection waits for the writer (busy timeout 5 s) and enforces foreign keys")
    func everyConnectionPrepared() async throws {
        try await withTestApp { app in
            guard (app.db as? SQLDatabase)?.dialect.name == "sqlite" else { return }
            var loops = 0
            for loop in app.eventLoopGroup.makeIterator() {
                loops += 1
                let db = try #require(app.databases.database(logger: app.logger, on: loop) as? SQLDatabase)
                struct Timeout: Decodable { let timeout: Int }
                struct Keys: Decodable { let foreign_keys: Int }
                #expect(try await db.raw("PRAGMA busy_timeout").first(decoding: Timeout.self)?.timeout == 5000)
                #expect(try await db.raw("PRAGMA foreign_keys").first(decoding: Keys.self)?.foreign_keys == 1)
            }
            #expect(loops >= 1)
        }
    }

    @Test("probes: live without the database, ready only with the schema in place; every response carries its request ID")
    func probes() async throws {
        try await withTestApp { app in
            var headers = HTTPHeaders()
            try await app.testing().test(.GET, "/health/live") { res in
                #expect(res.status == .ok && res.body.string.contains("live"))
                headers = res.headers
            }
            #expect(headers.first(name: "X-Request-Id")?.isEmpty == false)
            try await app.testing().test(.GET, "/health/ready", headers: ["X-Request-Id": "probe-123"]) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: "X-Request-Id") == "probe-123")
            }
            // A database one migration behind is not ready.
            try await app.autoRevert()
            try await app.testing().test(.GET, "/health/ready") { res in #expect(res.status == .serviceUnavailable) }
            try await app.testing().test(.GET, "/health/live") { res in #expect(res.status == .ok) }
        }
    }

    @Test("/metrics: Prometheus text with latency by route pattern (never an ID), alerts by state; refused without the token when one is set")
    func metrics() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            _ = try await app.json(.GET, "/api/patients", token: token)
            _ = try await app.json(.GET, "/api/patients/\(UUID())", token: token)
            // In-process tests have no remote address: give the scraper a token.
            app.settings.metricsToken = "scrape-token-0123456789"
            var text = ""
            try await app.testing().test(.GET, "/metrics", headers: ["Authorization": "Bearer scrape-token-0123456789"]) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/plain") == true)
                text = res.body.string
            }
            #expect(text.contains(#"cartograph_http_request_duration_seconds_bucket{route="/api/patients",method="GET",status="2xx""#))
            #expect(text.contains(#"route="/api/patients/:patientID""#) && !text.contains("/api/patients/\(UUID())".prefix(20)))
            #expect(text.contains(#"cartograph_alerts{state="open"}"#))
            #expect(text.contains("cartograph_database_up 1"))
            #expect(text.contains("cartograph_database_pool_connections_max"))
            try await app.testing().test(.GET, "/metrics", headers: ["Authorization": "Bearer wrong-token-000000000"]) { res in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/metrics") { res in #expect(res.status == .notFound) }
        }
    }

    @Test("the JSON log of a whole demo session names no patient: no given name, family name or hospital number appears")
    func logPrivacy() async throws {
        let lines = NIOLockedValueBox<[String]>([])
        try await withTestApp(today: "2026-12-07") { app in
            app.logger = Logger(label: "cartograph") { label in
                JSONLogHandler(label: label, level: .trace, write: { line in lines.withLockedValue { $0.append(line) } })
            }
            _ = try await Fixtures.make(on: app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            var names: [String] = []
            for i in 0..<6 {
                let given = "Givenname\(i)q", family = "Familyname\(i)q", number = "HN-SECRET-\(i)"
                names += [given, family, number]
                let res = try await app.json(.POST, "/api/patients", token: coordinator,
                                             body: #"{"givenName":"\#(given)","familyName":"\#(family)","dateOfBirth":"1960-01-0\#(i + 1)","hospitalNumber":"\#(number)","sex":"female"}"#)
                #expect(res.status == .created)
                // A duplicate, a bad body and a search all go through error paths that log.
                _ = try await app.json(.POST, "/api/patients", token: coordinator,
                                       body: #"{"givenName":"\#(given)","familyName":"\#(family)","dateOfBirth":"1960-01-0\#(i + 1)","hospitalNumber":"\#(number)","sex":"female"}"#)
                _ = try await app.json(.POST, "/api/patients", token: coordinator, body: #"{"givenName":"\#(given)","bogus":1}"#)
                _ = try await app.json(.GET, "/api/patients?search=\(family)", token: coordinator)
            }
            let session = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            _ = try await app.page("/patients", cookie: session.cookie)
            let all = lines.withLockedValue { $0 }
            #expect(all.count > 10, "the session was logged (\(all.count) lines)")
            for line in all {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "not a JSON object: \(line)")
                for name in names { #expect(!line.contains(name), "\(name) in the log: \(line)") }
            }
            #expect(all.contains { $0.contains("\"request-id\"") })
        }
    }
}
