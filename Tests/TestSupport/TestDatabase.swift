import CartographCore
import Fluent
import FluentPostgresDriver
import Foundation
import Store
import Vapor
import Web

/// Each test gets a database of its own: a fresh SQLite file, or, when `DATABASE_URL` names a
/// PostgreSQL server (as `.ci/run` sets it), a fresh database created on that server and dropped after.
public enum TestDatabase {
    /// The PostgreSQL server to test against, if any.
    public static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }

    public static var kind: String { postgresURL == nil ? "sqlite" : "postgres" }

    /// A new, empty database location and a function that removes it.
    public static func fresh() async throws -> (DatabaseLocation, @Sendable () async -> Void) {
        guard let admin = postgresURL else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cartograph-tests-\(UUID().uuidString)")
            let path = dir.appendingPathComponent("test.sqlite").path
            return (.sqlite(path: path), { try? FileManager.default.removeItem(at: dir) })
        }
        let name = "cg_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await adminSQL(admin, "CREATE DATABASE \(name)")
        var components = URLComponents(string: admin)!
        components.path = "/\(name)"
        let url = components.string!
        return (.postgres(url: url), { try? await adminSQL(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    static func adminSQL(_ url: String, _ sql: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .warning
            try app.databases.use(.postgres(url: url))
            try await (app.db as! SQLDatabase).raw(SQLQueryString(sql)).run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// A configured, migrated application on a fresh database, shut down and removed afterwards.
public func withTestApp<T>(today: String = "2026-03-15", behindTLS: Bool = false, _ body: (Application) async throws -> T) async throws -> T {
    let (location, cleanup) = try await TestDatabase.fresh()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: Settings(database: location, secureCookies: behindTLS, bcryptCost: 4, fixedToday: today))
        try await app.autoMigrate()
        let result = try await body(app)
        try await app.asyncShutdown()
        await cleanup()
        return result
    } catch {
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
}
