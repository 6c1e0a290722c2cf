import CartographCore
import Fluent
import FluentSQLiteDriver
import Foundation
import Store
import Testing
import TestSupport

@Suite("Audit trail")
struct AuditTrailTests {
    let today = CalendarDate("2026-03-15")!

    @Test("every write leaves an audit record and the chain verifies")
    func chainIntact() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let usersCreated = 14
            _ = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            #expect(try await AuditEvent.query(on: app.db).count() == usersCreated + 1)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: usersCreated + 1))
        }
    }

    @Test("editing a payload by hand is detected at that record")
    func tamperedPayload() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let sql = app.db as! SQLDatabase
            try await sql.raw("UPDATE audit_events SET payload = '{\"email\":\"mallory@evil.test\"}' WHERE sequence = 5").run()
            #expect(try await AuditTrail.verify(on: app.db) == .broken(sequence: 5, reason: "content does not match its hash (the record was altered)"))
        }
    }

    @Test("deleting a record is detected where the gap is")
    func deletedRecord() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            try await (app.db as! SQLDatabase).raw("DELETE FROM audit_events WHERE sequence = 3").run()
            guard case let .broken(sequence, _) = try await AuditTrail.verify(on: app.db) else {
                Issue.record("deletion not detected"); return
            }
            #expect(sequence == 4)
        }
    }

    @Test("concurrent writers never fork the chain")
    func concurrentWriters() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let before = try await AuditEvent.query(on: app.db).count()
            let writers = 24
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<writers {
                    let actor = i.isMultiple(of: 2) ? f.coordinatorA : f.coordinatorB
                    group.addTask {
                        _ = try await PatientRepository.enrol(Fixtures.enrolment(given: "P\(i)"), by: actor, today: today, on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            let all = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
            #expect(all.count == before + writers)
            #expect(all.map(\.sequence) == Array(1...(before + writers)))
            #expect(Set(all.map(\.previousHash)).count == all.count)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: before + writers))
            // Patient codes stayed unique per center as well.
            let codes = try await Patient.query(on: app.db).all().map(\.code)
            #expect(Set(codes).count == writers)
        }
    }
}
