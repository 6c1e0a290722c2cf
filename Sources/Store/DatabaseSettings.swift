import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging

/// Which database Cartograph uses: an SQLite file by default, PostgreSQL when `DATABASE_URL` is set.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Connections each event loop may hold: one for SQLite (one writer at a time, and the file's own
    /// lock serialises the rest), four for PostgreSQL.
    public var maxConnectionsPerEventLoop: Int {
        switch self {
        case .sqlite: 1
        case .postgres: 4
        }
    }

    /// `"sqlite"` or `"postgres"`, as `/health` reports it.
    public var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// A database named on the command line: a `postgres://` or `postgresql://` URL, else a SQLite file.
    public static func named(_ text: String) -> DatabaseLocation {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// Where the data is, for messages: the SQLite path, or the PostgreSQL URL without its password.
    public var displayName: String {
        switch self {
        case .sqlite(let path): "SQLite file \(path)"
        case .postgres(let url): "PostgreSQL \(DatabaseSetupError.redacted(url))"
        }
    }

    /// From the environment: `DATABASE_URL` wins over the SQLite path; the path defaults to
    /// `./var/cartograph.sqlite`.
    public static func resolve(databasePath: String?, databaseURL: String?) -> DatabaseLocation {
        if let url = databaseURL, !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: databasePath ?? "var/cartograph.sqlite")
    }
}

public enum DatabaseSetupError: Error, CustomStringConvertible {
    case badURL(String)
    case cannotCreateFolder(String, underlying: Error)
    public var description: String {
        switch self {
        case .badURL(let u): "DATABASE_URL is not a usable PostgreSQL URL: \(Self.redacted(u))"
        case .cannotCreateFolder(let p, let e): "cannot create the folder for the SQLite file \(p): \(e)"
        }
    }
    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return "(unparseable)" }
        if c.password != nil { c.password = "***" }
        return c.string ?? "(unparseable)"
    }
}

extension Databases {
    /// Registers the database as the default one.
    public func use(_ location: DatabaseLocation) throws {
        switch location {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw DatabaseSetupError.cannotCreateFolder(path, underlying: error)
            }
            use(.sqlite(.file(path), maxConnectionsPerEventLoop: location.maxConnectionsPerEventLoop, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url):
            do {
                var config = try SQLPostgresConfiguration(url: url)
                config.searchPath = nil
                use(.postgres(configuration: config, maxConnectionsPerEventLoop: location.maxConnectionsPerEventLoop, sqlLogLevel: .debug), as: .psql)
            } catch {
                throw DatabaseSetupError.badURL(url)
            }
        }
    }
}

/// Start-up work an SQLite connection needs: WAL journal so readers do not block the writer, a busy
/// timeout so a second writer waits its turn (SQLite queues writers itself) instead of failing at once
/// with SQLITE_BUSY, foreign keys enforced, and the file read through memory mapping (up to 1 GiB) and
/// a 16 MiB page cache: a 10,000-patient center's file is over 2 GB, and with SQLite's default 2 MB
/// cache every page's counts re-read the same index pages through a system call each. The journal mode
/// belongs to the file; the rest belongs to the connection, so this runs on every pooled connection.
public func prepareDatabase(_ db: Database) async throws {
    guard let sql = db as? SQLDatabase, sql.dialect.name == "sqlite" else { return }
    try await sql.raw("PRAGMA journal_mode=WAL").run()
    try await sql.raw("PRAGMA busy_timeout=5000").run()
    try await sql.raw("PRAGMA foreign_keys=ON").run()
    try await sql.raw("PRAGMA mmap_size=1073741824").run()
    try await sql.raw("PRAGMA cache_size=-16384").run()
}

/// The schema version applied to the database: the number of migrations recorded in Fluent's table.
public func appliedSchemaVersion(_ db: Database) async throws -> Int {
    guard let sql = db as? SQLDatabase else { return 0 }
    struct Row: Decodable { let n: Int }
    let row = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first(decoding: Row.self)
    return row?.n ?? 0
}
