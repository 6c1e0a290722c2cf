import Foundation
import Testing

/// `cartograph demo` as a process: the program and its virtual cohort load, and the audit trail holds.
@Suite struct DemoCLITests {
    @Test("the demo stores its program and a virtual FUMANBA-1 cohort; the audit trail verifies; a bad count exits non-zero naming it")
    func demoWithVirtualCohort() throws {
        // setup: a fresh database file
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).sqlite").path
        // MUT
        let demo = try StatsCLITests.run(["demo", "--patients", "3", "--virtual-patients", "4", "--database", path])
        let audit = try StatsCLITests.run(["audit", "verify", "--database", path])
        let again = try StatsCLITests.run(["demo", "--patients", "3", "--virtual-patients", "4", "--database", path])
        let bad = try StatsCLITests.run(["demo", "--virtual-patients", "-1", "--database", path + "-other"])
        // validate
        #expect(demo.status == 0, "\(demo.err)")
        #expect(demo.out.contains("3 patients in center"))
        #expect(demo.out.contains("Stored 4 virtual FUMANBA-1 patients (origin virtual)"), "\(demo.out)")
        #expect(audit.status == 0, "\(audit.out)\(audit.err)")
        #expect(again.status == 1 && again.err.contains("already holds a program"))
        #expect(bad.status != 0 && bad.err.contains("--virtual-patients"))
    }
}
