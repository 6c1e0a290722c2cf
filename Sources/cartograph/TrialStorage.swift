import ArgumentParser
import Demo
import CartographCore
import Clinical
import Web
import Foundation
import Store
import Trial
import Vapor

/// `cartograph trial --into DATABASE`: the virtual cohort written through the repositories (journey,
/// custody trail and bedside check, labs, bedside assessments graded on save, follow-up), with
/// `origin = virtual` on every patient and result, so the web app shows it and the report summarises it.
enum TrialStorage {
    static func store(_ result: FucasoTrialResult, into path: String) async throws {
        let o = result.options
        let settings = Settings.from(databasePath: path)
        try await withApplication(settings) { app in
            // A virtual cohort goes into a new database or one holding only the demo and virtual studies,
            // never next to a real center's records and accounts.
            if let other = try await DemoSetup.foreignData(on: app.db) {
                warn("error: \(settings.database.displayName) holds \(other); store a virtual cohort only in a new database or a demo one")
                throw ArgumentParser.ExitCode(1)
            }
            let stored = try await DemoVirtualCohort.store(result, app: app)
            warn("Stored \(stored) virtual patients in \(settings.database.displayName) (study \(VirtualStudy.centerCode), data cut \(o.dataCut)).")
            warn("Serve them with: cartograph serve --database \(path); sign in as \(DemoSetup.email(for: .statistician)) (password \(DemoSetup.password)) and open /reports/fucaso?cut=\(o.dataCut)&origin=virtual.")
        }
    }
}
