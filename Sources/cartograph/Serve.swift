import Demo
import ArgumentParser
import CartographCore
import Foundation
import Store
import Vapor
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web app and the JSON API.")

    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080
    @OptionGroup var db: DatabaseOptions
    @ArgumentParser.Flag(help: "Load the demo program first when the database is empty, and print its sign-in details.") var demo = false
    @ArgumentParser.Option(help: DemoVirtualCohort.help) var virtualPatients = 109

    func validate() throws {
        try DemoVirtualCohort.validate(virtualPatients)
    }

    func run() async throws {
        let settings = Settings.from(databasePath: db.database, hostname: hostname, port: port)
        var env = Environment(name: "production", arguments: ["cartograph", "serve"])
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        if settings.jsonLogs {
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        } else {
            try LoggingSystem.bootstrap(from: &env)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, settings: settings)
            try await app.autoMigrate()
            if demo {
                if try await DemoSetup.isEmpty(on: app.db) {
                    let today = demoToday(settings)
                    let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: 40, seed: 1, today: today),
                                                       today: today, hash: { try app.password.hash($0) }, on: bulkLoadDatabase(app))
                    print("Loaded the demo program: \(ids.count) patients.")
                    if virtualPatients > 0 { print("Simulating and storing \(virtualPatients) virtual FUMANBA-1 patients…") }
                    let virtual = try await DemoVirtualCohort.load(patients: virtualPatients, today: today, app: app)
                    if virtual > 0 { print("Stored \(virtual) virtual patients: /reports/fucaso?origin=virtual") }
                }
                print("Demo sign-in (password \(DemoSetup.password)):")
                for role in Role.staff { print("  \(role.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(DemoSetup.email(for: role))") }
            }
            app.useAlertScheduler()
            print("Cartograph on http://\(hostname):\(port)/ (database: \(settings.database.kind))")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, then exit.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings.from(databasePath: db.database)
        let version = try await withApplication(settings) { app in try await appliedSchemaVersion(app.db) }
        print("schema version \(version) (\(settings.database.kind))")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo program: a center, a manufacturing site, one user per role and N patients.")
    @ArgumentParser.Option(help: "Number of patients.") var patients = 40
    @ArgumentParser.Option(help: "Seed; the same seed gives the same program.") var seed: UInt64 = 1
    @ArgumentParser.Option(help: DemoVirtualCohort.help) var virtualPatients = 109
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        guard (1...10_000).contains(patients) else { throw ValidationError("--patients must be between 1 and 10000") }
        try DemoVirtualCohort.validate(virtualPatients)
    }

    func run() async throws {
        let settings = Settings.from(databasePath: db.database)
        let today = demoToday(settings)
        try await withApplication(settings) { app in
            guard try await DemoSetup.isEmpty(on: app.db) else {
                warn("error: the database already holds a program; load the demo into a new --database")
                throw ExitCode(1)
            }
            let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: patients, seed: seed, today: today),
                                               today: today, hash: { try app.password.hash($0) }, on: bulkLoadDatabase(app))
            print("Loaded the demo program on \(today): \(ids.count) patients in center \(DemoSetup.centerCode).")
            let virtual = try await DemoVirtualCohort.load(patients: virtualPatients, today: today, app: app)
            if virtual > 0 { print("Stored \(virtual) virtual FUMANBA-1 patients (origin virtual): /reports/fucaso?origin=virtual") }
            print("Sign in as any of (password \(DemoSetup.password)):")
            for role in Role.staff { print("  \(DemoSetup.email(for: role))") }
        }
    }
}
