import CartographCore
import Crypto
import Fluent
import Foundation
import SQLKit

/// The outbox of alerts to a center's notification channels.
///
/// A delivery row is written in the same transaction as the alert (`enqueue`), so an alert is never
/// raised without being queued, nor queued without being raised. The delivery worker `claim`s due rows
/// for a short lease (one conditional UPDATE per row, so two workers never send the same attempt),
/// sends them, and `record`s the outcome: delivered on a 2xx answer, otherwise retried after a growing
/// wait — 30 s, doubling each attempt up to an hour — and abandoned after `maximumAttempts` (audited).
/// A receiver may see a delivery twice (a worker that dies after sending and before recording), so
/// every delivery carries its own ID to deduplicate on.
public enum AlertOutbox {
    public static let maximumAttempts = 10
    public static let firstRetry: TimeInterval = 30
    public static let longestRetry: TimeInterval = 3600
    public static let lease: TimeInterval = 60

    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, delivered, abandoned, cancelled
    }

    /// The wait before attempt `attempts + 1` after `attempts` failed ones.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(longestRetry, firstRetry * pow(2, Double(max(0, min(attempts - 1, 20)))))
    }

    /// Queues the alert for every active channel of its center. Call inside the alert's transaction.
    static func enqueue(_ alert: AlertRecord, centerID: UUID, now: Date = Date(), on tx: Database) async throws {
        let channels = try await NotificationChannel.query(on: tx).filter(\.$centerID == centerID).filter(\.$active == true).all()
        for channel in channels {
            let d = AlertDelivery()
            d.alertID = try alert.requireID()
            d.channelID = try channel.requireID()
            d.centerID = centerID
            d.status = Status.pending.rawValue
            d.attempts = 0
            d.createdAt = now
            d.nextAttemptAt = now
            try await d.create(on: tx)
        }
    }

    /// What a webhook receives: the alert without the patient's identity (the pseudonymous patient
    /// code and a link to the patient's safety page, which asks for sign-in).
    public struct Notification: Codable, Sendable, Equatable {
        public var deliveryID: UUID
        public var alertID: UUID
        public var center: String
        public var patientCode: String
        public var kind: String
        public var severity: String
        public var studyDay: Int
        public var message: String
        public var raisedAt: Date
        /// Path of the patient's safety section, to be joined to the public address.
        public var path: String
    }

    /// A delivery held by one worker, with what to send and where.
    public struct Claimed: Sendable {
        public var deliveryID: UUID
        public var url: String
        public var secret: String
        public var attempt: Int
        public var notification: Notification
    }

    /// Takes up to `limit` due deliveries for `lease` seconds.
    public static func claim(now: Date = Date(), limit: Int = 20, on db: Database) async throws -> [Claimed] {
        guard let sql = db as? SQLDatabase else { return [] }
        let due = try await AlertDelivery.query(on: db).filter(\.$status == Status.pending.rawValue).filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).limit(limit * 2).all()
        var claimed: [Claimed] = []
        for d in due where claimed.count < limit {
            guard d.claimedUntil.map({ $0 <= now }) ?? true else { continue }
            let id = try d.requireID()
            let rows = try await sql.update(AlertDelivery.schema).set("claimed_until", to: SQLBind(now.addingTimeInterval(lease)))
                .where("id", .equal, SQLBind(id))
                .where("status", .equal, SQLBind(Status.pending.rawValue))
                .where(group: { $0.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThanOrEqual, SQLBind(now)) })
                .returning("id").all()
            guard rows.count == 1 else { continue }
            guard let channel = try await NotificationChannel.find(d.channelID, on: db), channel.active,
                  let alert = try await AlertRecord.find(d.alertID, on: db),
                  let therapy = try await Therapy.query(on: db).filter(\.$id == alert.$therapy.id).with(\.$patient).first(),
                  let center = try await Center.find(d.centerID, on: db) else { continue }
            claimed.append(Claimed(deliveryID: id, url: channel.url, secret: channel.secret, attempt: d.attempts + 1,
                                   notification: Notification(deliveryID: id, alertID: d.alertID, center: center.code,
                                                              patientCode: therapy.patient.code, kind: alert.kind, severity: alert.severity,
                                                              studyDay: alert.studyDay, message: alert.message, raisedAt: alert.raisedAt,
                                                              path: "/patients/\(therapy.patient.id?.uuidString ?? "")#safety")))
        }
        return claimed
    }

    /// How an attempt went: the receiver's status code, or why no answer came.
    public enum Outcome: Sendable, Equatable {
        case answered(status: Int)
        case unreachable(String)
        public var succeeded: Bool { if case .answered(let s) = self { return (200..<300).contains(s) } else { return false } }
    }

    /// Records an attempt's outcome and frees the lease.
    public static func record(_ outcome: Outcome, for deliveryID: UUID, now: Date = Date(), on db: Database) async throws {
        try await retryingTransaction(on: db) { tx in
            guard let d = try await AlertDelivery.find(deliveryID, on: tx), d.status == Status.pending.rawValue else { return }
            d.attempts += 1
            d.lastAttemptAt = now
            d.claimedUntil = nil
            switch outcome {
            case .answered(let status):
                d.lastStatusCode = status
                d.lastError = outcome.succeeded ? nil : "the receiver answered \(status)"
            case .unreachable(let why):
                d.lastStatusCode = nil
                d.lastError = String(why.prefix(300))
            }
            if outcome.succeeded {
                d.status = Status.delivered.rawValue
                d.deliveredAt = now
            } else if d.attempts >= maximumAttempts {
                d.status = Status.abandoned.rawValue
                try await AuditTrail.record(on: tx, actor: nil, center: d.centerID, action: "alert.deliveryAbandoned", entity: "alertDelivery",
                                            entityID: deliveryID.uuidString,
                                            payload: ["alert": d.alertID.uuidString, "channel": d.channelID.uuidString,
                                                      "attempts": String(d.attempts), "lastError": d.lastError ?? ""])
            } else {
                d.nextAttemptAt = now.addingTimeInterval(retryDelay(afterAttempts: d.attempts))
            }
            try await d.update(on: tx)
        }
    }

    /// Alerts by state and deliveries by status, over every center (for `/metrics`).
    public static func stateCounts(on db: Database) async throws -> (alerts: [(String, Int)], deliveries: [(String, Int)]) {
        let open = try await AlertRecord.query(on: db).filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt == nil).count()
        let acknowledged = try await AlertRecord.query(on: db).filter(\.$acknowledgedAt != nil).count()
        let lapsed = try await AlertRecord.query(on: db).filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt != nil).count()
        var deliveries: [(String, Int)] = []
        for s in Status.allCases {
            deliveries.append((s.rawValue, try await AlertDelivery.query(on: db).filter(\.$status == s.rawValue).count()))
        }
        return ([("open", open), ("acknowledged", acknowledged), ("lapsed", lapsed)], deliveries)
    }
}

/// The signature a webhook receiver checks: `sha256=` and the hex HMAC-SHA256 (RFC 2104, FIPS 180-4)
/// of `timestamp.body` under the channel's secret. Including the timestamp lets a receiver refuse
/// replays of an old delivery.
public enum WebhookSignature {
    public static func sign(secret: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
