import Demo
import CartographCore
import Clinical
import Fluent
import Foundation
import Outcomes
import Store
import Testing
import TestSupport
import Trial

@Suite("In-silico trial: virtual patients stored through the repositories")
struct VirtualCohortStorageTests {
    @Test("a stored virtual cohort reads back to the same outcomes the trial computed in memory, through the same engines")
    func storedCohortMatchesTheRun() async throws {
        try await withTestApp { app in
            // setup: a real center, and a small trial kept in memory
            let f = try await Fixtures.make(on: app)
            let options = FucasoTrialOptions(patients: 6, seed: 7, keepRecords: true)
            let run = try FucasoTrial.run(options)
            let (courses, bedside) = try VirtualPatientCourseScript.courses(run)
            // MUT: the journey (with its custody trail and bedside check), labs, bedside assessments graded on
            // save and follow-up, all through the repositories, as `cartograph trial --into` does
            _ = try await DemoSetup.load(courses: courses, today: options.dataCut, origin: "virtual", bedside: bedside,
                                         hash: { _ in "not-a-real-hash" }, on: app.db)
            let stored = try await CohortRepository.records(
                productID: "fucaso", origin: "virtual", for: f.coordinatorA, on: app.db)
            let fromStore = CohortReport.compute(records: stored, dataCut: options.dataCut)
            // validate: patient by patient, the stored records give what the run derived in memory
            let inMemory = run.report.patients
            #expect(fromStore.patients.count == inMemory.count)
            for (a, b) in zip(fromStore.patients, inMemory) {
                #expect(a.bestResponse == b.bestResponse, "\(a.patientCode) vs \(b.patientCode)")
                #expect(a.progressionFree == b.progressionFree)
                #expect(a.overall?.event == b.overall?.event)
                #expect(a.crs?.maxGrade == b.crs?.maxGrade)
                #expect(a.mrdNegative == b.mrdNegative)
                #expect(a.persistence?.persistenceDays == b.persistence?.persistenceDays)
            }
            #expect(fromStore.orr.successes == run.report.orr.successes)
            let virtual = try await Patient.query(on: app.db).filter(\.$origin == "virtual").count()
            #expect(virtual == options.patients)
            // and the real cohort of the center holds none of them
            #expect(try await CohortRepository.records(productID: "fucaso", origin: "real", for: f.coordinatorA, on: app.db).isEmpty)
            // they live in their own study, with its own code prefix, and no sign-in account of the demo was made
            let codes = try await Patient.query(on: app.db).filter(\.$origin == "virtual").all().map(\.code)
            #expect(codes.allSatisfy { $0.hasPrefix(VirtualStudy.centerCode + "-") }, "\(codes)")
            #expect(try await User.query(on: app.db).filter(\.$email ~~ Role.staff.map(DemoSetup.email(for:))).count() == 0)
            #expect(try await PatientDirectory.rows(for: f.coordinatorA, today: options.dataCut, on: app.db).isEmpty)
            // nor did they take a real site's manufacturing slots
            #expect(try await SlotBookingRecord.query(on: app.db).filter(\.$status == "active").count() == 0)
        }
    }

    static func coordinator(_ db: Database) async throws -> ActingUser {
        let u = try #require(try await User.query(on: db).filter(\.$email == DemoSetup.email(for: .coordinator)).first())
        return ActingUser(userID: try u.requireID(), centerID: u.$center.id, role: .coordinator)
    }
}
