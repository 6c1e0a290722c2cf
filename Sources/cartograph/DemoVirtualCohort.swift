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
        let options = FucasoTrialOptions(patients: patients, dataCut: today, keepRecords: true)
        let result = try FucasoTrial.run(options)
        let (courses, bedside) = try VirtualPatientCourseScript.courses(result)
        let ids = try await DemoSetup.load(courses: courses, today: today, origin: "virtual", bedside: bedside,
                                           hash: { try app.password.hash($0) }, on: app.db)
        return ids.count
    }

    static let help: ArgumentHelp = "Virtual FUMANBA-1 patients stored next to the demo program (origin virtual; 0 for none)."
}
