import CartographCore
import Demo
import Fluent
import Foundation
import PropertyBased
@testable import Store
import Testing
import TestSupport
import Vapor

/// A bulk load that holds its audit records back and appends them at the end of its transaction
/// writes the same audit story as one whose repositories append as they go, as one intact chain, and a
/// load that fails leaves neither records nor held-back audit behind.
@Suite("Held-back audit records of a bulk load", .serialized)
struct HeldBackAuditTests {
    static let today = CalendarDate("2026-03-15")!

    /// The load's audit story: each record's action, entity and payload with every UUID in it replaced
    /// by its order of first appearance, and times and signature digests (which cover IDs) masked, so
    /// two loads that made the same records compare equal.
    static func story(on db: Database) async throws -> [String] {
        let all = try await AuditEvent.query(on: db).sort(\.$sequence).all()
        var names: [String: Int] = [:]
        let uuid = try Regex("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
        let instant = try Regex("\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z\"")
        // A signature's digest covers the record's IDs, which differ from load to load.
        let digest = try Regex("\"[0-9a-f]{64}\"")
        return all.map { e in
            var text = "\(e.action) \(e.entity) \(e.entityID) \(e.payload)"
            text = text.replacing(instant, with: "\"time\"").replacing(digest, with: "\"digest\"")
            text = text.replacing(uuid) { match in
                let key = String(text[match.range]).lowercased()
                if names[key] == nil { names[key] = names.count }
                return "id\(names[key]!)"
            }
            return text
        }
    }

    static func heldBack(_ app: Application) -> (Database, HeldBackAudit) {
        let batch = HeldBackAudit()
        return (app.databases.database(logger: batch.attached(to: app.logger), on: app.eventLoopGroup.any())!, batch)
    }

    @Test("the same audit story, record for record, as a load appending as it goes; the chain is intact")
    func sameStory() async {
        await propertyCheck(count: 3, input: Gen.int(in: 1...1_000)) { seed in
            let courses = DemoProgram.courses(patients: 8, seed: UInt64(seed), today: Self.today)
            let direct = try await withTestApp { app in
                _ = try await DemoSetup.load(courses: courses, today: Self.today, hash: { _ in "not a real hash" }, on: app.db)
                return try await Self.story(on: app.db)
            }
            try await withTestApp { app in
                let (db, batch) = Self.heldBack(app)
                _ = try await DemoSetup.load(courses: courses, today: Self.today, hash: { _ in "not a real hash" }, on: db)
                #expect(batch.count == 0, "every held record was appended")
                let held = try await Self.story(on: app.db)
                #expect(held.count == direct.count)
                if let i = held.indices.first(where: { $0 < direct.count && held[$0] != direct[$0] }) {
                    Issue.record("record \(i + 1) differs:\n held back: \(held[i])\n as it goes: \(direct[i])")
                }
                #expect(try await AuditTrail.verify(on: app.db) == .intact(records: direct.count))
            }
        }
    }

    @Test("a load that fails writes nothing and leaves nothing held; a second attempt appends only its own records")
    func failedLoad() async throws {
        try await withTestApp { app in
            let (db, batch) = Self.heldBack(app)
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await db.transaction { tx in
                    try await HeldBackAudit.appending(on: tx) {
                        try await AuditTrail.record(on: tx, actor: nil, center: nil, action: "test.first", entity: "run", entityID: "1",
                                                    payload: ["n": 1])
                        #expect(batch.count == 1)
                        throw Refused()
                    }
                }
            }
            #expect(batch.count == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == 0)
            try await db.transaction { tx in
                try await HeldBackAudit.appending(on: tx) {
                    try await AuditTrail.record(on: tx, actor: nil, center: nil, action: "test.second", entity: "run", entityID: "2",
                                                payload: ["n": 2])
                    // Fewer than `appendEvery` records reach the table only when the load's body ends.
                    #expect(try await AuditEvent.query(on: tx).count() == 0)
                }
            }
            let all = try await AuditEvent.query(on: app.db).all()
            #expect(all.map(\.action) == ["test.second"])
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: 1))
        }
    }

    @Test("a load holding more than a few thousand records appends them as they pile up, in order, as one intact chain")
    func longLoad() async throws {
        try await withTestApp { app in
            let (db, batch) = Self.heldBack(app)
            let run = HeldBackAudit.appendEvery / 2 + 100
            let counts = try await db.transaction { tx in
                try await HeldBackAudit.appending(on: tx) {
                    var counts: [Int] = []
                    for r in 0..<3 {
                        let entries = try (0..<run).map { i in
                            try AuditTrail.Entry(actor: nil, center: nil, action: "test.run", entity: "run", entityID: "\(r)",
                                                 payload: ["n": r * run + i])
                        }
                        try await AuditTrail.append(entries, on: tx)
                        counts.append(try await AuditEvent.query(on: tx).count())
                    }
                    return counts
                }
            }
            // The first run waits; the second brings the batch past `appendEvery`; the third waits for the end.
            #expect(counts == [0, 2 * run, 2 * run])
            #expect(batch.count == 0)
            let all = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
            #expect(all.map(\.payload) == (0..<(3 * run)).map { "{\"n\":\($0)}" })
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: 3 * run))
        }
    }

    @Test("a demo load that a rule refuses halfway leaves the database as it was, with nothing held")
    func refusedLoadRollsBack() async throws {
        try await withTestApp { app in
            var courses = DemoProgram.courses(patients: 4, seed: 3, today: Self.today)
            // The last course's patient is enrolled twice: the repository refuses the duplicate hospital number.
            courses.append(courses[0])
            let (db, batch) = Self.heldBack(app)
            await #expect(throws: (any Error).self) {
                _ = try await DemoSetup.load(courses: courses, today: Self.today, hash: { _ in "not a real hash" }, on: db)
            }
            let audits = try await AuditEvent.query(on: app.db).count()
            let patients = try await Patient.query(on: app.db).count()
            #expect(batch.count == 0)
            #expect(audits == 0)
            #expect(patients == 0)
        }
    }
}
