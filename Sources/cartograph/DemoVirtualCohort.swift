import Demo
import ArgumentParser
import CartographCore
import Foundation
import Store
import Trial
import Vapor

/// The demo's in-silico cohort: a virtual FUMANBA-1 (`cartograph trial --preset fumanba-1`) whose data
/// cut is the demo's today, stored through the repositories with origin `virtual` next to the demo
/// program's real-origin patients, so the outcomes report has a trial-sized cohort to show
/// (`/reports/fucaso?origin=virtual`) without ever pooling it with the program's own patients.
enum DemoVirtualCohort {
    /// Simulates and stores `patients` virtual patients (none when 0); returns how many were stored.
    static func load(patients: Int, today: CalendarDate, app: Application) async throws -> Int {
        guard patients > 0 else { return 0 }
        return try await store(FucasoTrial.run(FucasoTrialOptions(patients: patients, dataCut: today, keepRecords: true)), app: app)
    }

    /// Stores a run's patients through the repositories (journey with custody trail and bedside check,
    /// labs, bedside assessments graded on save, follow-up), origin `virtual`, dated up to its data cut;
    /// returns how many were stored. `cartograph trial --into` uses it too.
    static func store(_ result: FucasoTrialResult, app: Application) async throws -> Int {
        let (courses, bedside) = try VirtualPatientCourseScript.courses(result)
        return try await DemoSetup.load(courses: courses, today: result.options.dataCut, origin: "virtual", bedside: bedside,
                                        hash: { try app.password.hash($0) }, on: bulkLoadDatabase(app)).count
    }

    static let help: ArgumentHelp = "Virtual FUMANBA-1 patients stored next to the demo program (origin virtual; 0 for none)."

    /// The `--virtual-patients` bound shared by `demo` and `serve --demo`.
    static func validate(_ patients: Int) throws {
        guard (0...10_000).contains(patients) else { throw ValidationError("--virtual-patients must be between 0 and 10000") }
    }
}
