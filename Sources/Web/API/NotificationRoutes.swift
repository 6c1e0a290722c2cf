import CartographCore
import Fluent
import Store
import Vapor

/// A center's notification channels and its alert delivery log, for its administrators:
///
/// - `GET /api/admin/channels`; `POST /api/admin/channels` `{name, url}` → 201 with the channel and
///   its signing secret (shown once); `DELETE /api/admin/channels/{id}` → 204 (pending deliveries
///   are cancelled);
/// - `GET /api/admin/deliveries`: the most recent deliveries with their status.
enum NotificationRoutes {
    static func register(_ api: RoutesBuilder) {
        let admin = api.grouped("admin")
        admin.get("channels", use: channels)
        admin.post("channels", use: add)
        admin.delete("channels", ":channelID", use: remove)
        admin.get("deliveries", use: deliveries)
    }

    struct Added: Content {
        var channel: NotificationChannels.ChannelView
        /// The HMAC key the receiver checks `X-Cartograph-Signature` with; shown only now.
        var secret: String
    }

    @Sendable static func channels(_ req: Request) async throws -> [NotificationChannels.ChannelView] {
        try await NotificationChannels.channels(for: try req.actor, on: req.db)
    }

    @Sendable static func add(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let input = try StrictJSON.decode(WebhookChannelInput.self, from: req)
        let (channel, secret) = try await NotificationChannels.addWebhook(name: input.name, url: input.url,
                                                                          allowInsecure: req.application.settings.allowInsecureWebhooks,
                                                                          by: actor, on: req.db)
        req.storage[CarriesOneTimeSecret.self] = true
        return try await Added(channel: channel, secret: secret).encodeResponse(status: .created, for: req)
    }

    @Sendable static func remove(_ req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("channelID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("notification channel") }
        try await NotificationChannels.remove(id, by: try req.actor, on: req.db)
        return .noContent
    }

    @Sendable static func deliveries(_ req: Request) async throws -> [NotificationChannels.DeliveryView] {
        try await NotificationChannels.deliveries(for: try req.actor, on: req.db)
    }
}
extension NotificationChannels.ChannelView: Content {}
extension NotificationChannels.DeliveryView: Content {}
