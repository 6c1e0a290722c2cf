import Crypto
import Fluent
import Foundation
import Prometheus
import Store
import Vapor

/// What `/metrics` reports, in the Prometheus text format (swift-prometheus's registry):
///
/// - `cartograph_http_request_duration_seconds` (histogram) and `cartograph_http_requests_total`, by
///   route pattern (`/api/patients/:patientID`, never a concrete ID), method and status class;
/// - `cartograph_http_requests_in_flight`;
/// - `cartograph_database_pool_connections_max` and `cartograph_database_ping_seconds` (a `SELECT`
///   timed at each scrape), `cartograph_database_up`;
/// - `cartograph_alerts` by state (open, acknowledged, lapsed) and `cartograph_alert_deliveries` by
///   status, counted from the database at each scrape, so every instance reports the same truth.
///
/// Each application has its own registry (no process-wide bootstrap), so tests stay independent.
final class CartographMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let inFlight: Gauge

    /// Latency buckets from 5 ms to 10 s: pages and API calls aim under 100 ms, reports take seconds.
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    init() {
        inFlight = registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "cartograph", metricName: "http_requests_in_flight",
                                                                       unitName: "", helpText: "Requests being handled now"))
    }

    func observe(route: String, method: String, status: UInt, seconds duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", "\(status / 100)xx")]
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(namespace: "cartograph", metricName: "http_request_duration",
                                                                        unitName: "seconds", helpText: "Time to answer a request"),
                                       labels: labels, buckets: Self.buckets).record(duration)
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "cartograph", metricName: "http_requests", unitName: "total",
                                                              helpText: "Requests answered"),
                             labels: labels).increment()
    }

    func gauge(_ name: String, _ help: String, labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "cartograph", metricName: name, unitName: "", helpText: help), labels: labels)
    }

    /// Reads the database-side figures, then the whole registry as text.
    func exposition(app: Application, db: Database) async -> String {
        gauge("database_pool_connections_max", "Connections each event loop may open")
            .set(Double(app.settings.database.maxConnectionsPerEventLoop * app.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 }))
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let counts = try await AlertOutbox.stateCounts(on: db)
            let elapsed = clock.now - started
            gauge("database_up", "1 when the database answered this scrape").set(1.0)
            gauge("database_ping_seconds", "Time the database took to count alerts for this scrape")
                .set(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18 as Double)
            for (state, n) in counts.alerts { gauge("alerts", "Alerts by state", labels: [("state", state)]).set(Double(n)) }
            for (status, n) in counts.deliveries {
                gauge("alert_deliveries", "Alert deliveries to notification channels by status", labels: [("status", status)]).set(Double(n))
            }
        } catch {
            gauge("database_up", "1 when the database answered this scrape").set(0.0)
        }
        return registry.emitToString()
    }
}

struct MetricsKey: StorageKey { typealias Value = CartographMetrics }

extension Application {
    var metrics: CartographMetrics {
        if let m = storage[MetricsKey.self] { return m }
        let m = CartographMetrics()
        storage[MetricsKey.self] = m
        return m
    }
}

/// Times every request and counts it under its route pattern. Unmatched paths count as one route,
/// `unmatched`, so a scanner cannot grow the registry without bound.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: CartographMetrics

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let started = clock.now
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            metrics.observe(route: Self.pattern(request), method: request.method.rawValue, status: 500, seconds: clock.now - started)
            throw error
        }
        metrics.observe(route: Self.pattern(request), method: request.method.rawValue, status: response.status.code, seconds: clock.now - started)
        return response
    }

    static func pattern(_ request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}

/// `GET /metrics`. With `CARTOGRAPH_METRICS_TOKEN` set, only a scraper sending it as a bearer token
/// gets an answer; without it, only a scraper on the same machine (loopback), and never behind TLS
/// (`CARTOGRAPH_SECURE_COOKIES=1`), where a proxy on the same machine makes every request loopback. A
/// deployment never publishes its figures by accident. Anyone else gets 404.
enum MetricsEndpoint {
    @Sendable static func serve(_ req: Request) async throws -> Response {
        if let expected = req.application.settings.metricsToken {
            guard let given = req.headers.bearerAuthorization?.token,
                  Data(SHA256Digest.of(given)) == Data(SHA256Digest.of(expected)) else { throw Abort(.notFound) }
        } else {
            // Behind a TLS-terminating proxy every request comes from loopback: there, a token is required.
            guard !req.application.settings.secureCookies,
                  let ip = req.remoteAddress?.ipAddress, ip == "127.0.0.1" || ip == "::1" else { throw Abort(.notFound) }
        }
        let text = await req.application.metrics.exposition(app: req.application, db: req.db)
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(string: text))
    }
}

enum SHA256Digest {
    static func of(_ s: String) -> [UInt8] { Array(SHA256.hash(data: Data(s.utf8))) }
}
