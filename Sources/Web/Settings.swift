import Foundation
import Store

/// Every setting Cartograph reads, in one place, with its default. Command-line flags override the
/// environment where both exist.
public struct Settings: Sendable, Equatable {
    /// Where the data lives (`DATABASE_URL` for PostgreSQL, else the SQLite file).
    public var database: DatabaseLocation
    public var hostname: String
    public var port: Int
    /// Mark the session cookie `Secure` (set `CARTOGRAPH_SECURE_COOKIES=1` behind HTTPS).
    public var secureCookies: Bool
    /// ISBT 128 facility identification number for identifiers this center issues. The default is
    /// deliberately not a real ICCBBA-assigned code.
    public var facilityCode: String
    /// bcrypt cost for new password hashes.
    public var bcryptCost: Int
    /// Fixed "today" for reproducible runs and tests (`CARTOGRAPH_TODAY=YYYY-MM-DD`); nil means the real
    /// date in each center's time zone.
    public var fixedToday: String?
    /// A browser session ends after this many seconds without a request (`CARTOGRAPH_SESSION_IDLE_MINUTES`, default 30).
    public var sessionIdle: TimeInterval
    /// A browser session ends this many seconds after sign-in whatever happens (`CARTOGRAPH_SESSION_MAX_HOURS`, default 12).
    public var sessionLifetime: TimeInterval
    /// The address people reach Cartograph at, without a trailing slash (`CARTOGRAPH_PUBLIC_URL`, e.g.
    /// `https://cartograph.example-hospital.cn`), so a password link handed over is complete. Only an
    /// `http` or `https` URL is taken; without it, links are paths on the address in use.
    public var publicURL: String?
    /// Bearer token a Prometheus scraper must send to `/metrics` (`CARTOGRAPH_METRICS_TOKEN`); without
    /// it, `/metrics` answers only on the loopback address.
    public var metricsToken: String?
    /// Accept plain-`http` webhook addresses (`CARTOGRAPH_WEBHOOK_ALLOW_HTTP=1`), for a receiver on
    /// the same machine; otherwise only `https`.
    public var allowInsecureWebhooks: Bool
    /// Log as JSON lines (`CARTOGRAPH_LOG_FORMAT=json`, the default for `serve`) or as text (`text`).
    public var jsonLogs: Bool
    /// The lowest level logged (`LOG_LEVEL`: trace, debug, info, notice, warning, error, critical; default info).
    public var logLevel: String
    /// The headless Chromium that draws the wallet card as a PNG (`CARTOGRAPH_CHROMIUM`; by default
    /// Debian's `/usr/bin/chromium` when installed). Without one, the card is offered to print only.
    public var chromium: String?

    /// Debian's Chromium, where it is installed.
    public static var installedChromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init(database: DatabaseLocation, hostname: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                facilityCode: String = "X9999", bcryptCost: Int = 12, fixedToday: String? = nil,
                sessionIdle: TimeInterval = 30 * 60, sessionLifetime: TimeInterval = 12 * 3600, publicURL: String? = nil,
                metricsToken: String? = nil, allowInsecureWebhooks: Bool = false, jsonLogs: Bool = true, logLevel: String = "info",
                chromium: String? = Settings.installedChromium) {
        self.database = database; self.hostname = hostname; self.port = port; self.secureCookies = secureCookies
        self.facilityCode = facilityCode; self.bcryptCost = bcryptCost; self.fixedToday = fixedToday
        self.sessionIdle = sessionIdle; self.sessionLifetime = sessionLifetime
        self.publicURL = publicURL
        self.metricsToken = metricsToken; self.allowInsecureWebhooks = allowInsecureWebhooks; self.jsonLogs = jsonLogs
        self.logLevel = logLevel
        self.chromium = chromium
    }

    /// A public URL as `CARTOGRAPH_PUBLIC_URL` may give it: scheme http(s), a host, no query or
    /// fragment; the trailing slash is dropped.
    static func publicURL(_ raw: String?) -> String? {
        guard let raw, let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil, url.user == nil else { return nil }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    /// Reads the environment; `databasePath`, `hostname` and `port` come from flags when given.
    ///
    /// A database named on the command line always wins over the environment, so a command pointed at
    /// a file never writes into the PostgreSQL database `DATABASE_URL` names; a `postgres://` URL is
    /// accepted there too. Without the flag, `DATABASE_URL` wins over `CARTOGRAPH_DATABASE`.
    public static func from(environment env: [String: String] = ProcessInfo.processInfo.environment,
                            databasePath: String? = nil, hostname: String? = nil, port: Int? = nil) -> Settings {
        let database: DatabaseLocation = databasePath.map(DatabaseLocation.named)
            ?? .resolve(databasePath: env["CARTOGRAPH_DATABASE"], databaseURL: env["DATABASE_URL"])
        return Settings(database: database,
                 hostname: hostname ?? env["CARTOGRAPH_HOSTNAME"] ?? "127.0.0.1",
                 port: port ?? env["CARTOGRAPH_PORT"].flatMap(Int.init) ?? 8080,
                 secureCookies: env["CARTOGRAPH_SECURE_COOKIES"] == "1",
                 facilityCode: env["CARTOGRAPH_FACILITY_CODE"] ?? "X9999",
                 bcryptCost: env["CARTOGRAPH_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 31) } ?? 12,
                 fixedToday: env["CARTOGRAPH_TODAY"],
                 sessionIdle: (env["CARTOGRAPH_SESSION_IDLE_MINUTES"].flatMap(Double.init).map { min(max($0, 1), 24 * 60) } ?? 30) * 60,
                 sessionLifetime: (env["CARTOGRAPH_SESSION_MAX_HOURS"].flatMap(Double.init).map { min(max($0, 1), 24 * 7) } ?? 12) * 3600,
                 publicURL: publicURL(env["CARTOGRAPH_PUBLIC_URL"]),
                 metricsToken: env["CARTOGRAPH_METRICS_TOKEN"].flatMap { $0.count >= 16 ? $0 : nil },
                 allowInsecureWebhooks: env["CARTOGRAPH_WEBHOOK_ALLOW_HTTP"] == "1",
                 jsonLogs: env["CARTOGRAPH_LOG_FORMAT"] != "text",
                 logLevel: env["LOG_LEVEL"].flatMap { ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains($0) ? $0 : nil } ?? "info",
                 chromium: env["CARTOGRAPH_CHROMIUM"].map { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil } ?? installedChromium)
    }
}
