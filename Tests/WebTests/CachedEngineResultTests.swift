import CartographCore
import Clinical
import Fluent
import Foundation
import PropertyBased
import SQLKit
@testable import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The engine results a patient page shows (the IMWG course, the kinetics, toxicity episodes and
/// hematotoxicity) are computed once per records revision and kept (`DerivedResultCache`). These tests
/// prove the kept results change exactly when a record they read changes, through every writer.
@Suite("Engine results cached per records revision")
struct CachedEngineResultTests {
    static let infusion = CalendarDate("2025-12-01")!
    static let today = CalendarDate("2027-02-01")!

    /// Noon in the test centers' zone (Asia/Shanghai, UTC+8) on `day`.
    static func noon(_ day: CalendarDate) -> Date { Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 + 4 * 3_600) }

    static func decoded<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body.readableBytesView))
    }

    @Test("a lab correction, a new assessment and a late progression each change the cached results; a write around the writers does not")
    func invalidation() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let f = try await Fixtures.make(on: app)
            let (p, tid) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today, on: app.db)
            let pid = try p.requireID()
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            func revision() async throws -> Int { try #require(try await Therapy.find(tid, on: app.db)).revision }
            func response() async throws -> PatientResponseReport {
                let r = try await app.json(.GET, "/api/patients/\(pid)/response", token: token)
                #expect(r.status == .ok, "\(r.body.string)")
                return try Self.decoded(PatientResponseReport.self, r)
            }
            func safety() async throws -> SafetyFile {
                let r = try await app.json(.GET, "/api/patients/\(pid)/safety", token: token)
                #expect(r.status == .ok, "\(r.body.string)")
                return try Self.decoded(SafetyFile.self, r)
            }
            // Serum M-protein 3.0 g/dL at baseline (Day −6), Day 14 mistyped as 12, 1.0 on Day 56: one PR-level
            // fall, unconfirmed.
            let posted = try await app.json(.POST, "/api/patients/\(pid)/labs", token: token, body: """
                [{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},
                 {"date":"2025-12-15","analyte":"serumMProtein","value":12,"unit":"g/dL"},
                 {"date":"2026-01-26","analyte":"serumMProtein","value":1.0,"unit":"g/dL"}]
                """)
            #expect(posted.status == .created, "\(posted.body.string)")
            let typo = try #require(try Self.decoded([StoredLabResult].self, posted).first { $0.value == .number(12) })

            let first = try await response()
            #expect(first.course.bestConfirmedResponse != .partialResponse)
            let r0 = try await revision()
            #expect(PatientOutcomes.cache.keptRevision(of: tid) == r0)

            // A change written around every writer (no revision moved) is not seen: the kept course is
            // served, which is why every writer must move the revision.
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE lab_results SET value_number = 1.1 WHERE therapy_id = \(bind: tid) AND sampled_on = '2026-01-26'
                """).run()
            #expect(try await response() == first)

            // 1. The correction: 12 → 1.2 makes Day 14 a −60% fall, confirmed on Day 56: a PR (IMWG 2016).
            let corrected = try await app.json(.POST, "/api/patients/\(pid)/labs/\(typo.id)/correction", token: token,
                                               body: #"{"reason":"transcription: 12 for 1.2","replacement":{"date":"2025-12-15","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}}"#)
            #expect(corrected.status == .created, "\(corrected.body.string)")
            let r1 = try await revision()
            #expect(r1 > r0)
            let afterCorrection = try await response()
            #expect(afterCorrection.course.bestConfirmedResponse == .partialResponse, "\(afterCorrection.course)")
            #expect(PatientOutcomes.cache.keptRevision(of: tid) == r1)
            #expect(afterCorrection.course.progressionDay == nil)

            // 2. A new bedside assessment: 38.5 °C alone on Day 3 is CRS grade 1 (ASTCT 2019).
            let noCRS = try await safety()
            #expect(noCRS.crs == nil)
            let at = Self.noon(Self.infusion.adding(days: 3))
            _ = try await SafetyRepository.recordAssessment(SafetyAssessment(studyDay: 0, recordedAt: at, temperatureC: 38.5),
                                                            at: at, therapyID: tid, by: f.coordinatorA, on: app.db)
            let r2 = try await revision()
            #expect(r2 > r1)
            let withCRS = try await safety()
            #expect(withCRS.crs?.maxGrade == 1)
            #expect(withCRS.crs?.maxGradeDay == 3)
            #expect(withCRS.assessments.count == 1)
            #expect(SafetyRepository.derivedCache.keptRevision(of: tid) == r2)

            // 3. A late progression: 2.0 and 2.2 g/dL on Days 380 and 400 rise ≥ 25% and ≥ 0.5 g/dL over
            // the nadir (1.0 corrected to 1.1 above), twice in a row: progression from Day 380 (IMWG 2016).
            let late = try await app.json(.POST, "/api/patients/\(pid)/labs", token: token, body: """
                [{"date":"\(Self.infusion.adding(days: 380))","analyte":"serumMProtein","value":2.0,"unit":"g/dL"},
                 {"date":"\(Self.infusion.adding(days: 400))","analyte":"serumMProtein","value":2.2,"unit":"g/dL"}]
                """)
            #expect(late.status == .created, "\(late.body.string)")
            let r3 = try await revision()
            #expect(r3 > r2)
            let progressed = try await response()
            #expect(progressed.course.progressionDay == 380, "\(progressed.course)")
            #expect(progressed.assessmentDates.contains(Self.infusion.adding(days: 400)))
            // The write around the writers is part of the records now read again.
            #expect(progressed.input.assessments.contains { $0.day == 56 } )

            // The patient page says the same as the API.
            let (cookie, _) = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let page = try await app.page("/patients/\(pid)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.body.string.contains(Self.infusion.adding(days: 400).description))
        }
    }

    /// Each number names an operation on one patient: a result recorded (M-protein, ANC or platelets
    /// on some day), a stored result corrected or withdrawn, a bedside assessment, an intervention, a
    /// follow-up event, or only a read. The cache is read before each operation, so a stale value would
    /// be kept if a writer forgot to move the revision.
    @Test("over random sequences of records, corrections and assessments, cached results equal results derived afresh")
    func cachedEqualsFresh() async {
        await propertyCheck(count: 8, input: Gen.int(in: 0...9_999).array(of: 4...14)) { codes in
            try await withTestApp(today: Self.today.description) { app in
                let f = try await Fixtures.make(on: app)
                let actor = f.coordinatorA
                let (p, tid) = try await Fixtures.infusedPatient(by: actor, infusion: Self.infusion, today: Self.today, on: app.db)
                let pid = try p.requireID()
                let analytes: [(LabAnalyte, Double)] = [(.serumMProtein, 1), (.absoluteNeutrophilCount, 1_000), (.platelets, 50_000)]
                for (step, n) in codes.enumerated() {
                    _ = try await PatientOutcomes.snapshot(patientID: pid, for: actor, on: app.db)
                    _ = try await SafetyRepository.file(therapyID: tid, for: actor, today: Self.today, on: app.db)
                    let day = (n / 7) % 420 - 6
                    let stored = try await LabRepository.results(ofTherapy: tid, on: app.db)
                    // Refused operations (a date taken, a result already withdrawn) are part of the walk.
                    switch n % 7 {
                    case 0, 1:
                        let (analyte, scale) = analytes[(n / 3) % analytes.count]
                        let value = Double((n / 11) % 40 + 1) / 10 * scale
                        _ = try? await LabRepository.record([LabResult(patientCode: p.code, sampleDate: Self.infusion.adding(days: day),
                                                                       analyte: analyte, value: .number(value))],
                                                            source: .form, by: actor, today: Self.today, on: app.db)
                    case 2 where !stored.isEmpty:
                        let target = stored[(n / 7) % stored.count]
                        var replacement = target.labResult(patientCode: p.code)
                        replacement.value = .number(Double((n / 13) % 30 + 1) / 10)
                        _ = try? await LabCorrectionRepository.correct(resultID: target.id, patientID: pid, replacement: replacement,
                                                                       reason: "step \(step)", by: actor, today: Self.today, on: app.db)
                    case 3 where !stored.isEmpty:
                        _ = try? await LabCorrectionRepository.correct(resultID: stored[(n / 7) % stored.count].id, patientID: pid,
                                                                       replacement: nil, reason: "entered in error", by: actor,
                                                                       today: Self.today, on: app.db)
                    case 4:
                        let at = Self.noon(Self.infusion.adding(days: (n / 7) % 28))
                        _ = try? await SafetyRepository.recordAssessment(
                            SafetyAssessment(studyDay: 0, recordedAt: at, temperatureC: 36.5 + Double((n / 7) % 30) / 10),
                            at: at, therapyID: tid, by: actor, on: app.db)
                    case 5:
                        _ = try? await SafetyRepository.recordIntervention(.tocilizumab, drug: "tocilizumab", dose: "8 mg/kg",
                                                                           at: Self.noon(Self.infusion.adding(days: (n / 7) % 28)),
                                                                           therapyID: tid, by: actor, on: app.db)
                    default:
                        if n % 2 == 0 {
                            _ = try? await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .progression,
                                                                                             date: Self.infusion.adding(days: max(1, day))),
                                                                          patientID: pid, by: actor, today: Self.today, on: app.db)
                        }
                    }
                    try await Self.expectFresh(pid: pid, tid: tid, actor: actor, db: app.db, step: step)
                }
            }
        }
    }

    static func expectFresh(pid: UUID, tid: UUID, actor: ActingUser, db: Database, step: Int) async throws {
        let cached = try await PatientOutcomes.snapshot(patientID: pid, for: actor, on: db)
        let fresh = PatientOutcomes.derive(try await PatientOutcomeRecords.load(
            try await PatientOutcomeRecords.key(patientID: pid, for: actor, on: db), on: db))
        #expect(cached.records.labs == fresh.records.labs, "step \(step)")
        #expect(cached.records.corrections == fresh.records.corrections, "step \(step)")
        #expect(cached.records.events == fresh.records.events, "step \(step)")
        #expect(cached.response == fresh.response, "step \(step)")
        #expect(cached.persistence == fresh.persistence, "step \(step)")
        let file = try await SafetyRepository.file(therapyID: tid, for: actor, today: today, on: db)
        let derived = try await SafetyRepository.derive(therapyID: tid, profile: ProductCatalogue.fucaso, on: db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        func text(_ x: some Encodable) throws -> String { String(decoding: try encoder.encode(x), as: UTF8.self) }
        #expect(try text(file.assessments) == text(derived.assessments), "step \(step)")
        #expect(try text(file.interventions) == text(derived.interventions), "step \(step)")
        #expect(try text([file.crs, file.icans]) == text([derived.crs, derived.icans]), "step \(step)")
        #expect(try text(file.hematotox) == text(derived.hematotox), "step \(step)")
        #expect(try text(file.icaht) == text(derived.icaht), "step \(step)")
        #expect(try text(file.easix) == text(derived.easix), "step \(step)")
    }
}
