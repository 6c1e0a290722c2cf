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
    static func store(options o: FucasoTrialOptions, into path: String) async throws {
        var courses: [PatientCourse] = []
        var bedside: [[SafetyAssessment]] = []
        for i in 0..<o.patients {
            let infusion = FucasoEnrolment.infusionDate(index: i, options: o)
            // Patients are deterministic in (seed, index): this is the patient the run summarised.
            let outcome = try VirtualPatientRecords.build(index: i, infusion: infusion, cut: o.dataCut, options: o)
            let covariates = FucasoVirtualPatient.make(index: i, options: o).covariates
            guard let course = VirtualPatientCourseScript.course(outcome, covariates: covariates) else { continue }
            courses.append(course)
            bedside.append(outcome.bedside)
        }
        let settings = Settings.from(databasePath: path)
        try await withApplication(settings) { app in
            let ids = try await DemoSetup.load(courses: courses, today: o.dataCut, origin: "virtual", bedside: bedside,
                                               hash: { try app.password.hash($0) }, on: app.db)
            warn("Stored \(ids.count) virtual patients in \(path) (center \(DemoSetup.centerCode), data cut \(o.dataCut)).")
            warn("Serve them with: cartograph serve --database \(path); sign in as \(DemoSetup.email(for: .statistician)) (password \(DemoSetup.password)) and open /reports/fucaso?cut=\(o.dataCut).")
        }
    }
}
