import CartographCore
import Clinical
import Crypto
import Fluent
import FluentSQLiteDriver
import Foundation
import PropertyBased
@testable import Store
import Testing
import TestSupport

/// The batched writers (a run of audit records, a file of results, a series of visits or bedside
/// assessments in one call) store exactly what the same records written one call at a time store,
/// and the audit chain they write verifies link by link against the canonical form.
@Suite("Batched writes: the same records as one at a time", .serialized)
struct BatchedWriteTests {
    let today = CalendarDate("2026-04-30")!
    static let infusion = CalendarDate("2026-03-08")!

    /// SHA-256 of the canonical content as `AuditTrail` documents it (each field as `length:text`,
    /// joined by `|`), written out here from that description rather than taken from the code.
    static func expectedHash(_ e: AuditEvent, previous: String) -> String {
        let millis = Int64((e.occurredAt.timeIntervalSince1970 * 1000).rounded())
        let parts = [previous, "\(e.sequence)", "\(millis)", e.actorID?.uuidString ?? "-", e.centerID?.uuidString ?? "-",
                     e.action, e.entity, e.entityID, e.payload]
        var text = ""
        for (i, p) in parts.enumerated() { text += (i == 0 ? "" : "|") + "\(Array(p.utf8).count):" + p }
        return SHA256.hash(data: Array(text.utf8)).map { byte in
            let h = String(byte, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    @Test("audit records appended singly and in runs of any length (past one statement's 500 rows) form one intact chain")
    func auditRuns() async {
        // Each number is the length of one run (1 is the single-record path).
        let runs = Gen.int(in: 1...60).array(of: 1...8)
        await propertyCheck(count: 8, input: runs) { runs in
            try await withTestApp { app in
                let before = try await AuditEvent.query(on: app.db).count()
                let actor = UUID()
                var written = 0
                for (r, length) in (runs + [AuditTrail.rowsPerInsert + 7]).enumerated() {
                    let start = written
                    try await app.db.transaction { tx in
                        if length == 1 {
                            try await AuditTrail.record(on: tx, actor: actor, center: nil, action: "test.single", entity: "run",
                                                        entityID: "\(r)", payload: ["n": start])
                        } else {
                            let entries = try (0..<length).map { i in
                                try AuditTrail.Entry(actor: i.isMultiple(of: 2) ? actor : nil, center: nil, action: "test.batch",
                                                     entity: "run", entityID: "\(r)", payload: ["n": start + i, "ü": i])
                            }
                            try await AuditTrail.append(entries, on: tx)
                        }
                    }
                    written += length
                }
                let all = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
                #expect(all.count == before + written)
                #expect(all.map(\.sequence) == Array(1...all.count))
                var previous = AuditTrail.genesis
                for e in all {
                    #expect(e.previousHash == previous, "record \(e.sequence)")
                    #expect(e.hash == Self.expectedHash(e, previous: previous), "record \(e.sequence)")
                    previous = e.hash
                }
                #expect(try await AuditTrail.verify(on: app.db) == .intact(records: all.count))
            }
        }
    }

    @Test("a run of audit records rolls back whole with its transaction")
    func auditRunRollsBack() async throws {
        try await withTestApp { app in
            let before = try await AuditEvent.query(on: app.db).count()
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await app.db.transaction { tx in
                    try await AuditTrail.append(try (0..<700).map {
                        try AuditTrail.Entry(actor: nil, center: nil, action: "test.batch", entity: "run", entityID: "\($0)", payload: ["n": $0])
                    }, on: tx)
                    throw Refused()
                }
            }
            #expect(try await AuditEvent.query(on: app.db).count() == before)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: before))
        }
    }

    /// One bedside assessment from a code: its day (in order), hour, temperature, blood pressure,
    /// oxygen and ICE score.
    static func assessments(_ codes: [Int]) -> [SafetyAssessment] {
        var day = 0
        return codes.enumerated().map { i, n in
            day += (n % 3 == 0 && i > 0) ? 1 + n % 4 : 0
            let at = Date(timeIntervalSince1970: 1_772_928_000 + Double(min(day, 27)) * 86_400 + Double(i % 12) * 3_600)
            let temperatures = [36.8, 37.9, 38.3, 39.6]
            var a = SafetyAssessment(studyDay: 0, recordedAt: at, temperatureC: temperatures[(n / 3) % 4], hypotension: (n / 12) % 3 == 0)
            if (n / 36) % 3 == 1 { a.oxygenDevice = .nasalCannula; a.oxygenFlowLitersPerMinute = 4 }
            if (n / 36) % 3 == 2 { a.oxygenDevice = .highFlowNasalCannula; a.oxygenFlowLitersPerMinute = 10 }
            return a
        }
    }

    @Test("a series of bedside assessments recorded in one call grades, alerts and audits as one call per assessment does")
    func assessmentSeries() async {
        let codes = Gen.int(in: 0...1_000).array(of: 1...24)
        await propertyCheck(count: 6, input: codes) { codes in
            try await withTestApp(today: "2026-04-30") { app in
                let f = try await Fixtures.make(on: app)
                let nurse = f.usersA[.nurse]!
                let one = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, given: "One", on: app.db).therapyID
                let batch = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, given: "Batch", on: app.db).therapyID
                let series = Self.assessments(codes)
                var singly: [(GradedAssessmentView, [AlertView])] = []
                for a in series {
                    singly.append(try await SafetyRepository.recordAssessment(a, at: a.recordedAt, therapyID: one, by: nurse, now: a.recordedAt, on: app.db))
                }
                let together = try await SafetyRepository.recordAssessments(series.map { .init(observed: $0, at: $0.recordedAt, now: $0.recordedAt) },
                                                                            therapyID: batch, by: nurse, on: app.db)
                #expect(together.count == singly.count)
                for (a, b) in zip(singly, together) {
                    #expect(a.0.crsGrade == b.0.crsGrade)
                    #expect(a.0.icansGrade == b.0.icansGrade)
                    #expect(a.0.crsReasons == b.0.crsReasons)
                    #expect(a.0.studyDay == b.0.studyDay)
                    // The alerts each assessment raised, in order, with the therapy's own ID taken out of the key.
                    #expect(a.1.map { Self.masked($0.key) } == b.1.map { Self.masked($0.key) })
                    #expect(a.1.map(\.message) == b.1.map(\.message))
                }
                // The audit trail tells the two stories in the same order.
                func story(_ tid: UUID) async throws -> [String] {
                    try await AuditEvent.query(on: app.db).filter(\.$entityID == tid.uuidString).filter(\.$sequence > 0).sort(\.$sequence).all()
                        .filter { $0.action.hasPrefix("safety.") || $0.action.hasPrefix("alert.") }
                        .map { $0.action + " " + Self.masked($0.payload) }
                }
                #expect(try await story(one) == story(batch))
                guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("chain broken"); return }
            }
        }
    }

    /// Text with every UUID (the therapy's, each assessment's) replaced by `U`.
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", with: "U",
                                  options: .regularExpression)
    }

    @Test("a series refused at any entry stores none of it, and the problem names the entry")
    func assessmentSeriesAllOrNothing() async throws {
        try await withTestApp(today: "2026-04-30") { app in
            let f = try await Fixtures.make(on: app)
            let nurse = f.usersA[.nurse]!
            let tid = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, on: app.db).therapyID
            var series = Self.assessments([3, 6, 9])
            // The third is dated the day before the infusion.
            series[2].recordedAt = Date(timeIntervalSince1970: 1_772_928_000 - 86_400)
            let audit = try await AuditEvent.query(on: app.db).count()
            do {
                _ = try await SafetyRepository.recordAssessments(series.map { .init(observed: $0, at: $0.recordedAt, now: $0.recordedAt) },
                                                                 therapyID: tid, by: nurse, on: app.db)
                Issue.record("an assessment before the infusion was accepted")
            } catch StoreError.invalid(let errors) {
                #expect(errors.map(\.field) == ["assessments[2].assessedAt"], "\(errors)")
            }
            #expect(try await SafetyAssessmentRecord.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == audit)
        }
    }

    @Test("follow-up visits recorded together are checked as one at a time would be, against each other too, all or none")
    func visitSeries() async throws {
        try await withTestApp(today: "2026-04-30") { app in
            let f = try await Fixtures.make(on: app)
            let (patient, tid) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: today, on: app.db)
            let pid = try patient.requireID()
            let dates = ["2026-03-20", "2026-04-08", "2026-04-08", "2026-05-02"].map { CalendarDate($0)! }
            // A date after today is refused before anything is read, as for one visit; a date repeated
            // inside the run is refused against the entries before it.
            for (run, field) in [(dates, "visits[3].date"), (Array(dates.prefix(3)), "visits[2].date")] {
                do {
                    _ = try await FollowUpRepository.recordVisits(run.map { FollowUpVisitEntry(date: $0) }, patientID: pid,
                                                                  by: f.coordinatorA, today: today, on: app.db)
                    Issue.record("\(field) was accepted")
                } catch StoreError.invalid(let errors) {
                    #expect(errors.map(\.field) == [field], "\(errors)")
                }
            }
            #expect(try await FollowUpVisitRecord.query(on: app.db).count() == 0)
            // The valid ones go in together, each with its audit record, and move the therapy's revision once.
            let revision = try #require(try await Therapy.find(tid, on: app.db)).revision
            let stored = try await FollowUpRepository.recordVisits(dates.prefix(2).map { FollowUpVisitEntry(date: $0) }, patientID: pid,
                                                                   by: f.coordinatorA, today: today, on: app.db)
            #expect(stored.map(\.date) == Array(dates.prefix(2)))
            #expect(try #require(try await Therapy.find(tid, on: app.db)).revision == revision + 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "followUp.visit").count() == 2)
            // A visit already stored is refused when it comes again in a later run.
            await #expect(throws: StoreError.self) {
                try await FollowUpRepository.recordVisits([FollowUpVisitEntry(date: dates[0])], patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            }
        }
    }
}
