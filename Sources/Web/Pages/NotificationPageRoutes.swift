import CartographCore
import Fluent
import Store
import Vapor

/// `/admin/notifications`: a center's webhooks and its delivery log, for its administrators.
enum NotificationPageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("admin", "notifications", use: show)
        pages.post("admin", "notifications", use: add)
        pages.post("admin", "notifications", ":channelID", "remove", use: remove)
    }

    static func page(_ req: Request, status: HTTPStatus = .ok, added: (String, String)? = nil, errors: [FieldError] = [],
                     draft: (String, String) = ("", ""), notice: String? = nil) async throws -> Response {
        let actor = try req.actor
        let center = try await Center.find(actor.centerID, on: req.db)
        let model = NotificationsPage(channels: try await NotificationChannels.channels(for: actor, on: req.db),
                                      deliveries: try await NotificationChannels.deliveries(for: actor, on: req.db),
                                      timeZone: center.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt,
                                      added: added.map { (name: $0.0, secret: $0.1) }, errors: errors, draft: (name: draft.0, url: draft.1), notice: notice)
        return PageRoutes.html(model.render(viewer: try await PageRoutes.viewer(req)), status: status)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try AccountAdministration.requireAdmin(try req.actor)
        return try await page(req)
    }

    @Sendable static func add(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let name = form["name"] ?? "", url = form["url"] ?? ""
        do {
            let (channel, secret) = try await NotificationChannels.addWebhook(name: name, url: url,
                                                                              allowInsecure: req.application.settings.allowInsecureWebhooks,
                                                                              by: actor, on: req.db)
            return try await page(req, status: .created, added: (channel.name, secret))
        } catch StoreError.invalid(let errors) {
            return try await page(req, status: .unprocessableEntity, errors: errors, draft: (name, url))
        }
    }

    @Sendable static func remove(_ req: Request) async throws -> Response {
        let actor = try req.actor
        try AccountAdministration.requireAdmin(actor)
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        guard let id = req.parameters.get("channelID").flatMap(UUID.init(uuidString:)) else { throw StoreError.notFound("notification channel") }
        try await NotificationChannels.remove(id, by: actor, on: req.db)
        return try await page(req, notice: tr("Webhook removed; its pending deliveries are cancelled."))
    }
}
