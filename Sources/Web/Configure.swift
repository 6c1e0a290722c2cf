import Fluent
import Store
import Vapor

/// Sets up an application: database, migrations, sessions, passwords, middleware and routes.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    // The API description ships as a resource: read it now, so a build without it stops here.
    _ = OpenAPIDocument.yaml
    _ = try StringCatalogue.loaded.get()
    try app.databases.use(settings.database)
    // SQLite's busy timeout and foreign keys are settings of each connection: prepare the one
    // connection of every event loop's pool, so no writer ever meets "database is locked" at once.
    for loop in app.eventLoopGroup.makeIterator() {
        if let db = app.databases.database(logger: app.logger, on: loop) { try await prepareDatabase(db) }
    }
    app.migrations.add(CartographMigrations.all)

    app.http.server.configuration.hostname = settings.hostname
    app.http.server.configuration.port = settings.port
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    try SignInGate.prepareDecoy(app)

    // Sessions expire on the server (idle and absolute limits); only signing in creates one.
    let sessions = SignInSessions(idle: settings.sessionIdle, lifetime: settings.sessionLifetime)
    app.sessions.use { _ in SessionStore(sessions: sessions) }
    app.sessions.configuration.cookieName = "cartograph-session"
    let secure = settings.secureCookies
    let lifetime = Int(settings.sessionLifetime)
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: lifetime, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    // Outermost, so error pages carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware(behindTLS: settings.secureCookies))
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(MetricsMiddleware(metrics: app.metrics))
    app.middleware.use(CartographErrorMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.routes.defaultMaxBodySize = "1mb"
    routes(app)
}

func routes(_ app: Application) {
    app.get("health", use: Health.check)
    app.get("health", "live", use: Health.live)
    app.get("health", "ready", use: Health.ready)
    app.get("metrics", use: MetricsEndpoint.serve)
    app.get("openapi.yaml", use: OpenAPIDocument.serve)
    app.get("styles.css") { _ in
        Response(status: .ok, headers: ["Content-Type": "text/css; charset=utf-8", "Cache-Control": "max-age=3600"], body: .init(string: Styles.css))
    }
    let withSession = app.grouped(SessionSignIn(), LanguageMiddleware())
    let api = withSession.grouped("api").grouped(BearerTokenAuthenticator(), APIGuard(), IdempotencyMiddleware())
    APIRoutes.register(public: app, protected: api)
    SafetyAPI.register(api)
    CustodyAPI.register(api)
    ReleaseAPI.register(api)
    SlotAPI.register(api)
    AdminUserRoutes.register(public: app, protected: api)
    NotificationRoutes.register(api)
    let pages = withSession.grouped(PageGuard())
    PageRoutes.register(public: withSession, protected: pages)
    SafetyPageRoutes.register(pages)
    CustodyPageRoutes.register(pages)
    BagPageRoutes.register(pages)
    LabelRoutes.register(pages)
    NotificationPageRoutes.register(pages)
    ReportRoutes.register(pages: pages, api: api)
    PatientAccessRoutes.register(public: withSession, pages: pages, api: api)
    LanguageSwitch.register(pages)
    TreatingPhysicianRoutes.register(pages: pages, api: api)
}
