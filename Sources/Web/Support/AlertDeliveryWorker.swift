import AsyncHTTPClient
import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Store
import Vapor

/// Sends queued alerts (`AlertOutbox`) to webhooks through AsyncHTTPClient: a JSON `POST` of the
/// `AlertOutbox.Notification`, with
///
/// - `X-Cartograph-Delivery`: the delivery's ID (the same on every retry, to deduplicate on);
/// - `X-Cartograph-Timestamp`: Unix seconds of this attempt;
/// - `X-Cartograph-Signature`: `sha256=` HMAC of `timestamp.body` under the channel's secret.
///
/// Redirects are not followed (an answer of 3xx counts as a failed attempt), so a receiver cannot turn
/// a delivery towards an address the administrator never entered.
struct WebhookSender: Sendable {
    let client: HTTPClient
    let publicURL: String?
    let logger: Logger
    /// Deliver to private and loopback addresses too (`CARTOGRAPH_WEBHOOK_ALLOW_HTTP=1`, a local receiver).
    var allowInternal = false

    static func makeClient(_ app: Application) -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .shared(app.eventLoopGroup),
                   configuration: .init(redirectConfiguration: .disallow,
                                        timeout: .init(connect: .seconds(5), read: .seconds(10))))
    }

    /// Claims and sends every due delivery once; returns how many were delivered.
    @discardableResult
    func deliverDue(on db: Database, now: @Sendable () -> Date = { Date() }) async throws -> Int {
        var delivered = 0
        for claimed in try await AlertOutbox.claim(now: now(), on: db) {
            let outcome = await send(claimed, at: now())
            try await AlertOutbox.record(outcome, for: claimed.deliveryID, now: now(), on: db)
            if outcome.succeeded { delivered += 1 } else {
                logger.warning("alert delivery failed", metadata: ["delivery": .string(claimed.deliveryID.uuidString),
                                                                    "attempt": .stringConvertible(claimed.attempt)])
            }
        }
        return delivered
    }

    func body(_ claimed: AlertOutbox.Claimed) throws -> Data {
        struct Payload: Encodable {
            var notification: AlertOutbox.Notification
            var link: String?
            func encode(to encoder: Encoder) throws {
                try notification.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encodeIfPresent(link, forKey: .link)
            }
            enum Key: String, CodingKey { case link }
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Payload(notification: claimed.notification, link: publicURL.map { $0 + claimed.notification.path }))
    }

    func send(_ claimed: AlertOutbox.Claimed, at now: Date) async -> AlertOutbox.Outcome {
        // The name is resolved again before each delivery: what it points to may have changed.
        if !allowInternal, let host = URL(string: claimed.url)?.host, let why = WebhookAddressGuard.refusal(host: host) {
            return .unreachable("not sent: the webhook address \(why)")
        }
        do {
            let data = try body(claimed)
            let timestamp = Int(now.timeIntervalSince1970)
            var request = HTTPClientRequest(url: claimed.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Cartograph alert delivery")
            request.headers.add(name: "X-Cartograph-Delivery", value: claimed.deliveryID.uuidString)
            request.headers.add(name: "X-Cartograph-Timestamp", value: String(timestamp))
            request.headers.add(name: "X-Cartograph-Signature", value: WebhookSignature.sign(secret: claimed.secret, timestamp: timestamp, body: data))
            request.body = .bytes(ByteBuffer(data: data))
            let response = try await client.execute(request, timeout: .seconds(15))
            // Read (and drop) a bounded body, so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return .answered(status: Int(response.status.code))
        } catch {
            return .unreachable(String(describing: error))
        }
    }
}

/// Runs the delivery worker every few seconds while the server runs. Any number of instances may run
/// it: claims are per row, so each attempt is made by one of them.
final class AlertDeliveryWorker: LifecycleHandler, Sendable {
    let interval: Duration
    private let state = NIOLockedValueBox<(task: Task<Void, Never>?, client: HTTPClient?)>((nil, nil))

    init(interval: Duration = .seconds(5)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let client = WebhookSender.makeClient(application)
        let sender = WebhookSender(client: client, publicURL: application.settings.publicURL, logger: application.logger,
                                   allowInternal: application.settings.allowInsecureWebhooks)
        let db = application.db
        let logger = application.logger
        let interval = self.interval
        let task = Task {
            while !Task.isCancelled {
                do { try await sender.deliverDue(on: db) } catch {
                    logger.error("alert delivery round failed: \(String(describing: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
        state.withLockedValue { $0 = (task, client) }
    }

    func shutdownAsync(_ application: Application) async {
        let (task, client) = state.withLockedValue { s in let r = s; s = (nil, nil); return r }
        task?.cancel()
        await task?.value
        try? await client?.shutdown()
    }
}
