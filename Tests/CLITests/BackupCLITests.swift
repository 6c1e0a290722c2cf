import Foundation
import Testing

/// `cartograph backup` and `cartograph restore` on SQLite, as processes: a round trip keeps every audit
/// record with its chain intact, and neither command ever overwrites or guesses.
@Suite struct BackupCLITests {
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try StatsCLITests.run(arguments, environment: ["CARTOGRAPH_TODAY": "2026-12-07", "DATABASE_URL": ""])
    }

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// The record count `audit verify` reports.
    static func auditRecords(_ database: String) throws -> Int? {
        let r = try run(["audit", "verify", "--database", database])
        guard r.status == 0 else { return nil }
        return r.out.firstMatch(of: /intact: (\d+) records/).flatMap { Int($0.1) }
    }

    @Test("backup then restore: the copy verifies with every audit record of the original, and is a separate database")
    func roundTrip() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/program.sqlite", backup = dir + "/program-backup.sqlite", restored = dir + "/restored/program.sqlite"
        #expect(try Self.run(["demo", "--patients", "4", "--virtual-patients", "0", "--database", source]).status == 0)
        let original = try #require(try Self.auditRecords(source))
        #expect(original > 10)
        let b = try Self.run(["backup", "--to", backup, "--database", source])
        #expect(b.status == 0, "\(b.err)")
        let r = try Self.run(["restore", "--from", backup, "--database", restored])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("audit trail intact: \(original) records"))
        #expect(try Self.auditRecords(restored) == original)
        // The restored copy lives on its own: adding an account there leaves the original untouched.
        let add = try StatsCLITests.run(["user", "add", "--center", "C01", "--email", "copy@example.org", "--role", "nurse",
                                         "--password-stdin", "--database", restored],
                                        environment: ["DATABASE_URL": ""], input: "a long enough passphrase\n")
        #expect(add.status == 0, "\(add.err)")
        #expect(try Self.auditRecords(restored) == original + 1)
        #expect(try Self.auditRecords(source) == original)
    }

    @Test("refusals: an existing backup file or restore target, a missing source, a file that is no backup")
    func refusals() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/program.sqlite", backup = dir + "/b.sqlite"
        #expect(try Self.run(["demo", "--patients", "2", "--virtual-patients", "0", "--database", source]).status == 0)
        #expect(try Self.run(["backup", "--to", backup, "--database", source]).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int
        let again = try Self.run(["backup", "--to", backup, "--database", source])
        #expect(again.status == 1 && again.err.contains("never overwrites"))
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int == size)
        let onto = try Self.run(["restore", "--from", backup, "--database", source])
        #expect(onto.status == 1 && onto.err.contains("never overwrites"))
        let missing = try Self.run(["backup", "--to", dir + "/c.sqlite", "--database", dir + "/typo.sqlite"])
        #expect(missing.status == 2 && !FileManager.default.fileExists(atPath: dir + "/typo.sqlite"))
        try "name,value\n".write(toFile: dir + "/notes.csv", atomically: true, encoding: .utf8)
        let junk = try Self.run(["restore", "--from", dir + "/notes.csv", "--database", dir + "/x.sqlite"])
        #expect(junk.status == 1 && junk.err.contains("neither an SQLite backup nor a pg_dump"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.sqlite"))
        let noTarget = try StatsCLITests.run(["restore", "--from", backup], environment: ["DATABASE_URL": "", "CARTOGRAPH_DATABASE": ""])
        #expect(noTarget.status == 2 && noTarget.err.contains("--database"))
    }
}
