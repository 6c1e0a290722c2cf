import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Testing
import TestSupport

@Suite("Long-term follow-up storage")
struct FollowUpStorageTests {
    let today = CalendarDate("2026-03-15")!
    func day(_ s: String) -> CalendarDate { CalendarDate(s)! }

    @Test("visits and events round-trip with audit records, and the worklist shows what is due and overdue")
    func worklist() async throws {
        try await withTestApp { app in
            // setup: infused 2025-06-01 (FUCASO schedule, ±14 days; registry D100, M6, M12, …; 30 days to file).
            let f = try await Fixtures.make(on: app)
            let (p, tid) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            let pid = try p.requireID()
            // Center B has an overdue patient of its own, which A must never see.
            _ = try await Fixtures.infusedPatient(by: f.coordinatorB, infusion: day("2025-01-10"), today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            // MUT: seen at Day 28, Month 2 and Month 3 (planned 2025-06-29, 08-01, 09-01), the D100 report filed.
            for d in ["2025-06-30", "2025-08-03", "2025-09-01"] {
                _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: day(d)), patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            }
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .registryReportFiled, date: day("2025-09-20"), timepoint: .days(100)),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            let items = try await FollowUpRepository.worklist(for: f.coordinatorA, today: today, on: app.db)
            // validate: stored as sent
            let (visits, events) = try await FollowUpRepository.records(ofTherapy: tid, on: app.db)
            #expect(visits.map(\.date.description) == ["2025-06-30", "2025-08-03", "2025-09-01"])
            #expect(events.map(\.entry) == [FollowUpEventEntry(kind: .registryReportFiled, date: day("2025-09-20"), timepoint: .days(100))])
            let after = try await TableCounts.read(app.db)
            #expect(after.followUpVisits == before.followUpVisits + 3 && after.followUpEvents == before.followUpEvents + 1)
            #expect(after.audit == before.audit + 4)
            // Month 6 planned 2025-12-01, window 11-17…12-15: closed unvisited, overdue. Month 9 planned
            // 2026-03-01, window 02-15…03-15: open today, due. Registry M6 timepoint 2025-12-01, submit by
            // 2025-12-31: overdue. Month 12 (2026-06-01) and the M12 report are upcoming, so absent.
            #expect(items.map { "\($0.item.date) \($0.item.kind.rawValue) \($0.item.status.rawValue)" } == [
                "2025-12-01 visit overdue", "2025-12-01 registryReport overdue", "2026-03-01 visit due",
            ])
            #expect(items.allSatisfy { $0.patientID == pid && $0.item.patientCode == p.code })
        }
    }

    @Test("death ends follow-up: no later visit is asked for and none can be recorded")
    func death() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            let pid = try p.requireID()
            // MUT
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .progression, date: day("2025-10-10")), patientID: pid,
                                                         by: f.coordinatorA, today: today, on: app.db)
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .death, date: day("2025-11-20"), deathCause: .diseaseProgression),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            let status = try #require(try await FollowUpRepository.status(patientID: pid, for: f.coordinatorA, today: today, on: app.db))
            // validate: Month 6 window (2025-11-17…12-15) was still open at death, so it is cancelled; the
            // M6 report (timepoint 2025-12-01, the first on or after the death) stays and reports the death.
            #expect(status.followUpEnded == FollowUpEndingEvent(.death, on: day("2025-11-20")))
            #expect(status.visits.first { $0.offset == .months(6) }?.status == .cancelled)
            #expect(status.registryReports.first { $0.offset == .months(6) }?.reportsDeath == true)
            let before = try await TableCounts.read(app.db)
            await #expect(throws: StoreError.invalid([FieldError("date", "2025-12-01 is after the death recorded on 2025-11-20")])) {
                _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: day("2025-12-01")), patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            }
            await #expect(throws: StoreError.self) {
                _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .death, date: day("2025-11-21"), deathCause: .infection),
                                                             patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            }
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("refused entries name their fields and write nothing", arguments: [
        (FollowUpEventEntry(kind: .death, date: CalendarDate("2025-09-01")!), ["deathCause"]),
        (FollowUpEventEntry(kind: .newTherapy, date: CalendarDate("2025-09-01")!, deathCause: .infection), ["detail", "deathCause"]),
        (FollowUpEventEntry(kind: .registryReportFiled, date: CalendarDate("2025-09-01")!, timepoint: .months(7)), ["timepoint"]),
        (FollowUpEventEntry(kind: .visitMissed, date: CalendarDate("2025-09-01")!), ["timepoint"]),
        (FollowUpEventEntry(kind: .progression, date: CalendarDate("2025-09-01")!, timepoint: .months(6)), ["timepoint"]),
        (FollowUpEventEntry(kind: .malignancyScreening, date: CalendarDate("2025-09-01")!, transgeneInTumour: .notDetected), ["kind"]),
        (FollowUpEventEntry(kind: .progression, date: CalendarDate("2025-05-01")!), ["date"]),
        (FollowUpEventEntry(kind: .progression, date: CalendarDate("2026-03-16")!), ["date"]),
    ])
    func refusedEvents(entry: FollowUpEventEntry, fields: [String]) async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            var found: [String] = []
            do {
                _ = try await FollowUpRepository.recordEvent(entry, patientID: try p.requireID(), by: f.coordinatorA, today: today, on: app.db)
            } catch StoreError.invalid(let errors) { found = errors.map(\.field) }
            #expect(found == fields)
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("follow-up needs an infusion; another center's patient is not found")
    func notInfusedAndScoping() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (waiting, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Wanda"), by: f.coordinatorA, today: today, on: app.db)
            let (infused, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            await #expect(throws: StoreError.conflict("no infusion is recorded; follow-up starts at Day 0")) {
                _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: today), patientID: try waiting.requireID(),
                                                             by: f.coordinatorA, today: today, on: app.db)
            }
            #expect(try await FollowUpRepository.status(patientID: try waiting.requireID(), for: f.coordinatorA, today: today, on: app.db) == nil)
            await #expect(throws: StoreError.notFound("patient")) {
                _ = try await FollowUpRepository.recordVisit(FollowUpVisitEntry(date: today), patientID: try infused.requireID(),
                                                             by: f.coordinatorB, today: today, on: app.db)
            }
            #expect(try await FollowUpRepository.worklist(for: f.coordinatorB, today: today, on: app.db).isEmpty)
        }
    }

    @Test("a second malignancy opens a work-up that its screening completes")
    func malignancyWorkup() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            let pid = try p.requireID()
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .secondPrimaryMalignancy, date: day("2026-02-01"),
                                                                            detail: "cutaneous squamous cell carcinoma"),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            // 30 days to the work-up: due by 2026-03-03, so overdue on 2026-03-15.
            var items = try await FollowUpRepository.worklist(for: f.coordinatorA, today: today, on: app.db)
            #expect(items.first { $0.item.kind == .malignancyWorkup }?.item.status == .overdue)
            // The patient list, read from its stored statuses, counts the same overdue work before and after.
            let before = items.filter { $0.patientID == pid && $0.item.status == .overdue }.count
            let listedBefore = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: today, on: app.db)
                .rows.filter { $0.id == pid }.map(\.overdue)
            #expect(listedBefore == [before])
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .malignancyScreening, date: day("2026-03-10"), transgeneInTumour: .notDetected),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            items = try await FollowUpRepository.worklist(for: f.coordinatorA, today: today, on: app.db)
            #expect(!items.contains { $0.item.kind == .malignancyWorkup })
            let listedAfter = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: today, on: app.db)
                .rows.filter { $0.id == pid }.map(\.overdue)
            #expect(listedAfter == [before - 1])
        }
    }

    @Test("a withdrawal of consent recorded in follow-up ends the journey too; the list and the state machine say so")
    func withdrawalEndsJourney() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, t) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: day("2025-06-01"), today: today, on: app.db)
            let pid = try p.requireID(), tid = t
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .consentWithdrawn, date: day("2026-03-01")),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            let state = try JourneyStateMachine.replay(try await JourneyRepository.events(of: tid, on: app.db), profile: ProductCatalogue.fucaso)
            #expect(state.stage == .followUpEnded)
            #expect(state.offRampDate == day("2026-03-01"))
            let row = try await PatientDirectory.page(PatientListQuery(), for: f.coordinatorA, today: today, on: app.db).rows.first { $0.id == pid }
            #expect(row?.stage == .followUpEnded)
            // A visit documented missed afterwards is still accepted, and changes nothing on the journey.
            _ = try await FollowUpRepository.recordEvent(FollowUpEventEntry(kind: .registryReportFiled, date: day("2026-03-02"), timepoint: .months(6)),
                                                         patientID: pid, by: f.coordinatorA, today: today, on: app.db)
            #expect(try await JourneyRepository.events(of: tid, on: app.db).filter { $0.kind == .followUpEnded }.count == 1)
        }
    }
}
