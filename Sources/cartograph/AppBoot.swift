import CartographCore
import Fluent
import Foundation
import Store
import Vapor
import Web

/// Opens the database the settings name and brings its schema up to date, for commands that work on
/// data without serving it.
/// With `migrate: false` the schema is left as found (a backup copies the database as it is).
func withApplication<T>(_ settings: Settings, migrate: Bool = true, _ work: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(Environment(name: "production", arguments: ["cartograph"]))
    // Commands print their own results; keep the framework to warnings.
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings)
        if migrate { try await app.autoMigrate() }
        let result = try await work(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Today for the demo center (or the fixed date of the settings).
func demoToday(_ settings: Settings, timeZone: String = "Asia/Shanghai") -> CalendarDate {
    settings.fixedToday.flatMap { CalendarDate($0) } ?? CalendarDate.today(in: TimeZone(identifier: timeZone)!)
}

/// Prints to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The database a bulk load writes through: `app`'s, with its audit records held back and appended
/// thousands at a time within the load's transaction (`HeldBackAudit`, through `DemoSetup.load`).
func bulkLoadDatabase(_ app: Application) -> Database {
    app.databases.database(logger: HeldBackAudit().attached(to: app.logger), on: app.eventLoopGroup.any())!
}
