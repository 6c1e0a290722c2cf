import Foundation
import Testing

/// Which database a command writes to: the one named on its command line, whatever the environment
/// says; a verification never creates the database it verifies; a virtual cohort never lands next to
/// a real center.
@Suite struct DatabaseChoiceCLITests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
    }

    /// A PostgreSQL URL nothing listens on: a command that used it would fail.
    static let unreachable = ["DATABASE_URL": "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable"]

    @Test("--database wins over DATABASE_URL for migrate, demo and trial --into")
    func flagWins() throws {
        let migrated = Self.temporary("migrate"), demo = Self.temporary("demo"), trial = Self.temporary("trial")
        let m = try StatsCLITests.run(["migrate", "--database", migrated], environment: Self.unreachable)
        let d = try StatsCLITests.run(["demo", "--patients", "2", "--virtual-patients", "0", "--database", demo], environment: Self.unreachable)
        let t = try StatsCLITests.run(["trial", "--quiet", "--patients", "3", "--seed", "2", "--into", trial], environment: Self.unreachable)
        #expect(m.status == 0, "\(m.err)")
        #expect(m.out.contains("sqlite"))
        #expect(d.status == 0, "\(d.err)")
        #expect(t.status == 0, "\(t.err)")
        #expect(t.err.contains("SQLite file \(trial)"), "\(t.err)")
        for path in [migrated, demo, trial] { #expect(FileManager.default.fileExists(atPath: path)) }
    }

    @Test("audit verify on a database that does not exist exits 2 and creates nothing")
    func verifyMissing() throws {
        let missing = Self.temporary("missing")
        let r = try StatsCLITests.run(["audit", "verify", "--database", missing])
        #expect(r.status == 2)
        #expect(r.err.contains("no database at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("trial --into refuses a database holding a real center and stores nothing there")
    func trialRefusesRealCenter() throws {
        let path = Self.temporary("real")
        let add = try StatsCLITests.run(["user", "add", "--center", "C07", "--role", "coordinator", "--email", "lead@hospital.example",
                                         "--password-stdin", "--database", path], input: "a-long-enough-password\n")
        #expect(add.status == 0, "\(add.err)")
        let before = try StatsCLITests.run(["audit", "verify", "--database", path])
        let t = try StatsCLITests.run(["trial", "--quiet", "--patients", "3", "--seed", "2", "--into", path])
        #expect(t.status == 1)
        #expect(t.err.contains("center C07"), "\(t.err)")
        // Nothing was written: the audit trail holds the same records as before.
        let after = try StatsCLITests.run(["audit", "verify", "--database", path])
        #expect(before.out.contains("intact") && after.out == before.out, "\(before.out) → \(after.out)")
        let demo = try StatsCLITests.run(["demo", "--patients", "2", "--virtual-patients", "0", "--database", path])
        #expect(demo.status == 1 && demo.err.contains("already holds a program"))
    }
}
