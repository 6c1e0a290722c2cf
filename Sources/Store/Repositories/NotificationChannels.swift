import CartographCore
import Fluent
import Foundation

/// A center's notification channels, as its administrators manage them, and the deliveries to them.
public enum NotificationChannels {
    /// A channel as its administrator sees it: never the secret, except once when it is added.
    public struct ChannelView: Codable, Sendable, Hashable {
        public var id: UUID
        public var kind: String
        public var name: String
        public var url: String
        public var active: Bool
        public var createdAt: Date
    }

    /// One delivery as the delivery log shows it.
    public struct DeliveryView: Codable, Sendable, Hashable {
        public var id: UUID
        public var alertID: UUID
        public var channel: String
        public var alertKind: String
        public var severity: String
        public var patientCode: String
        public var status: AlertOutbox.Status
        public var attempts: Int
        public var createdAt: Date
        public var lastAttemptAt: Date?
        public var lastStatusCode: Int?
        public var lastError: String?
        public var deliveredAt: Date?
        public var nextAttemptAt: Date?
    }

    /// Checks a webhook address: `https` (plain `http` only when `allowInsecure`, for a receiver on
    /// the same machine or in a test), a host, no credentials in it, never a link-local address
    /// (169.254.0.0/16 holds cloud providers' metadata services), and — unless `allowInsecure` — a host
    /// that resolves only to public addresses (`WebhookAddressGuard`).
    public static func checkAddress(_ raw: String, allowInsecure: Bool) -> FieldError? {
        guard raw.count <= 500, let url = URL(string: raw), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return FieldError("url", "is not a URL")
        }
        if scheme != "https" && !(allowInsecure && scheme == "http") {
            return FieldError("url", allowInsecure ? "must be an http or https URL" : "must be an https URL")
        }
        if url.user != nil || url.password != nil { return FieldError("url", "must not carry a user name or password; the secret signs each delivery") }
        if host.hasPrefix("169.254.") || host.lowercased().hasPrefix("[fe80:") || host.lowercased().hasPrefix("fe80:") {
            return FieldError("url", "must not be a link-local address")
        }
        // Plain http is allowed only for a receiver on this machine or network; otherwise the host must be public.
        if !allowInsecure, let why = WebhookAddressGuard.refusal(host: host) { return FieldError("url", "cannot be used: \(why)") }
        return nil
    }

    /// Adds a webhook to the administrator's center; returns it and its signing secret (shown once).
    public static func addWebhook(name: String, url: String, allowInsecure: Bool, by actor: ActingUser, now: Date = Date(),
                                  on db: Database) async throws -> (ChannelView, secret: String) {
        try AccountAdministration.requireAdmin(actor)
        var c = FieldErrorCollector()
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        c.require(!trimmed.isEmpty, "name", "is required")
        c.require(trimmed.count <= 80, "name", "at most 80 characters")
        c.require(!trimmed.unicodeScalars.contains { $0.properties.generalCategory == .control }, "name", "must not contain control characters")
        var errors = c.errors
        if let e = checkAddress(url, allowInsecure: allowInsecure) { errors.append(e) }
        if !errors.isEmpty { throw StoreError.invalid(errors) }
        let secret = randomURLSafeToken()
        let channel = NotificationChannel()
        channel.centerID = actor.centerID
        channel.kind = "webhook"
        channel.name = trimmed
        channel.url = url
        channel.secret = secret
        channel.active = true
        channel.createdBy = actor.userID
        channel.createdAt = now
        try await retryingTransaction(on: db) { tx in
            try await channel.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "channel.added", entity: "notificationChannel",
                                        entityID: try channel.requireID().uuidString, payload: ["name": trimmed, "url": url])
        }
        return (try view(channel), secret)
    }

    /// Removes a channel: nothing more is sent to it and its pending deliveries are cancelled. Its
    /// delivery log stays.
    public static func remove(_ id: UUID, by actor: ActingUser, on db: Database) async throws {
        try AccountAdministration.requireAdmin(actor)
        try await retryingTransaction(on: db) { tx in
            guard let channel = try await NotificationChannel.find(id, on: tx), channel.centerID == actor.centerID, channel.active else {
                throw StoreError.notFound("notification channel")
            }
            channel.active = false
            try await channel.update(on: tx)
            try await AlertDelivery.query(on: tx).filter(\.$channelID == id).filter(\.$status == AlertOutbox.Status.pending.rawValue)
                .set(\.$status, to: AlertOutbox.Status.cancelled.rawValue).update()
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "channel.removed", entity: "notificationChannel",
                                        entityID: id.uuidString, payload: ["name": channel.name])
        }
    }

    public static func channels(for actor: ActingUser, on db: Database) async throws -> [ChannelView] {
        try AccountAdministration.requireAdmin(actor)
        return try await NotificationChannel.query(on: db).filter(\.$centerID == actor.centerID).filter(\.$active == true)
            .sort(\.$createdAt).all().map(view)
    }

    /// The center's most recent deliveries, newest first.
    public static func deliveries(for actor: ActingUser, limit: Int = 100, on db: Database) async throws -> [DeliveryView] {
        try AccountAdministration.requireAdmin(actor)
        let rows = try await AlertDelivery.query(on: db).filter(\.$centerID == actor.centerID).sort(\.$createdAt, .descending)
            .limit(min(max(limit, 1), 500)).all()
        let channels = Dictionary(uniqueKeysWithValues: try await NotificationChannel.query(on: db).filter(\.$centerID == actor.centerID).all()
            .map { (try $0.requireID(), $0.name) })
        let alerts = Dictionary(uniqueKeysWithValues: try await AlertRecord.query(on: db).filter(\.$id ~~ rows.map(\.alertID)).all()
            .map { (try $0.requireID(), $0) })
        let therapies = Dictionary(uniqueKeysWithValues: try await Therapy.query(on: db).filter(\.$id ~~ alerts.values.map { $0.$therapy.id })
            .with(\.$patient).all().map { (try $0.requireID(), $0.patient.code) })
        return try rows.map { d in
            let alert = alerts[d.alertID]
            let status = AlertOutbox.Status(rawValue: d.status) ?? .pending
            return DeliveryView(id: try d.requireID(), alertID: d.alertID, channel: channels[d.channelID] ?? "", alertKind: alert?.kind ?? "",
                                severity: alert?.severity ?? "", patientCode: alert.flatMap { therapies[$0.$therapy.id] } ?? "",
                                status: status, attempts: d.attempts, createdAt: d.createdAt, lastAttemptAt: d.lastAttemptAt,
                                lastStatusCode: d.lastStatusCode, lastError: d.lastError, deliveredAt: d.deliveredAt,
                                nextAttemptAt: status == .pending ? d.nextAttemptAt : nil)
        }
    }

    static func view(_ c: NotificationChannel) throws -> ChannelView {
        ChannelView(id: try c.requireID(), kind: c.kind, name: c.name, url: c.url, active: c.active, createdAt: c.createdAt)
    }
}
