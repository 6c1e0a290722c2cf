import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

@Suite("Manufacturing slots", .serialized)
struct SlotStorageTests {
    let today = CalendarDate("2026-03-15")!

    /// An enrolled, eligible patient ready to schedule a collection.
    func eligiblePatient(_ app: Application, _ f: Fixtures, given: String, by coordinator: ActingUser? = nil) async throws -> UUID {
        let coordinator = coordinator ?? f.coordinatorA
        let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(given: given), by: coordinator, today: today, on: app.db)
        let tid = try t.requireID()
        let data = ScreeningData(ageYears: 60, diagnosis: .multipleMyeloma,
                                 priorLines: [.init(drugClasses: [.proteasomeInhibitor]), .init(drugClasses: [.immunomodulatoryDrug]), .init(drugClasses: [.other])],
                                 lastLineOutcome: .progressiveDisease, ecog: 1,
                                 labs: [.absoluteNeutrophilCount: 1500, .platelets: 100_000, .hemoglobin: 10, .creatinineClearance: 80,
                                        .alanineAminotransferaseULN: 1, .totalBilirubinULN: 1, .leftVentricularEjectionFraction: 60, .oxygenSaturation: 97],
                                 activeInfection: false, extramedullaryDisease: false)
        _ = try await ScreeningRepository.save(data, screenedOn: CalendarDate("2026-01-11")!, therapyID: tid, by: coordinator, today: today, on: app.db)
        return tid
    }

    func schedule(_ app: Application, _ f: Fixtures, _ tid: UUID, _ kind: JourneyEventKind, _ date: String, by coordinator: ActingUser? = nil) async throws {
        _ = try await JourneyRepository.record(JourneyEvent(kind, on: CalendarDate(date)!, reason: kind == .collectionFailed ? "low yield" : nil),
                                               therapyID: tid, by: coordinator ?? f.coordinatorA, today: today, on: app.db)
    }

    @Test("a collection reserves a slot in its ISO week; none free → refused; a failed collection frees it")
    func bookingAndRelease() async throws {
        try await withTestApp { app in
            // setup: one site with one slot a week.
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M09", name: "Site 9", timeZone: "Asia/Shanghai", facilityCode: "X9999",
                                        operatorCenterID: f.coordinatorA.centerID).create(on: app.db)
            try await SlotRepository.setCapacity(siteCode: "M09", slotsPerWeek: 1, by: f.usersA[.manufacturing]!, on: app.db)
            await #expect(throws: StoreError.self) {
                try await SlotRepository.setCapacity(siteCode: "M09", slotsPerWeek: 3, by: f.usersA[.nurse]!, on: app.db)
            }
            // Another center's manufacturing staff and administrator cannot stop this site's scheduling.
            for role in [Role.manufacturing, .admin] {
                await #expect(throws: StoreError.self) {
                    try await SlotRepository.setCapacity(siteCode: "M09", slotsPerWeek: 0, by: f.usersB[role]!, on: app.db)
                }
            }
            let a = try await eligiblePatient(app, f, given: "A"), b = try await eligiblePatient(app, f, given: "B")
            // MUT: 2026-03-09 (Monday) and 2026-03-15 (Sunday) are both in ISO week 2026-W11.
            try await schedule(app, f, a, .collectionScheduled, "2026-03-09")
            do {
                try await schedule(app, f, b, .collectionScheduled, "2026-03-15")
                Issue.record("booked a second slot in a one-slot week")
            } catch StoreError.invalid(let fields) {
                // validate
                #expect(fields.map(\.field) == ["date"])
                #expect(fields.first?.message.contains("2026-W11") == true)
            }
            // The next Monday is week 12: free.
            try await schedule(app, f, b, .collectionScheduled, "2026-03-16")
            var weeks = try await SlotRepository.overview(from: CalendarDate("2026-03-09")!, weeks: 2, for: f.centerA, on: app.db)
            #expect(weeks.first?.weeks.map(\.booked) == [1, 1])
            // A's collection fails: its slot is free again, and B can move into week 11.
            try await schedule(app, f, a, .collectionFailed, "2026-03-09")
            weeks = try await SlotRepository.overview(from: CalendarDate("2026-03-09")!, weeks: 2, for: f.centerA, on: app.db)
            #expect(weeks.first?.weeks.map(\.free) == [1, 0])
            try await schedule(app, f, b, .collectionScheduled, "2026-03-14")
            weeks = try await SlotRepository.overview(from: CalendarDate("2026-03-09")!, weeks: 2, for: f.centerA, on: app.db)
            #expect(weeks.first?.weeks.map(\.booked) == [1, 0])
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }

    @Test("the calendar split by center: another center sees free slots and its own bookings, never the total; the operator sees all")
    func perCenter() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M09", name: "Site 9", timeZone: "Asia/Shanghai", facilityCode: "X9999",
                                        operatorCenterID: f.centerA).create(on: app.db)
            try await SlotRepository.setCapacity(siteCode: "M09", slotsPerWeek: 3, by: f.usersA[.manufacturing]!, on: app.db)
            let a = try await eligiblePatient(app, f, given: "A")
            let b = try await eligiblePatient(app, f, given: "B", by: f.coordinatorB)
            try await schedule(app, f, a, .collectionScheduled, "2026-03-09")
            try await schedule(app, f, b, .collectionScheduled, "2026-03-10", by: f.coordinatorB)
            let seenByA = try #require(try await SlotRepository.overview(from: CalendarDate("2026-03-09")!, weeks: 1, for: f.centerA, on: app.db).first)
            let seenByB = try #require(try await SlotRepository.overview(from: CalendarDate("2026-03-09")!, weeks: 1, for: f.centerB, on: app.db).first)
            #expect(seenByA.operatedByYourCenter && !seenByB.operatedByYourCenter)
            #expect(seenByA.weeks.map(\.booked) == [2] && seenByA.weeks.map(\.bookedByYourCenter) == [1])
            #expect(seenByB.weeks.map(\.booked) == [nil] && seenByB.weeks.map(\.bookedByYourCenter) == [1])
            #expect(seenByA.weeks.map(\.free) == [1] && seenByB.weeks.map(\.free) == [1])
        }
    }

    @Test("a booked slot whose collection date passed unrecorded raises a warning while its week runs; settled by the collection")
    func lapsingSlot() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M09", name: "Site 9", timeZone: "Asia/Shanghai", facilityCode: "X9999",
                                        operatorCenterID: f.centerA).create(on: app.db)
            try await SlotRepository.setCapacity(siteCode: "M09", slotsPerWeek: 2, by: f.usersA[.manufacturing]!, on: app.db)
            let a = try await eligiblePatient(app, f, given: "A")
            // Tuesday of 2026-W11 (2026-03-09 to 2026-03-15).
            try await schedule(app, f, a, .collectionScheduled, "2026-03-10")
            func lapsing() async throws -> [AlertRecord] {
                try await AlertRecord.query(on: app.db).filter(\.$kind == TimeDrivenAlerts.slotLapsing).all()
            }
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-10")!, on: app.db)
            #expect(try await lapsing().isEmpty, "the collection day itself is not late")
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-12")!, on: app.db)
            let raised = try await lapsing()
            #expect(raised.count == 1 && raised.first?.message.contains("2026-03-15") == true)
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-13")!, on: app.db)
            #expect(try await lapsing().count == 1, "raised once")
            try await schedule(app, f, a, .collected, "2026-03-13")
            _ = try await TimeDrivenAlerts.raiseDue(fixedToday: CalendarDate("2026-03-13")!, on: app.db)
            #expect(try await lapsing().allSatisfy { $0.lapsedAt != nil })
        }
    }

    @Test("without any configured capacity, collections are scheduled as before")
    func noCapacityNoGate() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let a = try await eligiblePatient(app, f, given: "A")
            try await schedule(app, f, a, .collectionScheduled, "2026-03-20")
            #expect(try await SlotBookingRecord.query(on: app.db).count() == 0)
        }
    }
}
