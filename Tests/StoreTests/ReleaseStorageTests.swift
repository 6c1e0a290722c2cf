import Demo
import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

@Suite("Release testing storage", .serialized)
struct ReleaseStorageTests {
    typealias S = CustodyScenario

    /// A manufactured lot of a 70 kg patient's therapy. FUCASO minimum dose 0.8 × 10⁶ CAR+ cells/kg → 5.6 × 10⁷ cells.
    func manufacturedLot(_ app: Application, _ f: Fixtures) async throws -> (therapy: UUID, bag: UUID) {
        let t = try await S.enrol(app, f)
        _ = try await DoseRepository.record(weightKilograms: 70, product: nil, therapyID: t.therapy, by: f.coordinatorA, on: app.db)
        let mfg = f.usersA[.manufacturing]!
        let bag = try await CustodyRepository.createBag(.finalProduct, therapyID: t.therapy, facility: S.facility, by: mfg, now: S.base, on: app.db)
        try await CustodyRepository.record(.manufactured(lot: "LOT-7"), bagID: bag.id, by: mfg, at: S.at(0), site: "M01", on: app.db)
        return (t.therapy, bag.id)
    }

    /// Viable cells 1.2 × 10⁷/mL × CAR 46 % × 70 mL = 3.864 × 10⁸ CAR+ cells ≥ 5.6 × 10⁷: dose feasible.
    func results(viability: Double) -> ReleaseTestResults {
        ReleaseTestResults(lot: "LOT-7", sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5, viabilityPercent: viability,
                           carExpressionPercent: 46, vectorCopyNumberPerTransducedCell: 2.1, replicationCompetentLentivirus: .notDetected,
                           identity: .confirmed, viableCellsPerMilliliter: 1.2e7, bagVolumeMilliliters: 70)
    }

    @Test("conforming lot: evaluated on save, QA release signed; manufacturing and nurses cannot decide")
    func conformingRelease() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (_, bag) = try await manufacturedLot(app, f)
            // MUT: viability 70 % is exactly the minimum (inclusive) → pass.
            let file = try await ReleaseRepository.recordResults(results(viability: 70), bagID: bag, by: f.usersA[.manufacturing]!, at: S.at(10), on: app.db)
            #expect(file.evaluation?.disposition == .conforming)
            #expect(file.certificate?.lines.count == ReleaseTestKind.allCases.count)
            #expect(file.bag.events.last?.kind == .releaseResult)
            #expect(try await ReleaseRepository.queue(for: f.usersA[.qa]!, on: app.db).map(\.bag.id) == [bag])
            await #expect(throws: StoreError.self) {
                try await ReleaseRepository.decide(.released, bagID: bag, signerName: "M", by: f.usersA[.manufacturing]!, at: S.at(20), on: app.db)
            }
            await #expect(throws: StoreError.self) {
                try await ReleaseRepository.recordResults(results(viability: 80), bagID: bag, by: f.usersA[.nurse]!, at: S.at(15), on: app.db)
            }
            let released = try await ReleaseRepository.decide(.released, bagID: bag, signerName: "QA Q", by: f.usersA[.qa]!, at: S.at(20), on: app.db)
            #expect(released.bag.qaDisposition == .released)
            #expect(released.qaSignature?.meaning == .qaRelease && released.qaSignature?.signerName == "QA Q")
            #expect(try await ReleaseRepository.queue(for: f.usersA[.qa]!, on: app.db).isEmpty)
        }
    }

    @Test("out-of-specification lot reaches the patient only by the physician's request and QA's exceptional release")
    func exceptionalPath() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (_, bag) = try await manufacturedLot(app, f)
            let qa = f.usersA[.qa]!, physician = f.usersA[.physician]!
            // MUT: viability 69.9 % < 70 % → out of specification.
            let file = try await ReleaseRepository.recordResults(results(viability: 69.9), bagID: bag, by: qa, at: S.at(10), on: app.db)
            #expect(file.evaluation?.disposition == .outOfSpecification && file.evaluation?.failedTests == [.viability])
            // A normal release is refused.
            do {
                try await ReleaseRepository.decide(.released, bagID: bag, signerName: "QA", by: qa, at: S.at(20), on: app.db)
                Issue.record("released an out-of-specification lot")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["kind"]) }
            // Exceptional release without the physician's request is refused.
            do {
                try await ReleaseRepository.decide(.exceptionalRelease, bagID: bag, signerName: "QA", by: qa, at: S.at(21), on: app.db)
                Issue.record("exceptional release without request")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field).contains("request")) }
            // Nor can it be slipped in through the custody log.
            await #expect(throws: StoreError.self) {
                try await CustodyRepository.record(.qaDisposition(.exceptionalRelease), bagID: bag, by: qa, at: S.at(22), signerName: "QA", on: app.db)
            }
            // QA cannot make the request; the physician can.
            await #expect(throws: StoreError.self) {
                try await ReleaseRepository.requestExceptionalRelease(bagID: bag, justification: "x", signerName: "QA", by: qa, at: S.at(23), on: app.db)
            }
            let requested = try await ReleaseRepository.requestExceptionalRelease(
                bagID: bag, justification: "No alternative therapy; viability 0.1 % below limit", signerName: "Dr P", by: physician, at: S.at(30), on: app.db)
            #expect(requested.exceptionalRequestSignature?.meaning == .physicianRequest)
            let released = try await ReleaseRepository.decide(.exceptionalRelease, bagID: bag, signerName: "QA Q", by: qa, at: S.at(40), on: app.db)
            #expect(released.bag.qaDisposition == .exceptionalRelease && released.qaSignature?.meaning == .exceptionalRelease)
            // The lot may now ship.
            let shipped = try await CustodyRepository.record(.shippedToCenter(courier: "C", shipperID: "S"), bagID: bag, by: f.usersA[.manufacturing]!,
                                                             at: S.at(50), on: app.db)
            #expect(shipped.phase == .inTransitToCenter)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }

    /// The journey of `therapy` brought to manufacturing (screened, collected on 2026-02-10, manufacturing from 2026-02-11).
    func inManufacturing(_ app: Application, _ f: Fixtures, therapy: UUID) async throws {
        for (kind, date) in [(JourneyEventKind.screenedEligible, "2026-02-01"), (.collectionScheduled, "2026-02-10"), (.collected, "2026-02-10"),
                             (.manufacturingStarted, "2026-02-11")] {
            _ = try await JourneyRepository.record(JourneyEvent(kind, on: CalendarDate(date)!), therapyID: therapy, by: f.coordinatorA,
                                                   today: CalendarDate("2026-03-15")!, on: app.db)
        }
    }

    func journeyStage(_ app: Application, _ therapy: UUID) async throws -> (JourneyStage, [JourneyEvent]) {
        let events = try await JourneyRepository.events(of: therapy, on: app.db)
        return (try JourneyStateMachine.replay(events, profile: ProductCatalogue.fucaso).stage, events)
    }

    @Test("QA's release moves the journey to lymphodepletion; an out-of-specification result and its exceptional release move it too")
    func releaseMovesJourney() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (therapy, bag) = try await manufacturedLot(app, f)
            try await inManufacturing(app, f, therapy: therapy)
            _ = try await ReleaseRepository.recordResults(results(viability: 70), bagID: bag, by: f.usersA[.manufacturing]!, at: S.at(10), on: app.db)
            #expect(try await journeyStage(app, therapy).0 == .manufacturing)
            _ = try await ReleaseRepository.decide(.released, bagID: bag, signerName: "QA Q", by: f.usersA[.qa]!, at: S.at(20), on: app.db)
            let (stage, events) = try await journeyStage(app, therapy)
            #expect(stage == .lymphodepletion)
            #expect(events.last?.kind == .released && events.last?.date == CalendarDate("2026-03-10") && events.last?.reason?.contains("LOT-7") == true)
            // The list says so without anyone recording it by hand.
            let row = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: CalendarDate("2026-03-15")!, on: app.db).rows.first
            #expect(row?.stage == .lymphodepletion)
        }
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (therapy, bag) = try await manufacturedLot(app, f)
            try await inManufacturing(app, f, therapy: therapy)
            _ = try await ReleaseRepository.recordResults(results(viability: 69.9), bagID: bag, by: f.usersA[.qa]!, at: S.at(10), on: app.db)
            #expect(try await journeyStage(app, therapy).0 == .outOfSpecification)
            _ = try await ReleaseRepository.requestExceptionalRelease(bagID: bag, justification: "No alternative therapy; viability 0.1 % below limit",
                                                                      signerName: "Dr P", by: f.usersA[.physician]!, at: S.at(30), on: app.db)
            _ = try await ReleaseRepository.decide(.exceptionalRelease, bagID: bag, signerName: "QA Q", by: f.usersA[.qa]!, at: S.at(40), on: app.db)
            let (stage, events) = try await journeyStage(app, therapy)
            #expect(stage == .lymphodepletion)
            #expect(events.suffix(2).map(\.kind) == [.outOfSpecification, .exceptionalRelease])
        }
    }

    @Test("every infused demo therapy has a full custody trail ending in a signed bedside check and infusion; the audit chain verifies")
    func demoTrails() async throws {
        try await withTestApp { app in
            let today = CalendarDate("2026-03-15")!
            let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: 40, seed: 7, today: today), today: today,
                                               hash: { try app.password.hash($0) }, on: app.db)
            let nurseUser = try #require(try await AccountRepository.user(email: DemoSetup.email(for: .nurse), on: app.db))
            let nurse = ActingUser(userID: try nurseUser.requireID(), centerID: nurseUser.$center.id, role: .nurse)
            var infused = 0
            for pid in ids {
                let therapy = try await PatientRepository.therapy(ofPatient: pid, on: app.db)
                let events = try await JourneyRepository.events(of: try therapy.requireID(), on: app.db)
                guard events.contains(where: { $0.kind == .infused }) else { continue }
                infused += 1
                let trail = try await CustodyRepository.trail(therapyID: try therapy.requireID(), for: nurse, on: app.db)
                #expect(trail.bags.map(\.kind) == [.apheresis, .finalProduct])
                #expect(trail.bags.first?.phase == .inManufacturing)
                #expect(trail.bags.last?.phase == .infused)
                #expect(trail.bags.last?.events.contains { $0.kind == .bedsideVerified && $0.signature?.meaning == .bedsideVerification } == true)
            }
            #expect(infused > 5)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }
}
